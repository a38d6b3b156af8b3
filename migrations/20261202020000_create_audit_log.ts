import type { Knex } from 'knex';

export const name = '20261202020000_create_audit_log';

/**
 * Every staff action and sign-in: who, what, when, before and after. Append-only: the database
 * itself refuses to change or delete a row, whatever the application does.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id');
    t.timestamp('at', { useTz: true }).notNullable();
    t.integer('staff_id').references('id').inTable('staff_members');
    t.string('action', 60).notNullable();
    t.string('object_type', 40);
    t.string('object_id', 60);
    t.jsonb('before');
    t.jsonb('after');
    t.string('ip', 64);
    t.index(['at']);
    t.index(['staff_id', 'at']);
    t.index(['object_type', 'object_id']);
  });
  await knex.raw(`CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
    END;
    $$ LANGUAGE plpgsql`);
  await knex.raw(`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER audit_log_append_only ON audit_log');
  await knex.raw('DROP FUNCTION audit_log_append_only()');
  await knex.schema.dropTable('audit_log');
}
