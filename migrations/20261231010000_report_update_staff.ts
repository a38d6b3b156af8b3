import type { Knex } from 'knex';

export const name = '20261231010000_report_update_staff';

/**
 * Which staff member wrote an update in the workspace. The author's name and contact are a
 * parish's, shared by its clerks; this tells one colleague from another, so the same form sent
 * again by the same person (Back, then Save) is known and not published twice. Rows from before,
 * and from email and the reporter, have none; a staff member deleted leaves their rows nameless.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('report_updates', (t) => {
    t.integer('staff_id').nullable().references('id').inTable('staff_members').onDelete('SET NULL');
  });
  // Deleting a staff member looks here for their rows; most rows have none.
  await knex.raw(
    'CREATE INDEX report_updates_staff_id ON report_updates (staff_id) WHERE staff_id IS NOT NULL',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS report_updates_staff_id');
  await knex.schema.alterTable('report_updates', (t) => {
    t.dropForeign(['staff_id']);
    t.dropColumn('staff_id');
  });
}
