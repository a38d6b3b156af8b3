import type { Knex } from 'knex';
import { textLanguage } from '../src/reports/text-language.js';

export const name = '20261225010000_help_need_language';

/**
 * The language of the social worker's words about a need, so a volunteer who reads Tilts in
 * another language is given them marked with their own `lang`, as a parish's answer is. Earlier
 * proposals are read once to tell (staff write Latvian unless the text says otherwise).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('help_matches', (t) => {
    t.string('need_language', 2).notNullable().defaultTo('lv');
  });
  const rows = (await knex('help_matches').select('id', 'need_text')) as { id: number; need_text: string }[];
  for (const row of rows) {
    const language = textLanguage(row.need_text, 'lv');
    if (language !== 'lv')
      await knex('help_matches').where({ id: row.id }).update({ need_language: language });
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('help_matches', (t) => {
    t.dropColumn('need_language');
  });
}
