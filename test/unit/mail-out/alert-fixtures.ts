import type { AlertEmails } from '../../../src/alerts/emails.js';

const report = {
  ref: 'RZN-2026-00042',
  title: 'Bedre ceļā pie skolas',
  categoryName: 'Ceļi un ietves',
  parishName: 'Kaunatas pagasts',
  url: 'http://tilts.test/reports/RZN-2026-00042',
};
const unsubscribeUrl = 'http://tilts.test/alerts/unsubscribe/a7/sig';
const scope = 'Kaunatas pagasts, Ceļi un ietves';

/** Data for the alerts' emails, shaped as the alert service builds it. */
export const alertEmails: AlertEmails = {
  'alert-confirm': {
    scope,
    unsubscribeUrl,
    frequency: 'daily',
    confirmUrl: 'http://tilts.test/alerts/confirm/token123',
    expiresAt: new Date('2026-12-07T10:00:00Z'),
  },
  'alert-report': { scope: null, unsubscribeUrl, report, description: 'Liela bedre.\nOtrā rinda.' },
  'alert-moved': {
    scope,
    unsubscribeUrl,
    report,
    description: 'Liela bedre.',
    from: 'Maltas pagasts',
  },
  'alert-update': { scope, unsubscribeUrl, report, toStatus: 'in_progress', text: 'Darbi sāksies pirmdien.' },
  'alert-digest': {
    since: new Date('2026-03-01T06:00:00Z'),
    scope,
    unsubscribeUrl,
    reports: [report],
    moved: [
      {
        ...report,
        ref: 'RZN-2026-00043',
        url: 'http://tilts.test/reports/RZN-2026-00043',
        from: 'Maltas pagasts',
      },
    ],
    updates: [{ ...report, toStatus: 'resolved', text: 'Salabots.' }],
  },
};
