import type { Knex } from 'knex';

/**
 * The fast path to a million reports: the demo seeder writes each report in JavaScript (about a
 * minute per 100,000 on PostgreSQL), so past its share the reports already there are copied in
 * SQL, `INSERT … SELECT`, with their timelines, recipients and "is it fixed?" questions.
 *
 * Copy k of a report is the same report k years earlier: the same parish, category, status, text,
 * place and timeline, every timestamp moved back by k years (so seasons, weekdays and the gaps
 * between events stay as they were) and a new number from `report_number_seq`, with the year of
 * its filing in its ref, so refs stay unique and look like the app's own. Photos, subscriptions,
 * mail and help requests are not copied (a photo file has one row; the rest is not what public
 * pages read). Columns are read from the catalogue, so a column added by a later migration is
 * copied as it is.
 */
export async function multiplyReports(
  knex: Knex,
  target: number,
  log: (line: string) => void,
): Promise<{ added: number; ms: number }> {
  const started = Date.now();
  const count = async () => Number(((await knex('reports').count({ n: '*' })) as [{ n: number }])[0].n);
  const base = await count();
  if (base === 0) throw new Error('multiplyReports needs reports to copy');
  const maxBaseId = Number(((await knex('reports').max({ id: 'id' })) as [{ id: number }])[0].id);
  let total: number;
  // Maintaining nine indexes row by row (a trigram one among them) is most of the work: they are
  // dropped for the copies and built again at the end, whatever happens.
  const indexes = await secondaryIndexes(knex, ['reports', 'report_updates']);
  for (const index of indexes) await knex.raw(`drop index if exists ${quote(index.name)}`);
  try {
    total = await copyUntil(knex, { base, maxBaseId, target, log });
  } finally {
    await rebuild(knex, indexes, log);
  }
  return { added: total - base, ms: Date.now() - started };
}

/** Builds the indexes again, in one transaction so the larger sort memory applies to each. */
async function rebuild(
  knex: Knex,
  indexes: { name: string; definition: string }[],
  log: (line: string) => void,
): Promise<void> {
  const started = Date.now();
  const times: string[] = [];
  await knex.transaction(async (trx) => {
    await trx.raw("set local maintenance_work_mem = '128MB'");
    for (const index of indexes) {
      const at = Date.now();
      await trx.raw(index.definition);
      times.push(`${index.name} ${Math.round((Date.now() - at) / 1000)} s`);
    }
  });
  log(`  indexes built again in ${Math.round((Date.now() - started) / 1000)} s: ${times.join(', ')}`);
}

/** The indexes of `tables` that no constraint owns (primary keys and unique constraints stay). */
async function secondaryIndexes(
  knex: Knex,
  tables: string[],
): Promise<{ name: string; definition: string }[]> {
  const { rows } = await knex.raw<{ rows: { name: string; definition: string }[] }>(
    `select i.indexname as name, i.indexdef as definition from pg_indexes i
     where i.schemaname = current_schema() and i.tablename = any(?)
       and not exists (select 1 from pg_constraint c where c.conname = i.indexname)
     order by i.indexname`,
    [tables],
  );
  return rows;
}

async function copyUntil(
  knex: Knex,
  options: { base: number; maxBaseId: number; target: number; log: (line: string) => void },
): Promise<number> {
  const { base, maxBaseId, target, log } = options;
  const count = async () => Number(((await knex('reports').count({ n: '*' })) as [{ n: number }])[0].n);
  let total = base;
  for (let years = 1; total < target; years++) {
    const share = Math.min(base, target - total);
    const steps = await knex.transaction((trx) => copyOnce(trx, { maxBaseId, share, years }));
    total = await count();
    log(
      `  ${share.toLocaleString('en')} reports copied ${years} year(s) back (${steps}), ${total.toLocaleString('en')} in all`,
    );
    if (years > 100) throw new Error('multiplyReports: no progress');
  }
  return total;
}

interface Column {
  column_name: string;
  data_type: string;
}

async function columns(trx: Knex.Transaction, table: string): Promise<Column[]> {
  const { rows } = await trx.raw<{ rows: Column[] }>(
    `select column_name, data_type from information_schema.columns
     where table_schema = current_schema() and table_name = ? order by ordinal_position`,
    [table],
  );
  return rows;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The select list that copies `table`'s rows of the mapped reports: `overrides` by column, every
 * timestamp moved back, the rest as it is; `id` left to its sequence unless overridden.
 */
async function selectList(
  trx: Knex.Transaction,
  table: string,
  years: number,
  overrides: Record<string, string>,
): Promise<{ names: string; values: string }> {
  const list = (await columns(trx, table)).filter((c) => c.column_name !== 'id' || 'id' in overrides);
  const value = (c: Column) =>
    overrides[c.column_name] ??
    (c.data_type.startsWith('timestamp')
      ? `t.${quote(c.column_name)} - interval '${years} years'`
      : `t.${quote(c.column_name)}`);
  return {
    names: list.map((c) => quote(c.column_name)).join(', '),
    values: list.map(value).join(', '),
  };
}

async function copyOnce(
  trx: Knex.Transaction,
  options: { maxBaseId: number; share: number; years: number },
): Promise<string> {
  const { maxBaseId, share, years } = options;
  const steps: string[] = [];
  const step = async (name: string, sql: string, bindings: readonly Knex.RawBinding[] = []) => {
    const started = Date.now();
    await trx.raw(sql, bindings);
    steps.push(`${name} ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };
  // The copies point only at rows that exist, so a superuser skips the foreign-key triggers (one
  // lookup per row); anyone else copies with them, more slowly.
  const { rows } = await trx.raw<{ rows: { rolsuper: boolean }[] }>(
    'select rolsuper from pg_roles where rolname = current_user',
  );
  if (rows[0]?.rolsuper) await trx.raw('set local session_replication_role = replica');
  await trx.raw('drop table if exists bench_copy');
  // Old id → new id and a new report number, in the order of the originals.
  await trx.raw(
    `create temporary table bench_copy on commit drop as
     select old_id, nextval(pg_get_serial_sequence('reports', 'id'))::int as new_id,
            nextval('report_number_seq')::int as number
     from (select r.id as old_id from reports r
           where r.id <= ? and not exists (select 1 from help_requests h where h.report_id = r.id)
           order by r.id limit ?) originals`,
    [maxBaseId, share],
  );
  await trx.raw('create index on bench_copy (old_id)');
  await trx.raw('analyze bench_copy');
  const shifted = `t.created_at - interval '${years} years'`;
  const reports = await selectList(trx, 'reports', years, {
    id: 'm.new_id',
    ref: `'RZN-' || extract(year from ${shifted})::int || '-' || lpad(m.number::text, greatest(5, length(m.number::text)), '0')`,
    duplicate_of: 'd.new_id',
  });
  await step(
    'reports',
    `insert into reports (${reports.names})
     select ${reports.values} from reports t
     join bench_copy m on m.old_id = t.id
     left join bench_copy d on d.old_id = t.duplicate_of
     where t.id <= ?`,
    [maxBaseId],
  );
  for (const table of ['report_updates', 'report_recipients', 'fixed_questions']) {
    const copy = await selectList(trx, table, years, { report_id: 'm.new_id' });
    await step(
      table,
      `insert into ${table} (${copy.names})
       select ${copy.values} from ${table} t join bench_copy m on m.old_id = t.report_id
       where t.report_id <= ?`,
      [maxBaseId],
    );
  }
  return steps.join(', ');
}
