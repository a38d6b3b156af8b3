import assert from 'node:assert/strict';
import type { Knex } from 'knex';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';

/**
 * Every query the public pages make, read with EXPLAIN at 1,000,000 reports: none may read the
 * whole `reports` table (a sequential scan), since at that size one such query is a second of work
 * on every page view. The queries are the app's own, caught with knex's `query` event while each
 * public page is requested; the data is loaded in one statement per table (not the demo seeder),
 * spread the way a real municipality's would be, then analysed as autovacuum would.
 *
 * On PostgreSQL only (TEST_DATABASE_URL): the embedded engine plans the same, but a million rows
 * would take minutes to load there and its plans are not what a server runs.
 */

// QUERY_PLANS_REPORTS may lower it to try the test quickly; the claim is about a million.
const REPORTS = Number(process.env.QUERY_PLANS_REPORTS ?? 1_000_000);
// Titles and descriptions from a few words, as real ones repeat (and a trigram index of random
// text would take minutes to build).
const WORDS = [
  'Bedre ceļā',
  'Nedeg laternas',
  'Pārpildīti konteineri',
  'Salauzts sols',
  'Applūdusi iela',
  'Nokritis koks',
  'Bīstams tilts',
];

interface Captured {
  page: string;
  sql: string;
  bindings: readonly unknown[];
  /** Run as a named statement (db/prepared.ts): its plan is made once, for any bound value. */
  prepared: boolean;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

/** Every node of a plan, depth first. */
function nodesOf(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodesOf)];
}

/** `from=…&to=…` of the 36 months up to this one (by UTC: never a month Riga has not reached yet). */
function longestPeriod(): string {
  const now = new Date();
  const key = (date: Date) => date.toISOString().slice(0, 7);
  return `from=${key(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 35, 1)))}&to=${key(now)}`;
}

/**
 * A million reports in one INSERT … SELECT: parishes and categories unevenly used (a few busy
 * parishes, roads the commonest), statuses in a realistic mix, six years of dates with more of
 * them recent, most with a pin; a few private, unconfirmed, hidden, held and withdrawn; every
 * confirmed one not held is routed. Every tenth report has a public update (to its status, when it
 * is resolved or closed) and every fiftieth a photo. The secondary indexes of the three tables
 * are dropped first and built again after, exactly as they were, and foreign keys are not checked row
 * by row (as any bulk load does).
 */
