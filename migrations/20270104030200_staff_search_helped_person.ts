import type { Knex } from 'knex';

export const name = '20270104030200_staff_search_helped_person';

/**
 * The staff queue's search finds a request for help by the name of the person it is for (its
 * "subject"), folded as the rest of the search is ("berzina" finds "Bērziņa"). The same expression
 * as src/staff/reports/search.ts, so the search reads this index; whom it may show is the staff
 * member's scope, applied to the report beside it. On the embedded engine pg_trgm is loaded with
 * the instance, as for `reports_staff_search`.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    'CREATE INDEX help_requests_staff_search ON help_requests USING gin (tilts_fold(subject_name) gin_trgm_ops)',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS help_requests_staff_search');
}
