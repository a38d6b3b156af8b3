/**
 * Every action the audit log records; the log's page names each (`admin.audit.actions`, its dots
 * as underscores). A new one is added here, and given its words, or it does not compile.
 */
export const AUDIT_ACTIONS = [
  'api_key.create',
  'api_key.revoke',
  'category.add',
  'category.update',
  'contact.add',
  'contact.update',
  'contact.bouncing-cleared',
  'help.cancel',
  'help.consent-by-phone',
  'help.outcome',
  'help.propose',
  'help.request.create',
  'help.request.erase',
  'help.request.export',
  'help.request.told',
  'help_offer.erase',
  'help_offer.export',
  'inbound.drop',
  'inbound.place',
  'inbound.publish',
  'inbound.retry',
  'moderation.ban',
  'moderation.unban',
  'moderation.hide',
  'moderation.unhide',
  'moderation.keep',
  'outbox.retry',
  'report.assign',
  'report.move',
  'report.private',
  'report.public',
  'report.reporter-erase',
  'report.release',
  'report.take',
  'report.update',
  'routing-rule.add',
  'routing-rule.remove',
  'sign-in.link-sent',
  'sign-in.link-used',
  'sign-in.locked',
  'sign-in.totp-enrolled',
  'sign-in.totp',
  'sign-in.recovery-code',
  'sign-in.wrong-code',
  'sign-out',
  'staff.add',
  'staff.update',
  'staff.two-factor-reset',
  'subscriber.erase',
  'subscriber.export',
  'template.add',
  'template.update',
  'template.deactivate',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Every kind of object an entry is about; the log names each (`admin.audit.objectTypes`). */
export const AUDIT_OBJECT_TYPES = [
  'report',
  'report_update',
  'report_photo',
  'category',
  'contact',
  'staff',
  'routing-rule',
  'template',
  'outbox',
  'api_key',
  'inbound',
  'help-match',
  'help_offer',
  'abuse_report',
  'banned_sender',
] as const;

export type AuditObjectType = (typeof AUDIT_OBJECT_TYPES)[number];

/**
 * Every field an audit entry's before and after may hold. The log's page says each in words, in
 * the reader's language (src/admin/audit/words.ts, catalog `admin.audit.changeFields`), and
 * `AuditRepository.append` takes no other: a new field is added here, and given its words, or the
 * code that writes it does not compile.
 */
export const AUDIT_FIELDS = [
  // A report (snapshot in src/staff/reports/action-kit.ts) and what was done to it.
  'status',
  'closeReason',
  'category',
  'parish',
  'isPrivate',
  // A category made private: how many of its public reports it made private.
  'reportsMadePrivate',
  'assignedStaffId',
  'duplicateOf',
  'publicText',
  'internalNote',
  'reason',
  'held',
  'source',
  'hasEmail',
  'hasPhone',
  // A request for help, its matches and a volunteer's offer.
  'forWhom',
  'wants',
  'kinds',
  'subjectToldByEmail',
  'via',
  'format',
  'photos',
  'mail',
  'report',
  'offer',
  'from',
  'answer',
  'how',
  'erased',
  // A follower's or alert subscriber's erasure: how many of each went.
  'follows',
  'alerts',
  'emails',
  // With what the address never proved: its unconfirmed reports, and offers' new addresses to confirm.
  'unconfirmedReports',
  'pendingAddresses',
  // Inbound mail.
  'outcome',
  'reportId',
  // Moderation: hiding, abuse reports, bans.
  'hiddenAt',
  'abuseReportsClosed',
  'about',
  'handledAt',
  'kind',
  'value',
  'liftedAt',
  // API keys and the outbox.
  'label',
  'trusted',
  'prefix',
  'revokedAt',
  'attempts',
  'lastError',
  'to',
  'nextAttemptAt',
  // Staff members, contacts, categories, routing rules, response templates.
  'email',
  'name',
  'role',
  'language',
  'active',
  'contacts',
  'sessionsRevoked',
  'signInLinksCancelled',
  'enrolled',
  'code',
  'parishCode',
  'bouncingSince',
  'visibility',
  'names',
  'targetDays',
  'apvienibaCode',
  'categoryCode',
  'contactId',
  'id',
  'title',
  'body',
] as const;

export type AuditField = (typeof AUDIT_FIELDS)[number];

/** An entry's before or after: an object of named fields only (`T` is what the caller gives). */
export type AuditValues<T> = T & { readonly [K in Exclude<keyof T, AuditField>]: never };