async function loadReports(knex: Knex, count: number): Promise<void> {
  const parishes = ((await knex('parishes').select('code').orderBy('code')) as { code: string }[]).map(
    (row) => row.code,
  );
  const categories = (await knex('categories').select('code', 'visibility').orderBy('sort')) as {
    code: string;
    visibility: string;
  }[];
  const publicCodes = categories.filter((row) => row.visibility === 'public').map((row) => row.code);
  const privateCodes = categories.filter((row) => row.visibility !== 'public').map((row) => row.code);
  const tables = ['reports', 'report_updates', 'report_photos'];
  const { rows: indexes } = await knex.raw<{ rows: { indexname: string; indexdef: string }[] }>(
    `select i.indexname, i.indexdef from pg_indexes i
      where i.schemaname = current_schema() and i.tablename = any(?)
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    [tables],
  );
  const timings: string[] = [];
  await knex.transaction(async (trx) => {
    await trx.raw("set local maintenance_work_mem = '256MB'");
    // No per-row triggers while loading: the codes come from the tables they refer to, and the page
    // cache's change triggers have nothing to say about a database no page has been read from yet.
    await trx.raw("set local session_replication_role = 'replica'");
    const started = Date.now();
    for (const index of indexes) await trx.raw(`drop index ${index.indexname}`);
    await trx.raw(
      `insert into reports (ref, category_code, parish_code, is_private, title, description, location,
         lat, lon, reporter_name, reporter_email, status, close_reason, hidden, held_at, withdrawn_at,
         confirmed_at, routed_at, created_at, updated_at)
       select 'RZN-' || (1900 + g % 100) || '-' || lpad(g::text, 7, '0'),
         case when private then (:privateCodes::text[])[1 + (g % cardinality(:privateCodes::text[]))]
              else (:publicCodes::text[])[1 + floor(cardinality(:publicCodes::text[]) * power(random(), 1.6))::int] end,
         (:parishes::text[])[1 + floor(cardinality(:parishes::text[]) * power(random(), 1.8))::int],
         private,
         (:words::text[])[1 + g % 7], (:words::text[])[1 + g % 5] || ' pie ' || (:words::text[])[1 + g % 3],
         'Iela ' || (g % 700),
         case when g % 10 < 7 then 56.2 + random() * 0.6 end, case when g % 10 < 7 then 26.9 + random() * 0.9 end,
         'Vārds Uzvārds', 'bulk' || g || '@example.lv',
         status, case when status = 'closed' then 'no_action' end,
         g % 500 = 0, case when g % 997 = 0 then created end, case when g % 331 = 0 then created end,
         case when status <> 'unconfirmed' then created end,
         -- Routed once confirmed, unless held (a held report is never routed): the statistics read these.
         case when status <> 'unconfirmed' and g % 997 <> 0 then created + interval '1 minute' end,
         created, created
       from (
         select g, random() < 0.03 as private, now() - interval '6 years' * power(random(), 1.5) as created,
           case when r < 0.03 then 'unconfirmed' when r < 0.28 then 'open' when r < 0.43 then 'acknowledged'
                when r < 0.58 then 'in_progress' when r < 0.90 then 'resolved' else 'closed' end as status
         from (select g, random() as r from generate_series(1, :count::int) g) numbers
       ) drawn`,
      { privateCodes, publicCodes, parishes, count, words: WORDS },
    );
    timings.push(`reports ${Date.now() - started} ms`);
    await trx.raw(
      `insert into report_updates (report_id, author_kind, channel, from_status, to_status, public_text, created_at)
       select id, 'recipient', 'email', 'open',
         case when status in ('resolved', 'closed') then status else 'in_progress' end,
         'Darbi sāksies pirmdien ' || id, created_at + interval '2 days'
       from reports where id % 10 = 0`,
    );
    await trx.raw(
      `insert into report_photos (report_id, storage_key, width, height, thumb_width, thumb_height, created_at)
       select id, 'bulk-' || id, 1600, 1200, 320, 240, created_at from reports where id % 50 = 0`,
    );
    for (const index of indexes) {
      const started = Date.now();
      await trx.raw(index.indexdef);
      timings.push(`${index.indexname} ${Date.now() - started} ms`);
    }
  });
  const started = Date.now();
  for (const table of tables) await knex.raw(`vacuum analyze ${table}`);
  timings.push(`vacuum ${Date.now() - started} ms`);
  if (process.env.QUERY_PLANS_TIMINGS) console.log(timings.join('\n'));
}

describe('query plans of the public pages at 1,000,000 reports (PostgreSQL)', function () {
  this.timeout(280_000);
  let context: TestContext;
  let loadMs = 0;

  before(async function () {
    if (!process.env.TEST_DATABASE_URL) {
      // The plans that matter are a server's; the embedded engine would take minutes to load.
      this.skip();
    }
    context = await makeApp({ PAGE_CACHE_SECONDS: '0' });
    const started = Date.now();
    await loadReports(context.services.knex, REPORTS);
    loadMs = Date.now() - started;
  });

  /** Requests each page in turn and keeps every query it makes, with the page that made it. */
  async function capture(pages: readonly string[]): Promise<Captured[]> {
    const { knex } = context.services;
    const captured: Captured[] = [];
    let page = '';
    const listener = (query: {
      sql: string;
      bindings?: readonly unknown[];
      options?: { prepared?: boolean };
    }) =>
      captured.push({
        page,
        sql: query.sql,
        bindings: query.bindings ?? [],
        prepared: query.options?.prepared === true,
      });
    knex.on('query', listener);
    try {
      for (page of pages) {
        const res = await request(context.app).get(page);
        assert.equal(res.status, 200, `${page} answers ${res.status}`);
      }
    } finally {
      knex.removeListener('query', listener);
    }
    return captured;
  }

  type Connection = {
    escapeLiteral(value: string): string;
    query(
      sql: string,
      values?: readonly unknown[],
    ): Promise<{ rows: { 'QUERY PLAN': [{ Plan: PlanNode }] }[] }>;
  };

  /**
   * The plan a prepared statement gets once PostgreSQL settles on one plan for every value (the
   * generic plan, which it may choose after five executions): made here without waiting.
   */
  async function genericPlan(connection: Connection, query: Captured): Promise<PlanNode> {
    await connection.query(`prepare tilts_plan_check as ${query.sql}`);
    try {
      await connection.query('set plan_cache_mode = force_generic_plan');
      // EXECUTE takes its values as SQL, not as bound parameters.
      const literal = (value: unknown): string => {
        if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
        if (typeof value === 'string') return connection.escapeLiteral(value);
        if (value instanceof Date) return connection.escapeLiteral(value.toISOString());
        throw new Error(`a value this test cannot write as SQL: ${JSON.stringify(value)}`);
      };
      const values = query.bindings.map(literal).join(', ');
      const execute = `explain (format json) execute tilts_plan_check${values ? `(${values})` : ''}`;
      const { rows } = await connection.query(execute);
      return rows[0]!['QUERY PLAN'][0].Plan;
    } finally {
      await connection.query('reset plan_cache_mode');
      await connection.query('deallocate tilts_plan_check');
    }
  }

  /** The plans a query may run with: the one for its values, and a prepared one's generic plan. */
  async function explain(query: Captured): Promise<PlanNode[]> {
    // The driver's own connection: knex's query event gives the SQL in its native form ($1, $2…).
    const client = context.services.knex.client as {
      acquireConnection(): Promise<unknown>;
      releaseConnection(connection: unknown): Promise<void>;
    };
    const connection = (await client.acquireConnection()) as Connection;
    try {
      const { rows } = await connection.query(`explain (format json) ${query.sql}`, query.bindings);
      const custom = rows[0]!['QUERY PLAN'][0].Plan;
      return query.prepared ? [custom, await genericPlan(connection, query)] : [custom];
    } finally {
      await client.releaseConnection(connection);
    }
  }

  it('reads every public query from an index, never by a sequential scan of reports', async () => {
    const { knex } = context.services;
    const publicReport = (await knex('reports')
      .where({ is_private: false, hidden: false, status: 'in_progress' })
      .whereNull('held_at')
      .whereNull('withdrawn_at')
      .where('id', '>', REPORTS / 2)
      .whereRaw('id % 10 = 0')
      .first('ref')) as { ref: string };
    const busiest = 'audrinu';
    const lists = [
      '/reports',
      `/reports?parish=${busiest}`,
      `/reports?parish=${busiest}&status=resolved`,
      '/reports?apvieniba=kaunatas',
      '/reports?category=roads',
      '/reports?status=open',
      '/reports?category=waste&parish=maltas&status=in_progress',
      '/reports?q=pirmdien',
      '/reports?q=RZN-1900-0000500',
      '/reports?page=50',
      `/reports?parish=${busiest}&status=resolved&page=50`,
      '/reports?page=400',
    ];
    // Later pages as the list links them: "next" three times, by cursor.
    let next = '/reports?category=roads';
    for (let step = 0; step < 3; step += 1) {
      const res = await request(context.app).get(next).expect(200);
      const link = /<a href="([^"]+)" rel="next"/.exec(res.text)?.[1]?.replaceAll('&amp;', '&');
      assert.ok(link?.includes('after='), `no cursor link on ${next}`);
      next = link!;
      lists.push(next);
    }
    const back = /<a href="([^"]+)" rel="prev"/
      .exec((await request(context.app).get(next).expect(200)).text)?.[1]
      ?.replaceAll('&amp;', '&');
    assert.ok(back?.includes('before='));
    lists.push(back!);
    const sitemapParts = [
      ...(await request(context.app).get('/sitemap.xml').expect(200)).text.matchAll(/\/(sitemap-\d+\.xml)/g),
    ].map((match) => `/${match[1]}`);
    const pages = [
      '/',
      ...lists,
      ...lists.slice(0, 4).map((url) => url.replace('/reports', '/map')),
      '/map/reports.geojson',
      '/map/reports.geojson?parish=maltas&status=open',
      '/map/pins.json?category=roads',
      '/map/parishes.json',
      '/map/parishes.json?apvieniba=kaunatas&status=open',
      '/map/parishes.json?category=roads',
      `/reports/${publicReport.ref}`,
      '/statistics',
      '/statistics.csv',
      // The longest period anyone may ask for (36 months), where most reports count.
      `/statistics?${longestPeriod()}`,
      `/parishes/${busiest}`,
      '/apvienibas/kaunatas',
      '/help',
      '/feeds/reports.atom',
      '/feeds/reports.rss?parish=maltas&category=roads',
      `/reports/${publicReport.ref}/feed.atom`,
      '/open-data',
      '/open-data/reports.csv?parish=maltas',
      '/open-data/reports.json?status=open&category=roads',
      '/open311/v2/requests.json',
      '/open311/v2/requests.json?service_code=roads&status=open',
      `/open311/v2/requests/${publicReport.ref}.json`,
      '/sitemap.xml',
      ...sitemapParts.slice(0, 2),
    ];
    const started = Date.now();
    const captured = await capture(pages);
    const reads = captured.filter(
      (query) => /^\s*(select|with)\b/i.test(query.sql) && /\breports\b/.test(query.sql),
    );
    assert.ok(reads.length >= pages.length, `only ${reads.length} queries on reports were caught`);
    const failures: string[] = [];
    const seen = new Set<string>();
    let prepared = 0;
    for (const query of reads) {
      const key = `${query.sql}\u0000${JSON.stringify(query.bindings)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const plans = await explain(query);
      if (query.prepared) prepared += 1;
      plans.forEach((plan, index) => {
        const scans = nodesOf(plan).filter(
          (node) => node['Node Type'] === 'Seq Scan' && node['Relation Name'] === 'reports',
        );
        const which = index === 0 ? '' : ' (its generic plan, as prepared)';
        if (scans.length > 0)
          failures.push(`${query.page}: a sequential scan of reports${which} in\n  ${query.sql}`);
      });
    }
    assert.deepEqual(failures, [], failures.join('\n\n'));
    // The list and a report's page are prepared: their generic plans were read too.
    assert.ok(prepared >= 2, `only ${prepared} prepared queries were caught`);
    console.log(
      `      ${REPORTS.toLocaleString('en')} reports loaded in ${(loadMs / 1000).toFixed(1)} s; ` +
        `${seen.size} distinct queries of ${pages.length} pages explained in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  });
});
