import type { Knex } from 'knex';

export const name = '20270111010000_audit_ip_forgotten';

/**
 * The audit log stays append-only with one exception: the staff member's IP address of an entry may
 * be taken out (set to null), and nothing else of the row changed, so the hourly task can forget
 * the addresses of entries older than AUDIT_IP_RETENTION_DAYS while the entry itself (who did what,
 * when, before and after) stays as the municipality's record. Deleting a row, changing any other
 * column, or writing an address where there was none or another one is still refused by the
 * database, whatever the application does. The period lives in the configuration, not here: the
 * database allows only the taking out, which can hide nothing an entry says was done. The row is
 * compared whole but for its ip (as JSON), so a column added later is held by the same rule.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND OLD.ip IS NOT NULL AND NEW.ip IS NULL
        AND to_jsonb(NEW) - 'ip' = to_jsonb(OLD) - 'ip' THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
    END;
    $$ LANGUAGE plpgsql`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
    END;
    $$ LANGUAGE plpgsql`);
}
