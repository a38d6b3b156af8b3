import type { Knex } from 'knex';

export const name = '20261227010000_report_text_language';

/**
 * The language a report's own words are written in, apart from its reporter's language (the one
 * their emails and pages speak): a resident reading Tilts in Russian often writes in Latvian, and
 * a screen reader must read the title and description with the voice of their words (WCAG 3.1.2).
 * Null for reports written before, which keep being read as written in the reporter's language.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('reports', (t) => {
    t.string('text_language', 2).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('reports', (t) => {
    t.dropColumn('text_language');
  });
}
