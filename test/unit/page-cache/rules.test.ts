import assert from 'node:assert/strict';
import { ChangeFeed } from '../../../src/page-cache/feed.js';
import {
  affects,
  classifyStatement,
  dropForPayload,
  dropsOf,
  pageScopes,
} from '../../../src/page-cache/rules.js';

const drops = (sql: string) => dropsOf(classifyStatement(sql));

describe('the page cache rules', () => {
  it('keeps the public pages that are the same for everyone, never one with a token', () => {
    assert.deepEqual(pageScopes('/', {}), ['reports']);
    assert.deepEqual(pageScopes('/reports', { parish: 'kaunatas' }), ['reports']);
    assert.deepEqual(pageScopes('/map', {}), ['reports']);
    assert.deepEqual(pageScopes('/map/pins.json', { category: 'roads' }), ['reports']);
    assert.deepEqual(pageScopes('/map/reports.geojson', {}), ['reports']);
    assert.deepEqual(pageScopes('/map/parishes.json', { status: 'open', lang: 'ru' }), ['reports']);
    assert.deepEqual(pageScopes('/reports/RZN-2026-00042', {}), ['report:RZN-2026-00042']);
    assert.deepEqual(pageScopes('/statistics', {}), ['reports', 'statistics']);
    assert.deepEqual(pageScopes('/parishes/kaunatas', {}), ['reports', 'statistics']);
    assert.deepEqual(pageScopes('/apvienibas/rezeknes', {}), ['reports', 'statistics']);
    assert.deepEqual(pageScopes('/help', {}), ['help']);
    assert.equal(pageScopes('/reports/RZN-2026-00042', { token: 'x' }), undefined);
    for (const path of [
      '/reports/new',
      '/help/offer',
      '/help/request',
      '/staff',
      '/reports/RZN-2026-1/withdraw',
      '/map/other.json',
      '/open311/v2/requests.json',
    ]) {
      assert.equal(pageScopes(path, {}), undefined, path);
    }
  });

  it('keeps a page only when its address has nothing but the parameters the page reads, each once', () => {
    const kept: [string, Record<string, unknown>][] = [
      ['/', { lang: 'en' }],
      ['/reports', { parish: 'kaunatas', apvieniba: 'rezeknes', category: 'roads', status: 'open', q: 'x' }],
      ['/reports', { page: '50', lang: 'ru' }],
      ['/map', { after: '1234' }],
      ['/reports', { before: '1234' }],
      ['/map/pins.json', { parish: 'kaunatas', q: 'bedre', lang: 'lv' }],
      ['/reports/RZN-2026-00042', { lang: 'ru' }],
      ['/statistics', { from: '2026-01', to: '2026-06' }],
      ['/parishes/kaunatas', { from: '2026-01' }],
      ['/help', { lang: 'en' }],
    ];
    for (const [path, query] of kept) assert.ok(pageScopes(path, query), `${path} ${JSON.stringify(query)}`);
    const notKept: [string, Record<string, unknown>][] = [
      ['/', { x: '1' }],
      ['/reports', { utm_source: 'newsletter' }],
      ['/reports', { parish: ['kaunatas', 'vilani'] }],
      ['/reports', { 'parish[x]': 'kaunatas' }],
      ['/map/pins.json', { page: '2' }],
      ['/map/reports.geojson', { after: '1' }],
      ['/reports/RZN-2026-00042', { done: 'withdrawn' }],
      ['/statistics', { page: '2' }],
      ['/help', { parish: 'kaunatas' }],
      ['/reports', { token: 'x' }],
    ];
    for (const [path, query] of notKept) {
      assert.equal(pageScopes(path, query), undefined, `${path} ${JSON.stringify(query)}`);
    }
  });

  it('reads which tables a statement writes, as knex and our raw SQL spell them', () => {
    assert.deepEqual(classifyStatement('select * from "reports" where "id" = $1'), { kind: 'read' });
    assert.deepEqual(classifyStatement('COMMIT;'), { kind: 'commit' });
    assert.deepEqual(classifyStatement('ROLLBACK'), { kind: 'rollback' });
    assert.deepEqual(classifyStatement('ROLLBACK TO SAVEPOINT trx3'), { kind: 'read' });
    assert.deepEqual(classifyStatement('BEGIN;'), { kind: 'read' });
    assert.deepEqual(classifyStatement('insert into "report_updates" ("report_id") values ($1)'), {
      kind: 'write',
      tables: ['report_updates'],
    });
    assert.deepEqual(classifyStatement('update "reports" set "status" = $1 where "id" = $2'), {
      kind: 'write',
      tables: ['reports'],
    });
    assert.deepEqual(classifyStatement('delete from "public"."help_offers" where "id" = $1'), {
      kind: 'write',
      tables: ['help_offers'],
    });
    assert.deepEqual(classifyStatement('truncate "outbox", "reports" restart identity cascade'), {
      kind: 'write',
      tables: ['outbox', 'reports'],
    });
    assert.deepEqual(classifyStatement('create table x (id int)'), { kind: 'write', tables: 'unknown' });
    assert.deepEqual(classifyStatement("with a as (select 'update reports set x' as s) select * from a"), {
      kind: 'read',
    });
  });

  it('never counts an upsert or a row lock as a write to another table', () => {
    // The outbox claim and a rate-limit hit, as the app sends them.
    const claim = `update outbox set attempts = attempts + 1, next_attempt_at = $1
        where id in (select id from outbox where status = 'pending' order by id limit $2 for update skip locked)
        returning *`;
    assert.deepEqual(classifyStatement(claim), { kind: 'write', tables: ['outbox'] });
    const hit = `insert into rate_limits (key, window_start, hits) values ($1, $2, 1)
       on conflict (key) do update set hits = rate_limits.hits + 1 returning hits`;
    assert.deepEqual(classifyStatement(hit), { kind: 'write', tables: ['rate_limits'] });
    assert.deepEqual(drops(claim), []);
    assert.deepEqual(drops(hit), []);
    assert.deepEqual(classifyStatement('select * from reports where id = $1 for no key update'), {
      kind: 'read',
    });
  });

  it('drops what a change shows: one report, reference data, offers; nothing for private tables', () => {
    assert.deepEqual(drops('insert into "staff_sessions" ("id") values ($1)'), []);
    assert.deepEqual(drops('insert into "audit_log" ("id") values ($1)'), []);
    assert.deepEqual(drops('update "reports" set "status" = $1'), ['reports']);
    assert.deepEqual(drops('update "categories" set "active" = false'), ['all']);
    assert.deepEqual(drops('update "help_offers" set "status" = $1'), ['help']);
    assert.deepEqual(drops('insert into "some_new_table" ("id") values ($1)'), ['all']);
    assert.equal(dropForPayload('report:RZN-2026-00001'), 'report:RZN-2026-00001');
    assert.equal(dropForPayload('report:<script>'), 'all');
    assert.equal(dropForPayload('outbox'), null);
    assert.equal(dropForPayload('parishes'), 'all');
  });

  it('drops one report page and the lists for one report, and every report page for "reports"', () => {
    const a = ['report:RZN-2026-00001'] as const;
    const b = ['report:RZN-2026-00002'] as const;
    assert.equal(affects('report:RZN-2026-00001', a), true);
    assert.equal(affects('report:RZN-2026-00001', b), false);
    assert.equal(affects('report:RZN-2026-00001', ['reports']), true);
    assert.equal(affects('reports', b), true);
    assert.equal(affects('statistics', ['reports']), false);
    assert.equal(affects('statistics', ['reports', 'statistics']), true);
    assert.equal(affects('help', ['reports']), false);
    assert.equal(affects('all', ['help']), true);
  });
});

describe('the change feed', () => {
  it('hands each cache the drops it has not seen, or says it fell too far behind', () => {
    const feed = new ChangeFeed();
    const start = feed.position;
    feed.record(['help', 'report:RZN-2026-00001']);
    assert.deepEqual(feed.since(start), ['help', 'report:RZN-2026-00001']);
    assert.deepEqual(feed.since(feed.position), []);
    for (let i = 0; i < 10_001; i += 1) feed.record(['help']);
    assert.equal(feed.since(start), undefined);
  });
});
