import type { Knex } from 'knex';

export const name = '20261230030000_help_submission_keys';

const TABLES = ['help_offers', 'help_requests'] as const;

/**
 * The random key each render of a help form carries (`submission_key`), kept with the offer or
 * request it made: the same form sent twice (a double click, a resend after a slow link) finds
 * the row the first made and makes none, not even at the same moment (the key is unique). Rows
 * made before, and by staff, have none.
 */
export async function up(knex: Knex): Promise<void> {
  for (const table of TABLES) {
    await knex.schema.alterTable(table, (t) => {
      t.string('submission_key', 64)
        .nullable()
        .unique({ indexName: `${table}_submission_key_unique` });
    });
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const table of TABLES) {
    await knex.schema.alterTable(table, (t) => {
      t.dropUnique(['submission_key'], `${table}_submission_key_unique`);
      t.dropColumn('submission_key');
    });
  }
}
