import type { Knex } from 'knex';

export const name = '20261203040000_add_help_match_need';

/**
 * What the volunteer is told of the need: written by the social worker when proposing, so no
 * name, address or contact of the person travels with it (the request's own words may hold
 * them). Erased with the person. And when the "how did it go?" emails went.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('help_matches', (t) => {
    t.text('need_text').notNullable().defaultTo('');
    t.timestamp('followup_sent_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('help_matches', (t) => {
    t.dropColumns('need_text', 'followup_sent_at');
  });
}
