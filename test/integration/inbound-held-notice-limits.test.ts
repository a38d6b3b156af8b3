import assert from 'node:assert/strict';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import type { Report } from '../../src/reports/types.js';
import { createDatabase } from '../../src/db/knex.js';
import { createServices } from '../../src/services.js';
import { makeApp, makeOutbox, type TestContext } from '../support/app.js';
import { allowOutbox, refuseOutbox } from '../support/refused-outbox.js';
import { CLERK, clerkReply, postClerkReply, routedReport } from '../support/reports.inbound.js';

// The limits of src/inbound/held-replies.ts: notices to the social worker per report and per
// client (a webhook post has no client address: all of them are the client 'webhook').
const PER_REPORT = 5;
const PER_CLIENT = 20;
// How many times two processes hold a reply at once at the limit's edge.
const ROUNDS = 10;

/**
 * The social worker's notice of a held reply is limited per report and per client and hour. The
 * limits count the notices really queued: a try whose transaction failed used none of them.
 */
describe('the held-reply notice limits count only what was queued', () => {
  let context: TestContext;
  let report: Report;
  let now: Date;
  const stranger = 'kaimins@example.org';
  /**
   * An unsigned reply, which is held for the social worker: from a neighbour, never answered, or
   * from the clerk (an address the report was sent to, so she is told it was held).
   */
  const held = (app = context.app, from = stranger) =>
    request(app)
      .post('/inbound/email')
      .set('Authorization', `Bearer ${context.config.inboundSecret}`)
      .set('Content-Type', 'message/rfc822')
      .send(
        Buffer.from(
          clerkReply({
            from,
            to: context.services.links.replyAddress(report.ref, CLERK),
            text: 'Bedre joprojām ir.',
          }),
        ),
      )
      .expect(202);
  /** The answers telling the clerk her reply was held. */
  const answers = (): Promise<unknown[]> =>
    context.services.knex('outbox').where({ report_id: report.id, kind: 'reply-held' });
  const notices = (): Promise<{ to_email: string }[]> =>
    context.services.knex('outbox').where({ report_id: report.id, kind: 'held-reply' }).orderBy('id');
  const hits = async (key: string): Promise<number> => {
    const row = (await context.services.knex('rate_limits').where({ key }).first('hits')) as
      { hits: number | string } | undefined;
    return Number(row?.hits ?? 0);
  };
  /** One notice left under each limit, as after a busy hour. */
  const atTheEdge = () =>
    context.services.knex('rate_limits').insert([
      { key: `held:report:${report.id}`, window_start: now, hits: PER_REPORT - 1 },
      { key: 'held:client:webhook', window_start: now, hits: PER_CLIENT - 1 },
    ]);
  /** How many social workers one held reply on the report notifies. */
  let socialWorkers: number;

  beforeEach(async () => {
    now = new Date();
    context = await makeApp({}, { clock: () => now });
    report = await routedReport(context);
    socialWorkers = await context.services
      .knex('report_recipients')
      .where({ report_id: report.id, role: 'social_worker' })
      .then((rows: unknown[]) => rows.length);
    assert.ok(socialWorkers > 0, 'the report has a social worker to tell');
  });

  // The database is shared by the test files: a failed test must not leave the outbox refusing.
  afterEach(() => allowOutbox(context.services.knex));

  it('still tells the social worker when the message is tried again after its first try failed', async () => {
    const { knex } = context.services;
    await atTheEdge();
    // The notice's transaction fails once (the database refuses it), as any failure there would.
    await refuseOutbox(knex, 'held-reply');
    assert.equal((await held()).body.outcome, 'failed');
    assert.equal((await notices()).length, 0);
    assert.equal(await hits(`held:report:${report.id}`), PER_REPORT - 1, 'the failed try used no notice');
    assert.equal(await hits('held:client:webhook'), PER_CLIENT - 1);
    await allowOutbox(knex);
    await knex('inbound_messages').update({ next_attempt_at: new Date(now.getTime() - 1000) });
    assert.equal(await context.services.inbound.retryDue(), 1);
    assert.equal((await notices()).length, socialWorkers, 'the retry tells her, once');
    const [settled] = await knex('inbound_messages').select('outcome', 'detail');
    assert.equal(settled.outcome, 'held');
    assert.doesNotMatch(settled.detail, /no notice/);
    assert.equal(await hits(`held:report:${report.id}`), PER_REPORT, 'the notice it queued is counted');
    assert.equal(await hits('held:client:webhook'), PER_CLIENT);
    // The limit is reached: the next held reply is only kept.
    assert.equal((await held()).body.outcome, 'held');
    assert.equal((await notices()).length, socialWorkers);
  });

  it('queues no notice and counts none when counting it fails, and the retry tells her once', async () => {
    const { knex } = context.services;
    // The counters refuse the held notices' keys, as a database gone away at that moment would:
    // the notice is counted in its own transaction, which fails whole.
    await knex.raw(`create or replace function refuse_held_counters() returns trigger language plpgsql as $$
      begin raise exception 'refused for the test'; end $$`);
    await knex.raw(`create trigger refuse_held_counters before insert or update on rate_limits
      for each row when (new.key like 'held:%') execute function refuse_held_counters()`);
    try {
      assert.equal((await held()).body.outcome, 'failed', 'the door says what became of it');
    } finally {
      await knex.raw('drop trigger if exists refuse_held_counters on rate_limits');
      await knex.raw('drop function if exists refuse_held_counters()');
    }
    assert.equal((await notices()).length, 0, 'no notice without its count');
    assert.equal(await hits(`held:report:${report.id}`), 0);
    await knex('inbound_messages').update({ next_attempt_at: new Date(now.getTime() - 1000) });
    assert.equal(await context.services.inbound.retryDue(), 1);
    assert.equal((await notices()).length, socialWorkers, 'the retry tells her');
    assert.equal(await hits(`held:report:${report.id}`), 1, 'and counts it once');
    await knex('inbound_messages').update({ next_attempt_at: new Date(now.getTime() - 1000) });
    assert.equal(await context.services.inbound.retryDue(), 0, 'nothing to try again');
    assert.equal((await notices()).length, socialWorkers, 'the social worker is told once');
  });

  it('queues neither the notice nor the answer when counting the answer fails, and the retry gives each once', async () => {
    const { knex } = context.services;
    // The clerk's signed reply quoting the resident's contacts is held, and the clerk told so. The
    // counter of answers to her refuses, as a database gone away at that moment would: the answer
    // is counted in the transaction that queues it and the notice, which fails whole.
    await knex.raw(`create or replace function refuse_answer_counters() returns trigger language plpgsql as $$
      begin raise exception 'refused for the test'; end $$`);
    await knex.raw(`create trigger refuse_answer_counters before insert or update on rate_limits
      for each row when (new.key like 'reply-notice:%') execute function refuse_answer_counters()`);
    const text = 'Sazināsimies ar iedzīvotāju: janis@example.org, +371 20000000.';
    try {
      assert.equal((await postClerkReply(context, report, text)).outcome, 'failed', 'the door says so');
    } finally {
      await knex.raw('drop trigger if exists refuse_answer_counters on rate_limits');
      await knex.raw('drop function if exists refuse_answer_counters()');
    }
    assert.equal((await notices()).length, 0, 'no notice without its transaction');
    assert.equal((await answers()).length, 0, 'no answer without its count');
    assert.equal(await hits(`held:report:${report.id}`), 0, 'the failed try used no notice');
    await knex('inbound_messages').update({ next_attempt_at: new Date(now.getTime() - 1000) });
    assert.equal(await context.services.inbound.retryDue(), 1);
    const [settled] = await knex('inbound_messages').select('outcome');
    assert.equal(settled.outcome, 'held');
    assert.equal((await notices()).length, socialWorkers, 'the retry tells the social worker');
    assert.equal((await answers()).length, 1, 'and the clerk');
    assert.equal(await hits(`held:report:${report.id}`), 1, 'each counted once');
    await knex('inbound_messages').update({ next_attempt_at: new Date(now.getTime() - 1000) });
    assert.equal(await context.services.inbound.retryDue(), 0, 'nothing to try again');
    assert.equal((await notices()).length, socialWorkers, 'the social worker is told once');
    assert.equal((await answers()).length, 1, 'and the clerk once');
  });

  it('counts a notice refused by one limit against neither', async () => {
    await context.services
      .knex('rate_limits')
      .insert({ key: 'held:client:webhook', window_start: now, hits: PER_CLIENT });
    assert.equal((await held()).body.outcome, 'held');
    assert.equal((await notices()).length, 0);
    const [settled] = await context.services.knex('inbound_messages').select('detail');
    assert.match(settled.detail, /no notice \(rate limit\)/);
    assert.equal(await hits(`held:report:${report.id}`), 0, 'the report’s notices are all still there');
  });

  it('two app processes holding replies at once with one notice left: it is given once, never twice', async () => {
    // Each process reads its messages one at a time; two processes read theirs side by side. On
    // PostgreSQL the second has its own pool of connections, as another process has; PGlite runs
    // one statement at a time, so there the two only take turns.
    const url = process.env.TEST_DATABASE_URL;
    const own = url ? createDatabase({ databaseUrl: url, poolMax: 5 }) : undefined;
    try {
      const second = createApp(
        await createServices({
          config: context.config,
          knex: own?.knex ?? context.services.knex,
          logger: pino({ level: 'silent' }),
          mail: await makeOutbox(context.config, () => now),
          dnsResolver: context.dns.resolver,
          clock: () => now,
        }),
      );
      // The two may or may not meet at the counters in one round: several rounds make them meet.
      for (let round = 1; round <= ROUNDS; round += 1) {
        await context.services.knex('rate_limits').where('key', 'like', 'held:%').delete();
        await atTheEdge();
        const before = (await notices()).length;
        const [one, two] = await Promise.all([held(), held(second)]);
        assert.deepEqual([one.body.outcome, two.body.outcome], ['held', 'held']);
        const told = (await notices()).length - before;
        assert.equal(
          told,
          socialWorkers,
          `round ${round}: the last notice, once, not ${told / socialWorkers} times`,
        );
        assert.equal(await hits(`held:report:${report.id}`), PER_REPORT);
        assert.equal(await hits('held:client:webhook'), PER_CLIENT);
      }
      // The limit holds after them.
      const before = (await notices()).length;
      assert.equal((await held()).body.outcome, 'held');
      assert.equal((await notices()).length, before);
    } finally {
      await own?.close();
    }
  });

  it('two app processes holding replies from one sender at once: she is told once, never twice', async () => {
    const { knex } = context.services;
    const url = process.env.TEST_DATABASE_URL;
    const own = url ? createDatabase({ databaseUrl: url, poolMax: 5 }) : undefined;
    try {
      const second = createApp(
        await createServices({
          config: context.config,
          knex: own?.knex ?? knex,
          logger: pino({ level: 'silent' }),
          mail: await makeOutbox(context.config, () => now),
          dnsResolver: context.dns.resolver,
          clock: () => now,
        }),
      );
      for (let round = 1; round <= ROUNDS; round += 1) {
        // A new window each round: the answer to her is free again.
        await knex('rate_limits').where('key', 'like', 'reply-notice:%').delete();
        const before = (await answers()).length;
        const [one, two] = await Promise.all([held(context.app, CLERK), held(second, CLERK)]);
        assert.deepEqual([one.body.outcome, two.body.outcome], ['held', 'held']);
        const told = (await answers()).length - before;
        assert.equal(told, 1, `round ${round}: the clerk is told once, not ${told} times`);
      }
      // The window holds after them.
      const before = (await answers()).length;
      assert.equal((await held(context.app, CLERK)).body.outcome, 'held');
      assert.equal((await answers()).length, before);
    } finally {
      await own?.close();
    }
  });
});
