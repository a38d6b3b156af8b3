import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import type { Express } from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { createDatabase, type Database } from '../../src/db/knex.js';
import { changeFeed, SETTLE_MS } from '../../src/page-cache/feed.js';
import { PageChangeListener } from '../../src/page-cache/listener.js';
import { createServices, type Services } from '../../src/services.js';
import { behindPageCache } from '../support/page-cache.js';
import { makeApp, makeOutbox, type TestContext } from '../support/app.js';
import { makeReport, moveReport } from '../support/reports.js';

const url = process.env.TEST_DATABASE_URL;
const silent = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface SecondApp {
  app: Express;
  database: Database;
  services: Services;
  renders(): number;
}

/** A second app process on the same database: its own knex pool, services and page cache. */
async function secondApp(first: TestContext): Promise<SecondApp> {
  const database = createDatabase({ databaseUrl: url, poolMax: 3 });
  const services = await createServices({
    config: first.config,
    knex: database.knex,
    logger: silent,
    mail: await makeOutbox(first.config),
  });
  const app = createApp(services);
  const render = app.render.bind(app) as (...args: unknown[]) => void;
  let renders = 0;
  (app as unknown as { render: (...args: unknown[]) => void }).render = (...args: unknown[]) => {
    renders += 1;
    render(...args);
  };
  return { app, database, services, renders: () => renders };
}

/** Asks app 2 for a page until it shows `pattern`, for at most `ms`; how long it took, or undefined. */
async function seenWithin(
  app: Express,
  path: string,
  pattern: RegExp,
  ms: number,
): Promise<number | undefined> {
  const start = Date.now();
  while (Date.now() - start <= ms) {
    const page = await request(app).get(path);
    if (pattern.test(page.text)) return Date.now() - start;
    await sleep(50);
  }
  return undefined;
}

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) return false;
    await sleep(25);
  }
  return true;
}

