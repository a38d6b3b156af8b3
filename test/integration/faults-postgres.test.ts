import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { pino } from 'pino';
import { createDatabase, type Database } from '../../src/db/knex.js';
import { Scheduler } from '../../src/jobs/scheduler.js';
import { SmtpTransport } from '../../src/mail/transport.js';
import { changeFeed } from '../../src/page-cache/feed.js';
import { PageChangeListener } from '../../src/page-cache/listener.js';
import { OutboxWorker } from '../../src/mail/worker.js';
import { CONFIRM_VALID_MS } from '../../src/reports/service.js';
import { Signer } from '../../src/security/signing.js';
import type { Services } from '../../src/services.js';
import { resetDatabase } from '../support/database.js';
import { appOn, pollUntil, postgresUrl } from '../support/faults.js';
import { makeReport } from '../support/reports.js';
import { startSmtpCapture, type CapturedMessage, type SmtpCapture } from '../support/smtp.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { validFields } from './report-form-helpers.js';

/*
 * PostgreSQL restarted under a running app, without restarting the shared server: the app talks
 * to it through a TCP proxy. The "restart" is what a real one does to its clients: new
 * connections are refused, every backend of the app is ended with 57P01 ("terminating connection
 * due to administrator command", by pg_terminate_backend), what is left open is reset; a few
 * seconds later connections are taken again.
 */

const APP_NAME = 'tilts-faults-restart';
const silent = pino({ level: 'silent' });

interface Outcome {
  label: string;
  startedAt: number;
  endedAt: number;
  status: number | 'hung' | 'failed';
  retryAfter: string | null;
  body: string;
}

function confirmToken(services: Services, id: number): string {
  return new Signer(services.config.secret).expiring(
    'confirm-report',
    String(id),
    new Date(services.clock().getTime() + CONFIRM_VALID_MS),
  );
}

async function call(base: string, label: string, path: string, init: RequestInit = {}): Promise<Outcome> {
  const startedAt = Date.now();
  let status: Outcome['status'];
  let retryAfter: string | null = null;
  let body = '';
  try {
    // Far longer than any answer should take: a request still open then is a hang.
    const res = await fetch(`${base}${path}`, {
      ...init,
      redirect: 'manual',
      signal: AbortSignal.timeout(25_000),
    });
    status = res.status;
    retryAfter = res.headers.get('retry-after');
    body = await res.text();
  } catch (error) {
    status = (error as Error).name === 'TimeoutError' ? 'hung' : 'failed';
  }
  return { label, startedAt, endedAt: Date.now(), status, retryAfter, body };
}

