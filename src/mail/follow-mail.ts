import type { Knex } from 'knex';

/**
 * The emails that go to an address only because it follows a report or receives alerts: asking to
 * follow, a withdrawn or private report's notice (never its reporter's), asking for alerts and the alerts.
 * An update of a report (`report-update`, also its move) goes to its followers too, and to its
 * reporter.
 */
export const FOLLOW_AND_ALERT_MAIL = [
  'subscription-confirm',
  'report-withdrawn',
  'report-private',
  'alert-confirm',
  'alert-report',
  'alert-update',
  'alert-digest',
] as const;

/**
 * Whether an `outbox` row went to a follower or an alert's subscriber, not to the report's
 * reporter or its parish: one of FOLLOW_AND_ALERT_MAIL, or an update of a report sent to another
 * address than its reporter's. A select expression (`as to_follower`) for a query of `outbox`.
 */
export const toFollowerColumn = (knex: Knex) =>
  knex.raw(
    `(outbox.kind in (${FOLLOW_AND_ALERT_MAIL.map(() => '?').join(', ')})
      or (outbox.kind = 'report-update' and not exists (
        select 1 from reports
        where reports.id = outbox.report_id and lower(reports.reporter_email) = lower(outbox.to_email)
      ))) as to_follower`,
    [...FOLLOW_AND_ALERT_MAIL],
  );
