import type { HelpRequestEmails } from '../../../src/help/requests/emails.js';

/** Data for the requests' emails, shaped as the request service builds it. */
export const helpRequestEmails: HelpRequestEmails = {
  'help-request-received': {
    ref: 'RZN-2026-00043',
    forOther: true,
    privateUrl: 'http://tilts.test/reports/RZN-2026-00043?token=own',
    socialWorkers: ['Kaunatas pagasta sociālais darbinieks'],
  },
  'help-request-subject': {
    ref: 'RZN-2026-00043',
    askedBy: 'Jānis Bērziņš',
    recorded: ['Vārds: Anna', 'Tālrunis', 'Vajadzīga palīdzība: transports'],
    socialWorkers: ['Kaunatas pagasta sociālais darbinieks'],
    contactUrl: 'http://tilts.test/help/privacy',
  },
};
