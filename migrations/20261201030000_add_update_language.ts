import type { Knex } from 'knex';

export const name = '20261201030000_add_update_language';

// The language an update's text is written in, so a reader in another language is told and the
// text carries its own `lang` (a parish answers in Latvian, a resident may write Russian).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('report_updates', (t) => {
    t.string('language', 2);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('report_updates', (t) => {
    t.dropColumn('language');
  });
}
