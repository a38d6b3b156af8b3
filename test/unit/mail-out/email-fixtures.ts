import { STATUS_WORDS } from '../../../src/mail/inbound/status-words.js';
import { alertEmails } from './alert-fixtures.js';
import { helpMatchEmails } from './help-match-fixtures.js';
import { helpOfferEmails } from './help-offer-fixtures.js';
import { helpRequestEmails } from './help-request-fixtures.js';
import type {
  EmailTemplate,
  EmailTemplateData,
  ReportEmailView,
  UpdateEmailView,
} from '../../../src/mail/templates.js';

/** Data for every email template, shaped as the services build it. */
export const report: ReportEmailView = {
  ref: 'RZN-2026-00042',
  title: 'Bedre ceļā pie skolas',
  description: 'Liela bedre.\nOtrā rinda.',
  location: 'Skolas iela 3, Kaunata',
  language: 'lv',
  status: 'open',
  categoryName: 'Ceļi un ietves',
  parishName: 'Kaunatas pagasts',
  isPrivate: false,
  mapUrl: 'https://www.openstreetmap.org/?mlat=56.3&mlon=27.5#map=17/56.3/27.5',
};

export const update: UpdateEmailView = {
  authorLabelKey: 'mail.author.parishAdmin',
  authorName: 'Kaunatas pagasta pārvalde',
  fromStatus: 'open',
  toStatus: 'in_progress',
  text: 'Darbi sāksies pirmdien.',
  language: 'lv',
  photoUrls: ['http://tilts.test/photos/k1?sig=s'],
};

const staff = {
  recipient: { name: 'Kaunatas pagasta pārvalde', role: 'parish_admin' },
  statusWords: STATUS_WORDS,
  actionUrls: {
    acknowledged: 'http://tilts.test/actions/a1',
    in_progress: 'http://tilts.test/actions/a2',
    resolved: 'http://tilts.test/actions/a3',
    not_ours: 'http://tilts.test/actions/a4',
  },
  reportUrl: 'http://tilts.test/reports/RZN-2026-00042',
};

export const emailData: EmailTemplateData = {
  'report-confirm': {
    report,
    confirmUrl: 'http://tilts.test/reports/confirm/token123',
    expiresAt: new Date('2026-11-30T10:00:00Z'),
  },
  'report-published': {
    report,
    privateUrl: 'http://tilts.test/reports/RZN-2026-00042?token=own',
    publicUrl: 'http://tilts.test/reports/RZN-2026-00042',
    recipients: [
      { name: 'Kaunatas pagasta pārvalde', role: 'parish_admin' },
      { name: 'Sociālā darbiniece Anna', role: 'social_worker' },
    ],
  },
  'subscription-confirm': { report, confirmUrl: 'http://tilts.test/subscriptions/confirm/sub1' },
  'report-new': {
    ...staff,
    report,
    reporter: { name: 'Jānis Bērziņš', email: 'janis@example.lv', phone: '+371 20000000' },
    photoUrls: ['http://tilts.test/photos/p1?sig=a', 'http://tilts.test/photos/p2?sig=b'],
  },
  'report-relay': {
    ...staff,
    report,
    update: { ...update, authorLabelKey: 'mail.author.reporter', authorName: 'Jānis' },
  },
  'report-update': {
    report,
    update,
    reportUrl: 'http://tilts.test/reports/RZN-2026-00042',
    unsubscribeUrl: 'http://tilts.test/unsubscribe/s1/sig',
    reader: 'follower',
  },
  'fixed-question': {
    report,
    answerUrls: {
      yes: 'http://tilts.test/reports/RZN-2026-00042/fixed/y',
      no: 'http://tilts.test/reports/RZN-2026-00042/fixed/n',
      unknown: 'http://tilts.test/reports/RZN-2026-00042/fixed/u',
    },
    reportUrl: 'http://tilts.test/reports/RZN-2026-00042?token=own',
    unsubscribeUrl: 'http://tilts.test/unsubscribe/r1/sig',
    privateContext: '',
  },
  'not-ours-alert': {
    report,
    recipient: { name: 'Kaunatas pagasta pārvalde', email: 'kaunata@example.lv' },
    comment: 'Tas ir valsts ceļš.',
  },
  'status-words-help': {
    word: '#gatavs',
    statusWords: STATUS_WORDS,
    report: { ref: report.ref, title: report.title },
  },
  'bounce-alert': {
    contacts: [{ name: 'Kaunatas pagasta pārvalde', email: 'kaunata@example.lv' }],
    status: '5.1.1',
  },
  'held-reply': {
    report: { ref: report.ref, title: report.title },
    from: 'kaimins@example.lv',
    text: 'Bedre joprojām ir.',
    why: { code: 'not_staff', detail: 'kaimins@example.lv' },
    workspaceUrl: 'https://tilts.example.org/staff/inbound/7',
  },
  'reply-expired': { report: { ref: report.ref, title: report.title } },
  'reply-withdrawn': { report: { ref: report.ref, title: report.title } },
  'reply-held': {
    report: { ref: report.ref, title: report.title },
    why: 'attachments',
    workspaceUrl: 'https://tilts.example.org/staff/reports/RZ-2026-00042',
  },
  'reply-empty': {
    report: { ref: report.ref, title: report.title },
    workspaceUrl: 'https://tilts.example.org/staff/reports/RZ-2026-00042',
  },
  'status-word-refused': {
    report: { ref: report.ref, title: report.title },
    status: 'closed',
    wanted: 'in_progress',
    workspaceUrl: `https://tilts.example.org/staff/reports/${report.ref}`,
  },
  'photos-refused': {
    report: { ref: report.ref, title: report.title },
    files: ['IMG_0042.HEIC', 'skenējums.tif'],
  },
  'duplicate-refused': {
    report: { ref: report.ref, title: report.title },
    status: 'open',
    given: 'RZN-2026-99999',
    workspaceUrl: `https://tilts.example.org/staff/reports/${report.ref}`,
  },
  'report-moved': {
    report,
    reportUrl: 'http://tilts.test/reports/RZN-2026-00042',
    unsubscribeUrl: 'http://tilts.test/unsubscribe/s1/sig',
    reader: 'follower',
  },
  'report-withdrawn': { report },
  'report-private': { report, reportsUrl: 'http://tilts.test/reports?parish=kaunatas' },
  'inbound-alert': {
    inboundId: 7,
    attempts: 12,
    error: 'connection terminated unexpectedly',
    receivedAt: new Date('2026-11-30T10:00:00Z'),
  },
  'staff-sign-in': { name: 'Anna Bērziņa', signInUrl: 'http://tilts.test/staff/sign-in/abc', minutes: 10 },
  'staff-locked': { name: 'Anna Bērziņa', attempts: 5, minutes: 15 },
  'staff-two-factor-reset': { name: 'Anna Bērziņa' },
  'staff-assigned': {
    name: 'Anna Bērziņa',
    by: 'Inese Sociālā',
    report: {
      ref: 'RZN-2026-000123',
      title: 'Bedre pie skolas',
      language: 'lv',
      categoryName: 'Ceļi un ietves',
      parishName: 'Kaunatas pagasts',
      isHelp: false,
    },
    workspaceUrl: 'http://tilts.test/staff/reports/RZN-2026-000123',
  },
  ...helpOfferEmails,
  ...alertEmails,
  ...helpRequestEmails,
  ...helpMatchEmails,
};

export const templates = Object.keys(emailData) as EmailTemplate[];
