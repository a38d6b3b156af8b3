import type { Knex } from 'knex';

export const name = '20261202040000_create_moderation';

const hiding = (t: Knex.AlterTableBuilder) => {
  t.timestamp('hidden_at', { useTz: true });
  t.integer('hidden_by_staff_id').references('id').inTable('staff_members').onDelete('SET NULL');
  t.text('hidden_reason');
};

/**
 * Moderation: a report, an update or a photo can be hidden with a reason (the original is kept,
 * and the public page says it was hidden and when); residents can report abuse; an address or a
 * whole domain can be banned, and a banned sender's reports are held, never routed.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('reports', (t) => {
    hiding(t);
    // Held: kept, never routed or published (a banned sender's report), until staff decide.
    t.timestamp('held_at', { useTz: true });
    t.text('held_reason');
  });
  await knex.schema.alterTable('report_updates', hiding);
  await knex.schema.alterTable('report_photos', hiding);
  await knex.schema.createTable('abuse_reports', (t) => {
    t.increments('id');
    t.integer('report_id').notNullable().references('id').inTable('reports').onDelete('CASCADE');
    t.integer('update_id').references('id').inTable('report_updates').onDelete('CASCADE');
    t.integer('photo_id').references('id').inTable('report_photos').onDelete('CASCADE');
    t.text('reason').notNullable();
    t.string('language', 2).notNullable().defaultTo('lv');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('handled_at', { useTz: true });
    t.integer('handled_by_staff_id').references('id').inTable('staff_members').onDelete('SET NULL');
    t.string('outcome', 20).checkIn(['hidden', 'kept']);
    t.index(['handled_at', 'created_at']);
  });
  await knex.schema.createTable('banned_senders', (t) => {
    t.increments('id');
    t.string('kind', 10).notNullable().checkIn(['address', 'domain']);
    t.string('value', 254).notNullable();
    t.text('reason').notNullable();
    t.integer('created_by_staff_id').references('id').inTable('staff_members').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('lifted_at', { useTz: true });
    t.integer('lifted_by_staff_id').references('id').inTable('staff_members').onDelete('SET NULL');
  });
  await knex.raw(
    'CREATE INDEX banned_senders_active ON banned_senders (kind, lower(value)) WHERE lifted_at IS NULL',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('banned_senders');
  await knex.schema.dropTable('abuse_reports');
  for (const table of ['report_photos', 'report_updates']) {
    await knex.schema.alterTable(table, (t) => {
      t.dropColumns('hidden_at', 'hidden_by_staff_id', 'hidden_reason');
    });
  }
  await knex.schema.alterTable('reports', (t) => {
    t.dropColumns('hidden_at', 'hidden_by_staff_id', 'hidden_reason', 'held_at', 'held_reason');
  });
}
