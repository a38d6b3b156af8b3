import type { Knex } from 'knex';

export const name = '20261201020000_add_outbox_bodies_purged';

// Sent emails keep who, when and the subject; their bodies (which quote reports, names and links)
// are emptied after OUTBOX_RETENTION_DAYS, and this says when.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('outbox', (t) => {
    t.timestamp('bodies_purged_at', { useTz: true });
  });
  await knex.raw(
    "CREATE INDEX outbox_unpurged ON outbox (created_at) WHERE status <> 'pending' AND bodies_purged_at IS NULL",
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX outbox_unpurged');
  await knex.schema.alterTable('outbox', (t) => {
    t.dropColumn('bodies_purged_at');
  });
}