describe('the page cache across app processes (PostgreSQL)', function () {
  const opened: { close(): Promise<unknown> }[] = [];

  before(function () {
    if (!url) this.skip(); // PGlite is one process
  });

  afterEach(async () => {
    for (const thing of opened.splice(0)) await thing.close();
  });

  async function twoApps(seconds: string) {
    const first = await makeApp({ PAGE_CACHE_SECONDS: seconds });
    const second = await secondApp(first);
    opened.push({ close: () => second.database.close() });
    return { first, second };
  }

  function listen(second: SecondApp, databaseUrl = url!) {
    const applicationName = `tilts-test-${crypto.randomUUID().slice(0, 8)}`;
    const listener = new PageChangeListener({
      databaseUrl,
      feed: changeFeed(second.database.knex),
      logger: silent,
      applicationName,
      reloadReference: () => second.services.reference.reload(),
      retryMs: 100,
      maxRetryMs: 200,
    });
    listener.start();
    opened.push({ close: () => listener.stop() });
    return { listener, applicationName };
  }

  it("shows app 1's change on app 2 within the time to live, without notifications", async () => {
    const { first, second } = await twoApps('2');
    const { report } = await makeReport(first.services);
    await sleep(SETTLE_MS + 50);
    await request(second.app).get(`/reports/${report.ref}`).expect(200);
    await moveReport(first.services, report, 'in_progress', { text: 'Darbi sāksies otrdien.' });
    // Kept in app 2, which did not make the change and hears nothing of it...
    const stale = await request(second.app).get(`/reports/${report.ref}`).expect(200);
    assert.doesNotMatch(stale.text, /Darbi sāksies otrdien\./);
    // ...until its time to live has passed.
    const took = await seenWithin(second.app, `/reports/${report.ref}`, /Darbi sāksies otrdien\./, 3000);
    assert.ok(took !== undefined, 'app 2 shows the change within its time to live');
  });

  it("drops app 2's page of the changed report and its lists at once by NOTIFY, and keeps the others", async () => {
    const { first, second } = await twoApps('60');
    const { listener } = listen(second);
    assert.ok(await until(() => listener.listening, 5000), 'app 2 listens');
    const a = (await makeReport(first.services)).report;
    const b = (await makeReport(first.services)).report;
    await sleep(300);
    for (const path of [`/reports/${a.ref}`, `/reports/${b.ref}`, '/reports', '/help']) {
      await request(second.app).get(path).expect(200);
    }
    const before = second.renders();
    for (const path of [`/reports/${a.ref}`, `/reports/${b.ref}`, '/reports', '/help']) {
      await request(second.app).get(path).expect(200);
    }
    assert.equal(second.renders(), before, 'app 2 keeps its pages');

    await moveReport(first.services, a, 'in_progress', { text: 'Darbi sāksies trešdien.' });
    const took = await seenWithin(second.app, `/reports/${a.ref}`, /Darbi sāksies trešdien\./, 2000);
    assert.ok(took !== undefined, 'app 2 shows the change long before its 60 s time to live');
    const rendered = second.renders();
    await request(second.app).get('/reports').expect(200);
    assert.equal(second.renders(), rendered + 1, 'the list is rendered again');
    const kept = second.renders();
    await request(second.app).get(`/reports/${b.ref}`).expect(200);
    await request(second.app).get('/help').expect(200);
    assert.equal(second.renders(), kept, "report B's page and /help stay kept");
  });

  it("shows app 1's new category name on app 2's pages at once, its places and categories reloaded", async () => {
    const { first, second } = await twoApps('60');
    const { listener } = listen(second);
    assert.ok(await until(() => listener.listening, 5000));
    await sleep(100);
    await request(second.app).get('/').expect(200);
    await first.services
      .knex('categories')
      .where({ code: 'roads' })
      .update({ name_lv: 'Ceļi un ielas (jauns)' });
    const took = await seenWithin(second.app, '/', /Ceļi un ielas \(jauns\)/, 2000);
    assert.ok(took !== undefined, 'app 2 shows the new name long before its reference cache (60 s) expires');
  });

  it('says nothing to other processes about a report nobody can see yet', async () => {
    const { first, second } = await twoApps('60');
    const { listener } = listen(second);
    assert.ok(await until(() => listener.listening, 5000));
    await sleep(100);
    await request(second.app).get('/reports').expect(200);
    const before = second.renders();
    await makeReport(first.services, { confirmed: false });
    await sleep(500);
    await request(second.app).get('/reports').expect(200);
    assert.equal(second.renders(), before, 'an unconfirmed report drops nothing in app 2');
  });

  it('listens again after its connection is cut, and meanwhile still answers', async () => {
    const { first, second } = await twoApps('60');
    const { listener, applicationName } = listen(second);
    assert.ok(await until(() => listener.listening, 5000));
    const { report } = await makeReport(first.services);
    await first.services.knex.raw(
      'select pg_terminate_backend(pid) from pg_stat_activity where application_name = ?',
      [applicationName],
    );
    assert.ok(await until(() => !listener.listening, 5000), 'the listener notices');
    await request(second.app).get(`/reports/${report.ref}`).expect(200);
    assert.ok(await until(() => listener.listening, 5000), 'and connects again');
    await sleep(100);
    await request(second.app).get(`/reports/${report.ref}`).expect(200);
    await moveReport(first.services, report, 'resolved', { text: 'Salabots ceturtdien.' });
    const took = await seenWithin(second.app, `/reports/${report.ref}`, /Salabots ceturtdien\./, 2000);
    assert.ok(took !== undefined, 'notifications arrive again');
  });

  it('never keeps the app from answering when it cannot listen', async () => {
    const { first, second } = await twoApps('60');
    const { listener } = listen(second, 'postgres://postgres@127.0.0.1:1/nowhere');
    const { report } = await makeReport(first.services);
    await request(second.app).get(`/reports/${report.ref}`).expect(200);
    await sleep(300);
    assert.equal(listener.listening, false);
    await request(second.app).get('/reports').expect(200);
  });
});

describe('the page cache right after a commit (PostgreSQL)', () => {
  before(function () {
    if (!url) this.skip(); // PGlite runs one statement at a time: nothing reads mid-commit
  });

  it('renders again shortly after a commit when no notification will come', async () => {
    const context = await makeApp();
    await sleep(SETTLE_MS + 50);
    const { app } = behindPageCache(context);
    let renders = 0;
    app.get('/reports', (_req, res) => {
      renders += 1;
      res.type('html').send('<p>page</p>');
    });
    await context.services.knex.transaction(async (trx) => {
      await trx('reports').where({ id: -1 }).update({ title: 'nothing' });
    });
    // A page that may have read the rows just before the commit landed...
    await request(app).get('/reports');
    await request(app).get('/reports');
    assert.equal(renders, 1);
    // ...is dropped once the commit has surely landed.
    await sleep(SETTLE_MS + 50);
    await request(app).get('/reports');
    assert.equal(renders, 2);
  });
});
