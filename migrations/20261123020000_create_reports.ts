import type { Knex } from 'knex';

export const name = '20261123020000_create_reports';

export const REPORT_STATUSES = ['unconfirmed', 'open', 'acknowledged', 'in_progress', 'resolved', 'closed'];

export async function up(knex: Knex): Promise<void> {
  // Report numbers come from one sequence, so two residents submitting at once never share a ref.
  await knex.raw('CREATE SEQUENCE report_number_seq START 1');
  await knex.schema.createTable('reports', (t) => {
    t.increments('id');
    t.string('ref', 20).notNullable().unique();
    t.string('category_code', 40).notNullable().references('code').inTable('categories');
    t.string('parish_code', 40).notNullable().references('code').inTable('parishes');
    t.boolean('is_private').notNullable();
    t.string('title', 120).notNullable();
    t.text('description').notNullable();
    t.string('location', 300).notNullable();
    t.double('lat');
    t.double('lon');
    t.string('reporter_name', 120).notNullable();
    t.string('reporter_email', 254).notNullable();
    t.string('reporter_phone', 40);
    t.boolean('show_name').notNullable().defaultTo(false);
    t.string('language', 2).notNullable().defaultTo('lv');
    t.string('status', 20).notNullable().defaultTo('unconfirmed').checkIn(REPORT_STATUSES);
    t.string('close_reason', 30).checkIn(['not_responsible', 'duplicate', 'no_action', 'withdrawn']);
    t.integer('duplicate_of').references('id').inTable('reports');
    t.boolean('hidden').notNullable().defaultTo(false);
    t.timestamp('confirm_expires_at', { useTz: true });
    t.timestamp('confirmed_at', { useTz: true });
    t.timestamp('routed_at', { useTz: true });
    t.timestamp('withdrawn_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  // The public list: newest first within a filter, only what anyone may see.
  await knex.raw(`CREATE INDEX reports_public_created ON reports (created_at DESC, id DESC)
    WHERE NOT is_private AND NOT hidden AND withdrawn_at IS NULL AND status <> 'unconfirmed'`);
  await knex.raw(`CREATE INDEX reports_public_parish_status ON reports (parish_code, status, created_at DESC, id DESC)
    WHERE NOT is_private AND NOT hidden AND withdrawn_at IS NULL AND status <> 'unconfirmed'`);
  await knex.raw(`CREATE INDEX reports_public_category ON reports (category_code, parish_code, status)
    WHERE NOT is_private AND NOT hidden AND withdrawn_at IS NULL AND status <> 'unconfirmed'`);
  await knex.raw(
    "CREATE INDEX reports_search ON reports USING gin ((title || ' ' || description || ' ' || location) gin_trgm_ops)",
  );
  await knex.raw("CREATE INDEX reports_unconfirmed ON reports (created_at) WHERE status = 'unconfirmed'");
  await knex.raw('CREATE INDEX reports_reporter_email ON reports (lower(reporter_email), created_at)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('reports');
  await knex.raw('DROP SEQUENCE report_number_seq');
}
