import type { Knex } from 'knex';

export const name = '20261230010000_report_erased_at';

/**
 * When the person of a request was erased, on the report itself: their emailed link (a signed
 * token, which cannot be taken back) must stop opening the request and taking new words from
 * them. Requests erased before are marked from `help_requests.erased_at`.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('reports', (t) => {
    t.timestamp('erased_at', { useTz: true }).nullable();
  });
  await knex.raw(`
    UPDATE reports SET erased_at = h.erased_at
      FROM help_requests h
     WHERE h.report_id = reports.id AND h.erased_at IS NOT NULL`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('reports', (t) => {
    t.dropColumn('erased_at');
  });
}
