import type { Knex } from 'knex';

export const name = '20261215010000_notify_page_changes';

/**
 * Tells every app process, on commit, what changed on the public pages, so each drops the pages
 * that show it (src/page-cache/): `NOTIFY tilts_pages` with `report:<ref>` for a public report
 * (or its timeline, photos, recipients), `statistics` for a private one (its counts are public),
 * `reports` when a statement touched more than 40 public rows, or the table's name for reference
 * data, "is it fixed?" answers and volunteers' offers. Unconfirmed reports tell nothing. One
 * trigger per statement (with its transition table), so a bulk load sends one notification.
 */
const REPORT_TABLES = ['reports', 'report_updates', 'report_photos', 'report_recipients'] as const;
const NAMED_TABLES = [
  'apvienibas',
  'parishes',
  'categories',
  'contacts',
  'routing_rules',
  'fixed_questions',
  'help_offers',
  'help_offer_kinds',
  'help_offer_parishes',
] as const;
const EVENTS = [
  { op: 'insert', rows: 'NEW TABLE AS new_rows' },
  { op: 'update', rows: 'OLD TABLE AS old_rows NEW TABLE AS new_rows' },
  { op: 'delete', rows: 'OLD TABLE AS old_rows' },
] as const;

/** The statement's rows of `reports`, before and after, as the trigger sees them. */
const REPORT_ROWS = {
  INSERT: 'SELECT ref, is_private, status FROM new_rows',
  DELETE: 'SELECT ref, is_private, status FROM old_rows',
  UPDATE:
    'SELECT ref, is_private, status FROM old_rows UNION ALL SELECT ref, is_private, status FROM new_rows',
};
/** The reports whose children (timeline, photos, recipients) the statement touched. */
const CHILD_ROWS = {
  INSERT: 'SELECT ref, is_private, status FROM reports WHERE id IN (SELECT report_id FROM new_rows)',
  DELETE: 'SELECT ref, is_private, status FROM reports WHERE id IN (SELECT report_id FROM old_rows)',
  UPDATE: `SELECT ref, is_private, status FROM reports
    WHERE id IN (SELECT report_id FROM old_rows UNION SELECT report_id FROM new_rows)`,
};

function changedFunction(fn: string, rows: Record<'INSERT' | 'DELETE' | 'UPDATE', string>): string {
  const branch = (sql: string) => `
    refs := ARRAY(SELECT ref FROM (${sql}) r WHERE status <> 'unconfirmed' AND NOT is_private LIMIT 41);
    counted := EXISTS (SELECT 1 FROM (${sql}) r WHERE status <> 'unconfirmed');`;
  return `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  refs text[];
  counted boolean;
BEGIN
  IF TG_OP = 'INSERT' THEN ${branch(rows.INSERT)}
  ELSIF TG_OP = 'DELETE' THEN ${branch(rows.DELETE)}
  ELSE ${branch(rows.UPDATE)}
  END IF;
  PERFORM tilts_pages_send(refs, counted);
  RETURN NULL;
END $$`;
}

// PostgreSQL drops a transaction's repeated notifications (same channel and payload) itself.
const SEND = `CREATE FUNCTION tilts_pages_send(refs text[], counted boolean) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  one text;
BEGIN
  IF cardinality(refs) > 40 THEN
    PERFORM pg_notify('tilts_pages', 'reports');
  ELSIF cardinality(refs) > 0 THEN
    FOREACH one IN ARRAY refs LOOP
      PERFORM pg_notify('tilts_pages', 'report:' || one);
    END LOOP;
  ELSIF counted THEN
    PERFORM pg_notify('tilts_pages', 'statistics');
  END IF;
END $$`;

const TABLE_NAMED = `CREATE FUNCTION tilts_pages_table_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('tilts_pages', TG_TABLE_NAME);
  RETURN NULL;
END $$`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(SEND);
  await knex.raw(TABLE_NAMED);
  await knex.raw(changedFunction('tilts_pages_reports_changed', REPORT_ROWS));
  await knex.raw(changedFunction('tilts_pages_report_children_changed', CHILD_ROWS));
  for (const table of REPORT_TABLES) {
    const fn = table === 'reports' ? 'tilts_pages_reports_changed' : 'tilts_pages_report_children_changed';
    // A trigger with transition tables takes one event only.
    for (const { op, rows } of EVENTS) {
      await knex.raw(`CREATE TRIGGER tilts_pages_${op} AFTER ${op.toUpperCase()} ON ${table}
        REFERENCING ${rows} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
    }
    await knex.raw(`CREATE TRIGGER tilts_pages_truncate AFTER TRUNCATE ON ${table}
      FOR EACH STATEMENT EXECUTE FUNCTION tilts_pages_table_changed()`);
  }
  for (const table of NAMED_TABLES) {
    await knex.raw(`CREATE TRIGGER tilts_pages AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
      FOR EACH STATEMENT EXECUTE FUNCTION tilts_pages_table_changed()`);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const table of NAMED_TABLES) await knex.raw(`DROP TRIGGER tilts_pages ON ${table}`);
  for (const table of REPORT_TABLES) {
    for (const op of ['insert', 'update', 'delete', 'truncate']) {
      await knex.raw(`DROP TRIGGER tilts_pages_${op} ON ${table}`);
    }
  }
  for (const fn of [
    'tilts_pages_report_children_changed',
    'tilts_pages_reports_changed',
    'tilts_pages_table_changed',
  ]) {
    await knex.raw(`DROP FUNCTION ${fn}()`);
  }
  await knex.raw('DROP FUNCTION tilts_pages_send(text[], boolean)');
}
