import type { HelpRequestEmails } from '../../../src/help/requests/emails.js';

/** Data for the requests' emails, shaped as the request notices build it. */
export const helpRequestEmails: HelpRequestEmails = {
  'help-request-received': {
    ref: 'RZN-2026-00043',
    forOther: true,
    wants: 'call_back',
    privateUrl: 'http://tilts.test/reports/RZN-2026-00043?token=own',
    socialWorkers: [{ name: 'Kaunatas pagasta sociālais darbinieks', role: 'social_worker' }],
    unsubscribeUrl: 'http://tilts.test/unsubscribe/r43/sig',
  },
  'help-request-subject': {
    ref: 'RZN-2026-00043',
    askedBy: 'Jānis Bērziņš',
    parishNames: { lv: 'Kaunatas pagasts', en: 'Kaunata parish', ru: 'Каунатская волость' },
    recorded: { name: true, phone: true, email: true, address: true, kinds: ['transport', 'shopping'] },
    volunteerGets: { name: true, phone: true, email: true, address: true },
    socialWorkers: [
      {
        name: 'Kaunatas pagasta sociālais darbinieks',
        role: 'social_worker',
        email: 'kaunatas.socialais@example.org',
      },
    ],
    privacyUrl: 'http://tilts.test/privacy',
  },
};
