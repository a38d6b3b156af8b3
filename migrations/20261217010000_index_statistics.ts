import type { Knex } from 'knex';

export const name = '20261217010000_index_statistics';

/**
 * Indexes for the statistics and the feeds, so that neither reads the whole of `reports`
 * (src/statistics/repository.ts, src/feeds/repository.ts).
 */
const INDEXES: Record<string, string> = {
  // Reports the parishes received (RECEIVED in the statistics), by privacy and when they were
  // routed: a period's reports, public or private, with every column the figures read from
  // `reports`, from the index alone (an index-only scan).
  reports_received_routed: `reports (is_private, routed_at) INCLUDE (id, parish_code, category_code, status)
    WHERE routed_at IS NOT NULL AND held_at IS NULL AND withdrawn_at IS NULL AND status <> 'unconfirmed'`,
  // When reports became resolved or closed: those received before a period and finished in it.
  report_updates_finished: `report_updates (created_at) INCLUDE (report_id)
    WHERE to_status IN ('resolved', 'closed')`,
  // A feed's newest published reports, in the order the feed gives them (publicOnly's predicate).
  reports_public_published: `reports ((coalesce(confirmed_at, created_at)) DESC, id DESC)
    WHERE NOT is_private AND NOT hidden AND held_at IS NULL AND withdrawn_at IS NULL AND status <> 'unconfirmed'`,
  // A feed's newest public updates, newest first; their reports are then read by id.
  report_updates_public_newest: `report_updates (created_at DESC, id DESC) INCLUDE (report_id)
    WHERE is_public AND hidden_at IS NULL`,
};

export async function up(knex: Knex): Promise<void> {
  for (const [index, definition] of Object.entries(INDEXES)) {
    await knex.raw(`CREATE INDEX ${index} ON ${definition}`);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const index of Object.keys(INDEXES)) await knex.raw(`DROP INDEX IF EXISTS ${index}`);
}
