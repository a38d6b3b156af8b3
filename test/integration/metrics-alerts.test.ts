import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { Scheduler } from '../../src/jobs/scheduler.js';
import { ROOT_DIR } from '../../src/paths.js';
import { makeApp } from '../support/app.js';
import { CLERK, routedReport } from '../support/reports.inbound.js';
import { silentLogger } from './mail/support.js';
import {
  parseExposition,
  withMailServer,
  scrapeWithoutDatabase,
  type Exposition,
} from './metrics-helpers.js';

const MINUTE = 60_000;
const RULES = fs.readFileSync(path.join(ROOT_DIR, 'deploy/prometheus/tilts-alerts.yml'), 'utf8');

interface Rule {
  alert: string;
  expr: string;
}

/** The rules of the file: each `- alert:` with its `expr:`. */
function rules(): Rule[] {
  return [...RULES.matchAll(/^\s+- alert: (\w+)\n\s+expr: (.+)$/gm)].map((match) => ({
    alert: match[1]!,
    expr: match[2]!.trim(),
  }));
}

/**
 * Whether a rule fires on a scrape, for the one shape the tilts_* rules use: a metric, optional
 * `label="value"` matchers, a comparison and a product of numbers (`15 * 60`). Any other shape
 * fails the test rather than being skipped.
 */
function fires(expr: string, exposition: Exposition): boolean {
  const parsed = /^(\w+)(?:\{([^}]*)\})? (>|==) ([\d *]+)$/.exec(expr);
  assert.ok(parsed, `an expression this test cannot read: ${expr}`);
  const [, name, matchers = '', op, product] = parsed;
  const wanted = [...matchers.matchAll(/(\w+)="([^"]*)"/g)].map((match) => [match[1]!, match[2]!]);
  const threshold = product!.split('*').reduce((total, factor) => total * Number(factor.trim()), 1);
  assert.ok(exposition.types.has(name!) || exposition.value('tilts_database_up') === 0, `${name} is exposed`);
  return exposition
    .all(name!)
    .filter((sample) => wanted.every(([label, value]) => sample.labels[label!] === value))
    .some((sample) => (op === '>' ? sample.value > threshold : sample.value === threshold));
}

const firing = (exposition: Exposition) =>
  rules()
    .filter((rule) => rule.expr.startsWith('tilts_') && fires(rule.expr, exposition))
    .map((rule) => rule.alert)
    .sort();

describe('deploy/prometheus/tilts-alerts.yml on real scrapes', function () {
  this.timeout(60_000); // the first test app of a process creates and migrates its database
  it('names the alerts the guide promises, each on a metric Tilts exposes', () => {
    assert.deepEqual(
      rules().map((rule) => rule.alert),
      [
        'TiltsDeadLetters',
        'TiltsOutboxStuck',
        'TiltsInboundFailed',
        'TiltsSchedulerLate',
        'TiltsDatabaseDown',
        'TiltsDown',
      ],
    );
    assert.match(RULES, /expr: probe_success\{job="tilts-healthz"\} == 0/);
  });

  it('is quiet on a healthy instance, and fires on dead mail, stuck mail, failed replies and a late task', async () => {
    let now = new Date();
    const context = await makeApp({}, { clock: () => now });
    const scrape = async () => parseExposition((await request(context.app).get('/metrics').expect(200)).text);
    assert.deepEqual(firing(await scrape()), []);

    const report = await routedReport(context);
    // The mail server refuses one email for good; the others wait.
    await withMailServer(
      context,
      () => now,
      async (worker, smtp) => {
        smtp.answerWith('permanent');
        assert.equal(await worker.runOnce(), 1);
      },
      { batchSize: 1 },
    );
    // A reply whose DKIM key DNS does not give: failed, tried again later.
    context.dns.failing.add('_dmarc.example.org');
    const raw = await context.sign(
      [
        `From: ${CLERK}`,
        `To: ${context.services.links.replyAddress(report.ref, CLERK)}`,
        'Subject: Re',
        `Message-ID: <alerts-${Date.now()}@example.org>`,
        '',
        '#procesā Darbi sāksies pirmdien.',
        '',
      ].join('\r\n'),
    );
    context.dns.failing.add('tilts-test._domainkey.example.org');
    const posted = await request(context.app)
      .post('/inbound/email')
      .set('Authorization', `Bearer ${context.config.inboundSecret}`)
      .set('Content-Type', 'message/rfc822')
      .send(raw);
    assert.equal(posted.body.outcome, 'failed');
    await new Scheduler({ knex: context.services.knex, logger: silentLogger, clock: () => now })
      .register('alerts-test-task', 5 * MINUTE, () => Promise.resolve())
      .runDue();
    assert.deepEqual(firing(await scrape()), ['TiltsDeadLetters', 'TiltsInboundFailed']);

    now = new Date(now.getTime() + 21 * MINUTE); // nothing sent, nothing run since
    assert.deepEqual(firing(await scrape()), [
      'TiltsDeadLetters',
      'TiltsInboundFailed',
      'TiltsOutboxStuck',
      'TiltsSchedulerLate',
    ]);
  });

  it('fires TiltsDatabaseDown when a scrape cannot reach the database', async () => {
    assert.deepEqual(firing(await scrapeWithoutDatabase()), ['TiltsDatabaseDown']);
  });
});
