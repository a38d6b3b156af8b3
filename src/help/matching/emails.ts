/*
 * The emails of matching: to the volunteer, to the person (or the one who asked for them) and to
 * the social worker. Before both sides agreed, nothing in them names or locates the other side.
 * Merged into `EmailTemplateData` in src/mail/templates.ts.
 */

/** A need as the volunteer is told of it: no name, no address, no contact. */
export interface NeedView {
  kinds: string[];
  parishName: string;
  when: string;
  speaks: string[];
  description: string;
}

export interface HelpMatchEmails {
  'help-proposal': { need: NeedView; acceptUrl: string; declineUrl: string; concernUrl: string };
  'help-consent': {
    volunteer: { firstName: string; kinds: string[]; about: string };
    agreeUrl: string;
    refuseUrl: string;
    concernUrl: string;
  };
  'help-contacts': {
    other: { name: string; email: string | null; phone: string | null; location: string | null };
    side: 'volunteer' | 'person';
    concernUrl: string;
  };
  'help-match-news': { ref: string; event: string; workspaceUrl: string };
  'help-followup': {
    answerUrls: Record<'helped' | 'not_happened' | 'need_more', string>;
    concernUrl: string;
  };
  'help-concern': { ref: string; side: 'volunteer' | 'person'; text: string; workspaceUrl: string };
}

export const HELP_MATCH_TEMPLATES = [
  'help-proposal',
  'help-consent',
  'help-contacts',
  'help-match-news',
  'help-followup',
  'help-concern',
] as const satisfies readonly (keyof HelpMatchEmails)[];
