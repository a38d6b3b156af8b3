/*
 * The emails of offers (to the volunteer, in their language): the data each template in
 * views/emails/ reads. Merged into `EmailTemplateData` in src/mail/templates.ts.
 */

/** What was offered, as the email repeats it: kind codes and the places' names. */
export interface OfferEmailView {
  kinds: string[];
  places: string[];
}

interface ToVolunteer {
  name: string;
  offer: OfferEmailView;
  /** Their private page: edit, pause or withdraw. */
  manageUrl: string;
}

export interface HelpOfferEmails {
  /** Confirm the offer by its link (nothing happens until then). */
  'help-offer-confirm': Omit<ToVolunteer, 'manageUrl'> & { confirmUrl: string; expiresAt: Date };
  /** The offer is active: the private link to edit, pause or withdraw it. */
  'help-offer-active': ToVolunteer;
  /** Every three months: still available? One-click answers. */
  'help-offer-check': ToVolunteer & { yesUrl: string; pauseUrl: string; withdrawUrl: string; days: number };
  /** The check went unanswered: the offer is paused until they start it again. */
  'help-offer-paused': ToVolunteer;
  /** To a new address given on the private page: its link makes it the offer's (nothing else in it). */
  'help-offer-email': Omit<ToVolunteer, 'manageUrl'> & { confirmUrl: string; expiresAt: Date };
  /** That link opened: the offer writes to this address now, and its state is said as it is (paused or not). */
  'help-offer-address': ToVolunteer & { paused: boolean };
}

export const HELP_OFFER_TEMPLATES = [
  'help-offer-confirm',
  'help-offer-active',
  'help-offer-check',
  'help-offer-paused',
  'help-offer-email',
  'help-offer-address',
] as const satisfies readonly (keyof HelpOfferEmails)[];
