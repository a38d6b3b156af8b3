/*
 * The emails of offers (to the volunteer, in their language): the data each template in
 * views/emails/ reads. Merged into `EmailTemplateData` in src/mail/templates.ts.
 */

export interface HelpOfferEmails {
  /** Confirm the offer by its link (nothing happens until then). */
  'help-offer-confirm': { name: string; confirmUrl: string; expiresAt: Date };
  /** The offer is active: the private link to edit, pause or withdraw it. */
  'help-offer-active': { name: string; manageUrl: string };
  /** Every three months: still available? One-click answers. */
  'help-offer-check': {
    name: string;
    yesUrl: string;
    pauseUrl: string;
    withdrawUrl: string;
    manageUrl: string;
  };
  /** The check went unanswered: the offer is paused until they start it again. */
  'help-offer-paused': { name: string; manageUrl: string };
}

export const HELP_OFFER_TEMPLATES = [
  'help-offer-confirm',
  'help-offer-active',
  'help-offer-check',
  'help-offer-paused',
] as const satisfies readonly (keyof HelpOfferEmails)[];