describe('faults: PostgreSQL restarted while requests run', function () {
  this.timeout(120_000);

  let proxy: TcpProxy | undefined;
  let database: Database | undefined;
  let smtp: SmtpCapture | undefined;
  let server: Server | undefined;
  let worker: OutboxWorker | undefined;
  let scheduler: Scheduler | undefined;
  let listener: PageChangeListener | undefined;

  before(function () {
    if (!postgresUrl()) this.skip();
  });

  after(async () => {
    await worker?.stop();
    await scheduler?.stop();
    await listener?.stop();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await database?.close();
    await proxy?.close();
    await smtp?.close();
  });

  it('answers 503 (translated, with Retry-After) meanwhile, /healthz says so, and recovers by itself', async () => {
    const direct = await resetDatabase();
    const target = postgresUrl()!;
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(target.href);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    viaProxy.searchParams.set('application_name', APP_NAME);
    // knex's own console warnings (every refused connection) are the outage the test makes.
    const quiet = () => undefined;
    database = createDatabase({
      databaseUrl: viaProxy.href,
      poolMax: 5,
      log: { warn: quiet, error: quiet, debug: quiet, deprecate: quiet },
    });
    smtp = await startSmtpCapture();
    const { services, app, config } = await appOn(database, { SMTP_URL: smtp.url, PAGE_CACHE_SECONDS: '0' });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server!.once('listening', resolve));
    const address = server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    // The background loops, as server.ts runs them (shorter pauses, so the test need not wait).
    worker = new OutboxWorker({
      knex: database.knex,
      transport: new SmtpTransport({ smtpUrl: smtp.url, mailFrom: config.mailFrom }),
      logger: silent,
      pollMs: 200,
    });
    const probeRuns: number[] = [];
    scheduler = new Scheduler({ knex: database.knex, logger: silent, tickMs: 200 }).register(
      'faults-probe',
      1000,
      () => {
        probeRuns.push(Date.now());
        return Promise.resolve();
      },
    );
    // The page cache's LISTEN connection, as server.ts starts it: outside the pool, through the
    // same "server"; it must lose its connection without taking the process down, and come back.
    listener = new PageChangeListener({
      databaseUrl: viaProxy.href,
      feed: changeFeed(database.knex),
      logger: silent,
      applicationName: APP_NAME,
      retryMs: 200,
      maxRetryMs: 1000,
    });
    worker.start();
    scheduler.start();
    listener.start();
    await pollUntil('the page cache listening', () => (listener!.listening ? true : undefined));

    const shown = await makeReport(services, { title: 'Bedre pirms restarta' });
    const waiting = await makeReport(services, { title: 'Apstiprināta pēc restarta', confirmed: false });
    const routedBefore = await pollUntil('the first report routed and its emails sent', async () => {
      const rows = (await direct.knex('outbox').select('status', 'kind')) as { status: string }[];
      return rows.length > 1 && rows.every((row) => row.status === 'sent') ? rows.length : undefined;
    });
    assert.equal(smtp.messages.length, routedBefore);

    // Traffic all along: pages that read the database, the health check, a form post.
    const outcomes: Outcome[] = [];
    let traffic = true;
    // A complete report (a form to correct never reaches the database); the hour's limit of the
    // address is soon used up, and counting it needs the database too.
    const form = new FormData();
    for (const [name, value] of Object.entries(validFields({ email: 'restarts@example.lv' })))
      form.append(name, value);
    form.append('reviewed', '1');
    const paths: [string, string, RequestInit?][] = [
      ['list', '/reports'],
      ['report', `/reports/${shown.report.ref}`],
      ['report-en', `/reports/${shown.report.ref}?lang=en`],
      ['healthz', '/healthz'],
      ['post', '/reports', { method: 'POST', body: form }],
    ];
    const clients = paths.map(async ([label, path, init]) => {
      while (traffic) {
        outcomes.push(await call(base, label, path, init));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
    await pollUntil('pages served before the restart', () =>
      outcomes.some((o) => o.label === 'report' && o.status === 200) ? true : undefined,
    );

    // The restart: no new connections, every backend of the app ended as a shutdown ends it
    // (57P01), anything still open reset.
    const downAt = Date.now();
    await proxy.refuse();
    const { rows: ended } = await direct.knex.raw<{ rows: unknown[] }>(
      'select pg_terminate_backend(pid) from pg_stat_activity where application_name = ?',
      [APP_NAME],
    );
    assert.ok(ended.length > 0, 'the app had connections to end');
    await new Promise((resolve) => setTimeout(resolve, 200));
    proxy.dropAll();

    const during = () => outcomes.filter((o) => o.startedAt > downAt + 300);
    await pollUntil(
      'every kind of request answered while the database is away',
      () =>
        Date.now() - downAt > 3000 &&
        paths.every(([label]) => during().filter((o) => o.label === label).length >= 2)
          ? true
          : undefined,
      60_000,
    );
    // A confirmation link clicked now cannot be kept: 503, and it works once the database is back.
    const confirmDuring = await call(
      base,
      'confirm',
      `/reports/confirm/${confirmToken(services, waiting.report.id)}`,
      {
        method: 'POST',
      },
    );
    assert.equal(listener.listening, false, 'the page cache knows it hears nothing');
    const upAt = Date.now();
    const down = outcomes.filter((o) => o.startedAt > downAt + 300 && o.endedAt < upAt);
    await proxy.restore();

    await pollUntil(
      'the app answering again with no restart',
      () =>
        outcomes.some((o) => o.label === 'healthz' && o.startedAt > upAt && o.status === 200) &&
        outcomes.some((o) => o.label === 'report' && o.startedAt > upAt && o.status === 200)
          ? true
          : undefined,
      60_000,
    );
    traffic = false;
    await Promise.all(clients);

    // Never a 500 and never a hang, before, during or after.
    const bad = outcomes.filter((o) => o.status === 'hung' || o.status === 'failed' || o.status === 500);
    assert.deepEqual(
      bad.map((o) => `${o.label} ${o.status}`),
      [],
    );
    // While it was away, every answer said so: 503 with Retry-After, the page translated.
    assert.ok(down.length >= paths.length * 2, `requests while down: ${down.length}`);
    for (const outcome of [...down, confirmDuring]) {
      assert.equal(outcome.status, 503, `${outcome.label} while the database is away`);
      assert.match(outcome.retryAfter ?? '', /^\d+$/, `${outcome.label} has Retry-After`);
    }
    const lvPage = down.find((o) => o.label === 'report')!;
    assert.match(lvPage.body, /Pakalpojums īslaicīgi nav pieejams/);
    assert.doesNotMatch(lvPage.body, /ECONN|57P01|terminat/i, 'no database message shown');
    assert.match(down.find((o) => o.label === 'report-en')!.body, /The service is briefly unavailable/);
    assert.deepEqual(JSON.parse(down.find((o) => o.label === 'healthz')!.body), { status: 'unavailable' });

    // The background loops survived: the confirmation refused during the outage goes through
    // now, its routing emails are claimed and sent by the same worker, the scheduler runs again.
    const confirmAfter = await call(
      base,
      'confirm',
      `/reports/confirm/${confirmToken(services, waiting.report.id)}`,
      {
        method: 'POST',
      },
    );
    assert.equal(confirmAfter.status, 200);
    const routedAfter = await pollUntil('the second report routed after recovery', async () => {
      const rows = (await direct.knex('outbox').where({ report_id: waiting.report.id })) as {
        status: string;
        message_id: string;
        to_email: string;
      }[];
      return rows.length > 0 && rows.every((row) => row.status === 'sent') ? rows : undefined;
    });
    await pollUntil('the page cache listening again', () => (listener!.listening ? true : undefined));
    await pollUntil('the scheduler running again', () =>
      probeRuns.some((at) => at > upAt) ? true : undefined,
    );
    assert.equal(await direct.knex('outbox').where({ status: 'dead' }).first(), undefined);
    for (const row of routedAfter) {
      const copies: CapturedMessage[] = smtp.messages.filter(
        (m) => m.parsed.messageId === row.message_id && m.envelope.rcptTo.includes(row.to_email),
      );
      assert.equal(copies.length, 1, `${row.to_email} got the routing email once`);
    }
    assert.ok(proxy.accepted > 1, 'the pool made new connections after the restart');
  });
});
