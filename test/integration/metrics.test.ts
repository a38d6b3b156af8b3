import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import { SETTLE_MS } from '../../src/page-cache/feed.js';
import { ROOT_DIR } from '../../src/paths.js';
import { makeApp, type TestContext } from '../support/app.js';
import { queriesDuring } from '../support/database.js';
import { routedReport } from '../support/reports.inbound.js';
import { parseExposition, scrapeWithoutDatabase } from './metrics-helpers.js';

const TOKEN = 'prometheus-scrape-token-0123456789';

describe('/metrics: who may read it', function () {
  this.timeout(60_000); // the first test app of a process creates and migrates its database
  const refused = async (test: request.Test) => {
    const res = await test.expect(403);
    assert.equal(res.text, 'Forbidden\n', 'a bare refusal, no reason');
    assert.match(String(res.headers['content-type']), /^text\/plain/);
    assert.doesNotMatch(res.text, /tilts_|process_/);
  };

  it('answers this machine by default, in the Prometheus text format, never cached', async () => {
    const { app } = await makeApp();
    const res = await request(app).get('/metrics').expect(200);
    assert.equal(res.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8');
    assert.equal(res.headers['cache-control'], 'no-store');
    const metrics = parseExposition(res.text);
    assert.equal(metrics.types.get('tilts_http_requests_total'), 'counter');
    assert.equal(metrics.types.get('tilts_http_request_duration_seconds'), 'histogram');
    assert.equal(metrics.types.get('tilts_outbox_pending'), 'gauge');
    assert.equal(metrics.value('tilts_database_up'), 1);
    assert.ok(metrics.value('process_resident_memory_bytes')! > 10_000_000, 'process memory');
    assert.ok(metrics.value('nodejs_heap_size_used_bytes')! > 0);
    assert.equal(metrics.types.get('nodejs_eventloop_lag_seconds'), 'gauge');
    assert.equal(metrics.types.get('process_cpu_seconds_total'), 'counter');
  });

  it("names every tilts_ metric it answers with in docs/operations.md's Monitoring table", async () => {
    // The operator writes alerts and dashboards from that table: a metric missing there is one
    // they never learn of (tilts_db_pool_pending_creates was).
    const { app } = await makeApp();
    const { types } = parseExposition((await request(app).get('/metrics').expect(200)).text);
    const guide = fs.readFileSync(path.join(ROOT_DIR, 'docs/operations.md'), 'utf8');
    const monitoring = guide.slice(
      guide.indexOf('\n## Monitoring'),
      guide.indexOf('\n## When the outbox grows'),
    );
    const named = new Set(monitoring.match(/(?<=`)tilts_[a-z_]+/g));
    const ours = [...types.keys()].filter((name) => name.startsWith('tilts_'));
    assert.ok(ours.length > 15, `the scrape has the app's own figures: ${ours.join(', ')}`);
    assert.deepEqual(
      ours.filter((name) => !named.has(name)),
      [],
      'every metric has its row',
    );
  });

  it('writes no request log line for a scrape, as for a health probe, but does for a page', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const { app } = await makeApp({}, { logger });
    await request(app).get('/metrics').expect(200);
    await request(app).get('/healthz').expect(200);
    await request(app).get('/reports').expect(200);
    // The line is written when the connection closes, just after the answer.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const paths = lines
      .map((line) => (JSON.parse(line) as { req?: { path?: string } }).req?.path)
      .filter(Boolean);
    assert.deepEqual(paths, ['/reports']);
  });

  it('refuses another address, as TRUST_PROXY makes it out from X-Forwarded-For', async () => {
    const { app } = await makeApp({ TRUST_PROXY: 'loopback' });
    await refused(request(app).get('/metrics').set('X-Forwarded-For', '203.0.113.9'));
    await refused(request(app).get('/metrics').set('X-Forwarded-For', '127.0.0.1, 203.0.113.9'));
    // The proxy on this machine forwards a request of this machine: that one may read.
    await request(app).get('/metrics').set('X-Forwarded-For', '127.0.0.1').expect(200);
  });

  it('refuses a forwarded request when no proxy is trusted, though it comes from 127.0.0.1', async () => {
    const { app } = await makeApp();
    await refused(request(app).get('/metrics').set('X-Forwarded-For', '127.0.0.1'));
    await refused(request(app).get('/metrics').set('Forwarded', 'for=127.0.0.1'));
    // A proxy that names its client in X-Real-IP alone (a common nginx setting) forwards it all the same.
    await refused(request(app).get('/metrics').set('X-Real-IP', '203.0.113.9'));
  });

  it('refuses a wrong token even from an allowed address, and takes the right one from anywhere', async () => {
    const { app } = await makeApp({ METRICS_TOKEN: TOKEN, TRUST_PROXY: 'loopback' });
    await refused(request(app).get('/metrics').set('Authorization', `Bearer ${TOKEN}-not`));
    await refused(request(app).get('/metrics').set('Authorization', 'Bearer x'));
    await refused(request(app).get('/metrics').set('Authorization', `Basic ${TOKEN}`));
    const res = await request(app)
      .get('/metrics')
      .set('X-Forwarded-For', '198.51.100.20')
      .set('Authorization', `Bearer ${TOKEN}`)
      .expect(200);
    assert.equal(parseExposition(res.text).value('tilts_database_up'), 1);
  });

  it('lets no address in with METRICS_ALLOW=none, and no token at all without METRICS_TOKEN', async () => {
    const closed = await makeApp({ METRICS_ALLOW: 'none', METRICS_TOKEN: TOKEN });
    await refused(request(closed.app).get('/metrics'));
    await request(closed.app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    const tokenless = await makeApp({ METRICS_ALLOW: 'none' });
    await refused(request(tokenless.app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`));
  });
});

describe('/metrics: requests by route and status', () => {
  let context: TestContext;
  const scrape = async () => parseExposition((await request(context.app).get('/metrics').expect(200)).text);

  before(async () => {
    context = await makeApp();
  });

  it('counts each request under its route pattern, a kept page with a fresh one, and times it', async () => {
    const report = await routedReport(context, { name: 'Jānis Ozols', phone: '+371 29123456' });
    const { app } = context;
    // On PostgreSQL a page rendered just after a commit is not kept (page-cache/feed.ts).
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS + 50));
    await request(app).get(`/reports/${report.ref}`).expect(200);
    assert.equal(
      await queriesDuring(context.services.knex, () =>
        request(app).get(`/reports/${report.ref}`).expect(200),
      ),
      0,
      'kept',
    );
    await request(app).get('/reports/RZN-2026-99999').expect(404);
    await request(app).get('/no/such/page/8f4e2b1c9d7a6e5f').expect(404);
    await request(app).get('/parishes/kaunatas').expect(200);
    const post = await request(app).post('/reports').type('form').send({ title: 'x' });
    // Open311's routes carry their whole path and its errors a handler mounted under it.
    await request(app).get('/open311/v2/requests/RZN-2099-00001.json').expect(404);
    const metrics = await scrape();
    const requests = (route: string, status: string, method = 'GET') =>
      metrics.value('tilts_http_requests_total', { method, route, status });
    assert.equal(requests('/reports/:ref', '200'), 2);
    assert.equal(requests('/reports/:ref', '404'), 1);
    assert.equal(requests('(unmatched)', '404'), 1);
    assert.equal(requests('/parishes/:code', '200'), 1);
    assert.equal(requests('/reports', String(post.status), 'POST'), 1);
    assert.equal(requests('/open311/v2/requests/:id.:format', '404'), 1);
    assert.equal(
      metrics.value('tilts_http_request_duration_seconds_count', { method: 'GET', route: '/reports/:ref' }),
      3,
    );
    const buckets = metrics
      .all('tilts_http_request_duration_seconds_bucket')
      .filter((sample) => sample.labels.route === '/reports/:ref');
    assert.ok(buckets.length > 5 && buckets.some((bucket) => bucket.labels.le === '0.005'));
    assert.ok(
      metrics.value('tilts_http_request_duration_seconds_sum', { method: 'GET', route: '/reports/:ref' })! >
        0,
    );

    // The pattern only: no reference, no path of a stranger, nothing of the reporter.
    const labels = metrics.samples.flatMap((sample) => Object.values(sample.labels)).join('\n');
    for (const leak of [report.ref, '8f4e2b1c9d7a6e5f', 'kaunatas', 'janis@example.org', 'Ozols', '29123456'])
      assert.ok(!labels.includes(leak), leak);
  });

  it('counts /metrics itself and is never answered from a cache', async () => {
    const before = (await scrape()).value('tilts_http_requests_total', {
      method: 'GET',
      route: '/metrics',
      status: '200',
    })!;
    const after = (await scrape()).value('tilts_http_requests_total', {
      method: 'GET',
      route: '/metrics',
      status: '200',
    });
    assert.equal(after, before + 1);
  });

  it('may be compressed, and still reads as Prometheus text', async () => {
    const res = await request(context.app).get('/metrics').set('Accept-Encoding', 'gzip').expect(200);
    assert.equal(res.headers['content-encoding'], 'gzip');
    assert.ok(parseExposition(res.text).value('tilts_database_up') === 1);
  });
});

describe('/metrics: while the database is away', () => {
  it('answers with the process figures and tilts_database_up 0, leaving the queue figures out', async () => {
    const exposition = await scrapeWithoutDatabase();
    assert.equal(exposition.value('tilts_database_up'), 0);
    assert.equal(exposition.types.has('tilts_outbox_dead'), false);
    assert.equal(exposition.types.has('tilts_scheduler_lag_seconds'), false);
    assert.ok(exposition.value('process_resident_memory_bytes')! > 0);
    assert.equal(exposition.value('tilts_db_pool_max'), 1);
  });
});
