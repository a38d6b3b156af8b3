import type { Knex } from 'knex';

export const name = '20261123020100_create_report_children';

export async function up(knex: Knex): Promise<void> {
  // Who a report was sent to, as routing chose at confirmation (contacts may change later).
  await knex.schema.createTable('report_recipients', (t) => {
    t.increments('id');
    t.integer('report_id').notNullable().references('id').inTable('reports').onDelete('CASCADE');
    t.integer('contact_id').references('id').inTable('contacts').onDelete('SET NULL');
    t.string('role', 20).notNullable();
    t.string('name', 200).notNullable();
    t.string('email', 254).notNullable();
    t.unique(['report_id', 'email']);
  });
  // Every change of a report is a row here; status and timeline are derived from these rows.
  await knex.schema.createTable('report_updates', (t) => {
    t.increments('id');
    t.integer('report_id').notNullable().references('id').inTable('reports').onDelete('CASCADE');
    t.string('author_kind', 20)
      .notNullable()
      .checkIn(['reporter', 'recipient', 'staff', 'subscriber', 'system']);
    t.string('author_name', 200);
    t.integer('contact_id').references('id').inTable('contacts').onDelete('SET NULL');
    t.string('channel', 10).notNullable().checkIn(['web', 'email', 'link', 'phone', 'system']);
    t.string('from_status', 20);
    t.string('to_status', 20);
    t.text('public_text');
    t.text('internal_note');
    t.boolean('is_public').notNullable().defaultTo(true);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['report_id', 'created_at']);
  });
  await knex.schema.createTable('report_photos', (t) => {
    t.increments('id');
    t.integer('report_id').notNullable().references('id').inTable('reports').onDelete('CASCADE');
    t.integer('update_id').references('id').inTable('report_updates').onDelete('CASCADE');
    t.string('storage_key', 128).notNullable().unique();
    t.integer('width').notNullable();
    t.integer('height').notNullable();
    t.integer('thumb_width').notNullable();
    t.integer('thumb_height').notNullable();
    t.integer('position').notNullable().defaultTo(0);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['report_id']);
  });
  // Photos a resident uploaded with a form that had errors: kept so they never pick them again.
  await knex.schema.createTable('pending_uploads', (t) => {
    t.string('id', 40).primary();
    t.string('storage_key', 128).notNullable();
    t.integer('width').notNullable();
    t.integer('height').notNullable();
    t.integer('thumb_width').notNullable();
    t.integer('thumb_height').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['created_at']);
  });
  await knex.schema.createTable('subscriptions', (t) => {
    t.increments('id');
    t.integer('report_id').notNullable().references('id').inTable('reports').onDelete('CASCADE');
    t.string('email', 254).notNullable();
    t.string('name', 120);
    t.string('language', 2).notNullable().defaultTo('lv');
    t.timestamp('confirmed_at', { useTz: true });
    t.timestamp('unsubscribed_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('CREATE UNIQUE INDEX subscriptions_report_email ON subscriptions (report_id, lower(email))');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('subscriptions');
  await knex.schema.dropTable('pending_uploads');
  await knex.schema.dropTable('report_photos');
  await knex.schema.dropTable('report_updates');
  await knex.schema.dropTable('report_recipients');
}
