import type { Knex } from 'knex';
import type { StaffUser } from './types.js';

/** The reports a person's lists cover: the parishes, and through which contacts private ones are seen. */
export interface ReportScope {
  parishes: readonly string[] | 'all';
  privateVia: readonly number[] | 'all';
}

/** A parish clerk sees private reports only through the contacts they were routed to. */
export function scopeFor(user: StaffUser): ReportScope {
  return {
    parishes: user.parishes,
    privateVia: user.role === 'parish_clerk' ? user.contacts.map((contact) => contact.id) : 'all',
  };
}

/**
 * Limits a query on `reports` (under `alias`) to a scope: the same rule as `canSeeReport`, in SQL,
 * so a list never shows what the report's own page would refuse.
 */
export function whereInScope(
  knex: Knex,
  query: Knex.QueryBuilder,
  scope: ReportScope,
  alias = 'r',
): Knex.QueryBuilder {
  const { parishes, privateVia } = scope;
  if (parishes !== 'all') void query.whereIn(`${alias}.parish_code`, [...parishes]);
  if (privateVia !== 'all') {
    void query.where((where) => {
      void where.where(`${alias}.is_private`, false);
      if (privateVia.length > 0)
        void where.orWhereExists(
          knex('report_recipients as rr')
            .whereRaw(`rr.report_id = ${alias}.id`)
            .whereIn('rr.contact_id', [...privateVia]),
        );
    });
  }
  return query;
}
