import { CONTACT_ROLES } from '../../contacts/repository.js';
import { FOLLOWUP_ANSWERS } from '../../help/matching/answers.js';
import { HELP_KINDS, MATCH_STATES, type OfferStatus } from '../../help/types.js';
import { LANGUAGES } from '../../i18n/index.js';
import { INBOUND_OUTCOME_CODES } from '../../inbound/repository.js';
import { BAN_KINDS } from '../../moderation/ban-repository.js';
import type { CategoryKind, Visibility } from '../../reference/types.js';
import { REPORT_SOURCES, STATUSES, type CloseReason } from '../../reports/types.js';
import { STAFF_ROLES } from '../../staff/types.js';
import type { AuditField } from '../../audit/fields.js';

/** A set of codes an audit field may hold, and the catalog key that names each. */
export interface CodeWords {
  codes: readonly string[];
  key: (code: string) => string;
}

const under = (prefix: string, codes: readonly string[]): CodeWords => ({
  codes,
  key: (code) => `${prefix}${code}`,
});

/** Every set of codes the audit log says in words, named where the rest of Tilts names them. */
export const CODE_WORDS = {
  reportStatus: under('status.', STATUSES),
  closeReason: under('closeReason.', [
    'not_responsible',
    'duplicate',
    'no_action',
    'withdrawn',
  ] satisfies CloseReason[]),
  staffRole: under('admin.staffRoles.', STAFF_ROLES),
  contactRole: under('admin.contactRoles.', CONTACT_ROLES),
  categoryKind: under('admin.categories.kinds.', ['problem', 'help'] satisfies CategoryKind[]),
  banKind: under('moderation.bans.kinds.', BAN_KINDS),
  visibility: under('staff.queue.', ['public', 'private'] satisfies Visibility[]),
  language: under('languages.', LANGUAGES),
  source: under('staff.report.sources.', REPORT_SOURCES),
  helpKind: under('help.kinds.', HELP_KINDS),
  forWhom: under('helpMatch.forWhom.', ['self', 'other']),
  wants: under('helpMatch.wants.', ['volunteer', 'call_back', 'visit']),
  matchState: under('helpMatch.states.', MATCH_STATES),
  answer: under('admin.audit.codes.answer.', ['agree', 'refuse']),
  how: under('helpMatch.details.', FOLLOWUP_ANSWERS),
  offerStatus: under('helpOffer.status.', [
    'unconfirmed',
    'active',
    'paused',
    'withdrawn',
  ] satisfies OfferStatus[]),
  outboxStatus: under('devMailbox.status.', ['pending', 'sent', 'dead']),
  inboundOutcome: under('staff.inbound.outcomes.', [...INBOUND_OUTCOME_CODES, 'dropped']),
  abuseOutcome: under('admin.audit.codes.abuseOutcome.', ['kept', 'hidden']),
  via: under('admin.audit.codes.via.', ['phone']),
  format: under('admin.audit.codes.format.', ['json', 'csv']),
} as const satisfies Record<string, CodeWords>;

export type CodeSet = keyof typeof CODE_WORDS;

/**
 * The fields whose values are codes, and which codes: by `objectType:field` where one name means
 * two things (a help offer's status is not a report's), else by field. Only these: a free text
 * that happens to read as a code (a ban's reason "duplicate", a key labelled "open") is shown as
 * it was written, as a log must.
 */
export const FIELD_CODES: ReadonlyMap<string, CodeSet> = new Map<
  `${string}:${AuditField}` | AuditField,
  CodeSet
>([
  ['status', 'reportStatus'],
  ['help_offer:status', 'offerStatus'],
  ['outbox:status', 'outboxStatus'],
  ['closeReason', 'closeReason'],
  ['role', 'staffRole'],
  ['contact:role', 'contactRole'],
  ['kind', 'categoryKind'],
  ['banned_sender:kind', 'banKind'],
  ['visibility', 'visibility'],
  ['language', 'language'],
  ['source', 'source'],
  ['kinds', 'helpKind'],
  ['forWhom', 'forWhom'],
  ['wants', 'wants'],
  ['from', 'matchState'],
  ['answer', 'answer'],
  ['how', 'how'],
  ['outcome', 'inboundOutcome'],
  ['abuse_report:outcome', 'abuseOutcome'],
  ['via', 'via'],
  ['format', 'format'],
]);
