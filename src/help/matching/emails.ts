import type { Language } from '../../i18n/index.js';
import type { PersonDetail } from './shared-contacts.js';

/*
 * The emails of matching: to the volunteer, to the person (or the one who asked for them) and to
 * the social worker. Before both sides agreed, nothing in them names, locates or reaches the
 * other side. Merged into `EmailTemplateData` in src/mail/templates.ts.
 */

/** A need as the volunteer is told of it: the social worker's words, no name, address or contact. */
export interface NeedView {
  kinds: string[];
  parishName: string;
  days: string[];
  speaks: string[];
  description: string;
  /** The language the social worker wrote it in: said, and marked, where it is not the email's. */
  descriptionLanguage: Language;
  /** The times the asker typed ("rītos"), as typed, with no contact in them; '' when none. */
  times: string;
  /** What the times are written in, marked where the email's language differs. */
  timesLanguage: Language;
}

/** What the social worker hears of a match: a code, `helpMatch.news.<event>`. */
export type MatchNews =
  | 'accepted'
  | 'accepted_call'
  | 'declined'
  | 'taken'
  | 'agreed'
  | 'refused'
  | 'shared_call'
  | 'withdrawn'
  | 'withdrawn_shared'
  /** Staff erased the volunteer's data (on their request): not their own withdrawal. */
  | 'erased'
  | 'erased_shared'
  | 'followup_not_happened'
  | 'followup_need_more';

export interface HelpMatchEmails {
  /** To the volunteer: a need, and will you help? */
  'help-proposal': {
    need: NeedView;
    acceptUrl: string;
    declineUrl: string;
    concernUrl: string;
    /** The volunteer's own offer page (the link its confirmation gave them): it answers nothing. */
    ownUrl: string;
  };
  /** To the person (or the one who asked for them): a volunteer said yes; do you agree? */
  'help-consent': {
    /** The request's number, which the person names if they phone the parish. */
    ref: string;
    forOther: boolean;
    /** Asked for someone else: what of that person the volunteer receives once the asker agrees. */
    personShared: PersonDetail[] | null;
    /**
     * `name` only for an organisation: a volunteer helping alone is named with their contact.
     * `aboutLanguage`: what the volunteer's own words are written in, marked where the reader's differs.
     * `speaks`: the languages they speak, in the reader's words, so the person can tell whether they can talk.
     */
    volunteer: {
      name: string | null;
      kinds: string[];
      speaks?: string[];
      about: string;
      aboutLanguage?: Language;
    };
    agreeUrl: string;
    refuseUrl: string;
    concernUrl: string;
    /** The asker's own request page (the link its receipt gave them): it answers nothing. */
    ownUrl: string;
  };
  /** To each side once both agreed: how to reach the other. */
  'help-contacts': {
    side: 'volunteer' | 'person';
    other: { name: string; email: string | null; phone: string | null; location: string | null };
    /** To the volunteer, when the person was asked for by someone else who agreed for them: the asker. */
    askedBy?: { name: string; email: string | null; phone: string | null } | null;
    /** To the volunteer: the person does not know of the request yet; `other` is the one who asked. */
    personUnaware?: boolean;
    /** To the volunteer: the request's parish, in their words, beside (or instead of) the place typed. */
    parishName?: string;
    need: string;
    needLanguage: Language;
    concernUrl: string;
  };
  /** To the volunteer who said yes: it will not go ahead after all. */
  'help-cancelled': { why: 'cancelled' | 'refused' | 'taken'; concernUrl: string };
  /** To the social worker: something happened on a match of their request. */
  /** `forOther`: the consent is the asker's, on someone else's behalf (the news names them so). */
  'help-match-news': { ref: string; news: MatchNews; forOther?: boolean; workspaceUrl: string };
  /** To both sides some days after contacts were shared. */
  'help-followup': {
    /** When their contacts were shared, which the email names. */
    sharedAt: Date;
    answerUrls: Record<'helped' | 'not_happened' | 'need_more', string>;
    concernUrl: string;
  };
  /** To the social worker: words from one side, at once. */
  'help-concern': {
    ref: string;
    side: 'volunteer' | 'person';
    text: string;
    /** What the words are written in, marked where the social worker's language differs. */
    textLanguage: Language;
    workspaceUrl: string;
  };
}

export const HELP_MATCH_TEMPLATES = [
  'help-proposal',
  'help-consent',
  'help-contacts',
  'help-cancelled',
  'help-match-news',
  'help-followup',
  'help-concern',
] as const satisfies readonly (keyof HelpMatchEmails)[];
