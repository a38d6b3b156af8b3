import type { HelpOfferEmails } from '../../../src/help/offers/emails.js';

const offer = { kinds: ['transport', 'digital'], places: ['Kaunatas pagasts', 'Griškānu pagasts'] };
const manageUrl = 'http://tilts.test/help/offers/7?token=own';

/** Data for the offers' emails, shaped as the offer service builds it. */
export const helpOfferEmails: HelpOfferEmails = {
  'help-offer-confirm': {
    name: 'Ilze',
    offer,
    confirmUrl: 'http://tilts.test/help/offers/confirm/token123',
    expiresAt: new Date('2026-12-07T10:00:00Z'),
  },
  'help-offer-active': { name: 'Ilze', offer, manageUrl },
  'help-offer-check': {
    name: 'Ilze',
    offer,
    yesUrl: 'http://tilts.test/help/offers/7/check/yes?token=t',
    pauseUrl: 'http://tilts.test/help/offers/7/check/pause?token=t',
    withdrawUrl: 'http://tilts.test/help/offers/7/check/withdraw?token=t',
    manageUrl,
    days: 14,
  },
  'help-offer-paused': { name: 'Ilze', offer, manageUrl },
  'help-offer-email': {
    name: 'Ilze',
    offer,
    confirmUrl: 'http://tilts.test/help/offers/email/token456',
    expiresAt: new Date('2026-12-07T10:00:00Z'),
  },
  'help-offer-address': { name: 'Ilze', offer, manageUrl, paused: false },
};
