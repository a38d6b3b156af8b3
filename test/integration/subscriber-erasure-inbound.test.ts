import assert from 'node:assert/strict';
import fs from 'node:fs';
import { makeBounceAddress } from '../../src/mail/inbound/bounce-address.js';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { postForm, type StaffBrowser } from '../support/staff.js';
import { rawFixture } from '../unit/mail/load-fixture.js';
import {
  EMAIL,
  inboundRow,
  NEIGHBOUR,
  newestInbound,
  outOfOffice,
  postInbound,
  rawFile as rawFileOf,
  sendBySmtpDoor,
  WRITTEN,
} from './erasure-inbound-helpers.js';
import { staffBrowser } from './moderation-helpers.js';

const DAY = 86_400_000;

/**
 * A follower's or alert subscriber's address is erased, or forgotten once lapsed: the mail that
 * came back about the emails to it (delivery reports) or answered them automatically (out of
 * office), and the delivery errors of those emails, forget it too; what came in for others stays.
 */
describe('an erased or lapsed follower’s address leaves the mail that came back about its emails', () => {
  let context: TestContext;
  let admin: StaffBrowser;
  let now: Date;
  let reports = 0;

  beforeEach(async () => {
    now = new Date();
    context = await makeApp({}, { clock: () => now });
    admin = await staffBrowser(context, 'admin');
  });

  /** A delivery report about outbox row `id`, sent to its signed address and naming `recipient`. */
  const bounceAbout = async (id: number, recipient: string) => {
    const row = (await context.services.knex('outbox').where({ id }).first('message_id')) as {
      message_id: string;
    };
    const verp = makeBounceAddress(id, {
      secret: context.config.inboundSecret,
      domain: context.config.inboundDomain,
    });
    const raw = rawFixture('bounce-permanent.eml', { to: verp })
      .toString('latin1')
      .replaceAll('kaunata@example.org', recipient)
      .replace('<outbox-118@tilts.example.org>', row.message_id)
      .replace('<20260302081601.7E1A2B3C4D@mx.example.org>', `<dsn-${(reports += 1)}@mx.example.org>`);
    assert.equal(await postInbound(context, Buffer.from(raw, 'latin1')), 'bounce');
    return newestInbound(context);
  };
  /** The id of the email of `kind` to `email` about report `reportId`, marked as gone. */
  const sentTo = async (email: string, kind: string, reportId: number) => {
    const { knex } = context.services;
    const row = (await knex('outbox')
      .whereRaw('lower(to_email) = ?', [email])
      .where({ kind, report_id: reportId })
      .first('id')) as { id: number };
    await knex('outbox').where({ id: row.id }).update({ status: 'sent' });
    return row.id;
  };
  const inbound = (id: number) => inboundRow(context, id);
  const rawFile = (key: string) => rawFileOf(context, key);

  it('masks her address in the delivery reports and errors about her follow’s emails, and keeps others’', async () => {
    const { services } = context;
    const { knex } = services;
    const followed = (await makeReport(services, { parish: 'kaunatas' })).report;
    await services.subscriptions.subscribe(followed.ref, { email: WRITTEN, name: 'Anna', language: 'lv' });
    await services.subscriptions.subscribe(followed.ref, {
      email: NEIGHBOUR,
      name: 'Kaimiņš',
      language: 'lv',
    });
    const hers = await bounceAbout(await sentTo(EMAIL, 'subscription-confirm', followed.id), WRITTEN);
    const neighbours = await bounceAbout(
      await sentTo(NEIGHBOUR, 'subscription-confirm', followed.id),
      NEIGHBOUR,
    );
    // Someone whose address ends as hers does ("di" + hers) is someone else.
    const alike = `di${EMAIL}`;
    await services.subscriptions.subscribe(followed.ref, { email: alike, name: 'Dianna', language: 'lv' });
    const alikes = await bounceAbout(await sentTo(alike, 'subscription-confirm', followed.id), alike);
    // Her own report: what came back about its emails to her stays hers as its reporter.
    const own = (await makeReport(services, { parish: 'kaunatas', email: EMAIL })).report;
    const ownMail = (await knex('outbox').where({ report_id: own.id, to_email: EMAIL }).first('id')) as {
      id: number;
    };
    await knex('outbox').where({ id: ownMail.id }).update({ status: 'sent' });
    const asReporter = await bounceAbout(ownMail.id, EMAIL);
    // An email to her that her server refused outright: its error names her.
    await knex('outbox')
      .whereRaw('lower(to_email) = ?', [EMAIL])
      .where({ kind: 'subscription-confirm' })
      .update({ status: 'dead', last_error: `EENVELOPE 550 5.1.1 <${WRITTEN}>: Recipient address rejected` });
    const before = await inbound(hers.id);
    assert.match(before.detail!, /anna\.berzina@example\.org/i, 'the note names her before');
    assert.ok(before.raw_key && fs.existsSync(rawFile(before.raw_key)), 'and her bounce is kept');

    const asked = await postForm(admin, '/staff/admin/erase-subscriber?lang=en', { email: EMAIL }).expect(
      200,
    );
    assert.match(
      asked.text,
      /Delivery reports and automatic answers that came back about them keep no address/,
    );
    await postForm(admin, '/staff/admin/erase-subscriber/confirm', { email: EMAIL, confirm: '1' }).expect(
      303,
    );

    const after = await inbound(hers.id);
    assert.equal(after.outcome, 'bounce', 'the row stays: a delivery report came');
    assert.doesNotMatch(JSON.stringify(after), /berzina/i);
    assert.match(after.detail!, /permanent 5\.1\.1 \[…\]/);
    assert.equal(after.raw_key, null);
    assert.ok(!fs.existsSync(rawFile(before.raw_key)), 'the raw delivery report is deleted');
    const page = await admin.agent.get(`/staff/inbound/${hers.id}?lang=en`).expect(200);
    assert.doesNotMatch(page.text, /berzina/i, 'the staff page shows her address nowhere');
    assert.match(page.text, /no longer kept/);
    assert.doesNotMatch((await admin.agent.get('/staff/inbound?lang=en').expect(200)).text, /berzina/i);
    const errors = (await knex('outbox').whereNotNull('last_error').pluck('last_error')) as string[];
    assert.ok(errors.length > 0 && errors.every((error) => !/berzina/i.test(error)), errors.join('\n'));
    assert.ok(errors.some((error) => error.includes('<[…]>: Recipient address rejected')));

    const alikeKept = await inbound(alikes.id);
    assert.match(alikeKept.detail!, /dianna\.berzina@example\.org/, 'an address that ends as hers stays');
    assert.ok(alikeKept.raw_key && fs.existsSync(rawFile(alikeKept.raw_key)), 'with its raw message');
    const kept = await inbound(neighbours.id);
    assert.match(kept.detail!, /kaimins@example\.org/, 'a neighbour’s delivery report stays');
    assert.ok(kept.raw_key && fs.existsSync(rawFile(kept.raw_key)));
    const reporter = await inbound(asReporter.id);
    assert.match(reporter.detail!, /anna\.berzina@example\.org/, 'her report’s stays hers');
    assert.ok(reporter.raw_key);
  });

  it('keeps none of her address from a delivery report that comes back after the erasure', async () => {
    const { services } = context;
    const { knex } = services;
    const followed = (await makeReport(services, { parish: 'kaunatas' })).report;
    await services.subscriptions.subscribe(followed.ref, { email: WRITTEN, name: 'Anna', language: 'lv' });
    const email = await sentTo(EMAIL, 'subscription-confirm', followed.id);
    await postForm(admin, '/staff/admin/erase-subscriber/confirm', { email: EMAIL, confirm: '1' }).expect(
      303,
    );

    // Her server answers late (a delay of hours is common): the email's row no longer names her.
    const late = await inbound((await bounceAbout(email, WRITTEN)).id);
    assert.doesNotMatch(JSON.stringify(late), /berzina/i);
    assert.match(late.detail!, /permanent 5\.1\.1 \[…\] \(outbox \d+\)/);
    assert.equal(late.raw_key, null, 'its raw copy is not kept');
    const page = await admin.agent.get(`/staff/inbound/${late.id}?lang=en`).expect(200);
    assert.doesNotMatch(page.text, /berzina/i);
    assert.equal((await knex('inbound_messages').whereNotNull('raw_key')).length, 0);
    assert.equal((await knex('contacts').whereNotNull('bouncing_since')).length, 0, 'nobody is marked');
  });

  it('keeps none of her address from an out-of-office answer that comes after the erasure', async () => {
    const { services } = context;
    const { knex } = services;
    const followed = (await makeReport(services, { parish: 'kaunatas' })).report;
    await services.subscriptions.subscribe(followed.ref, { email: WRITTEN, name: 'Anna', language: 'lv' });
    await services.subscriptions.subscribe(followed.ref, {
      email: NEIGHBOUR,
      name: 'Kaimiņš',
      language: 'lv',
    });
    const hers = await sentTo(EMAIL, 'subscription-confirm', followed.id);
    const neighbours = await sentTo(NEIGHBOUR, 'subscription-confirm', followed.id);

    /**
     * An out-of-office answer from `from` to the email `id`, as a mail server writes it
     * (In-Reply-To), by the webhook or, with its envelope sender, by the SMTP door.
     */
    const awayAnswer = async (from: string, id: number, door: 'webhook' | 'smtp') => {
      const { message_id: answers } = (await knex('outbox').where({ id }).first('message_id')) as {
        message_id: string;
      };
      const to = services.links.replyAddress(followed.ref, from);
      const raw = outOfOffice(from, to, answers);
      if (door === 'smtp') await sendBySmtpDoor(context, { from, to }, raw);
      else assert.equal(await postInbound(context, raw), 'auto_reply');
      const row = (await knex('inbound_messages').orderBy('id', 'desc').first()) as { id: number };
      return { ...(await inbound(row.id)), whole: JSON.stringify(row) };
    };

    // Her server answered once before she asked: the erasure takes her from it, envelope too.
    const early = await awayAnswer(WRITTEN, hers, 'smtp');
    assert.match(early.whole, /berzina/i, 'the envelope names her before');
    await postForm(admin, '/staff/admin/erase-subscriber/confirm', { email: EMAIL, confirm: '1' }).expect(
      303,
    );
    assert.doesNotMatch(
      JSON.stringify(await knex('inbound_messages').where({ id: early.id }).first()),
      /berzina/i,
    );
    // It answers again late, from her (nothing else keeps her address): the answer forgets her.
    const late = await awayAnswer(WRITTEN, hers, 'smtp');
    assert.equal(late.outcome, 'auto_reply');
    assert.doesNotMatch(late.whole, /berzina/i, 'nor its envelope sender');
    assert.equal(late.from_email, null);
    assert.equal(late.subject, 'Prombutne: […]');
    assert.equal(late.raw_key, null, 'its raw copy is not kept');
    assert.doesNotMatch(
      (await admin.agent.get(`/staff/inbound/${late.id}?lang=en`).expect(200)).text,
      /berzina/i,
    );
    // The neighbour still follows: his answer is kept as it came.
    const kept = await awayAnswer(NEIGHBOUR, neighbours, 'webhook');
    assert.equal(kept.from_email, NEIGHBOUR);
    assert.equal(kept.subject, `Prombutne: ${NEIGHBOUR}`);
    assert.ok(kept.raw_key && fs.existsSync(rawFile(kept.raw_key)));
  });

  it('forgets a lapsed address in the mail about its emails, and in its out-of-office answer', async () => {
    const { services } = context;
    const { knex } = services;
    const followed = (await makeReport(services, { parish: 'kaunatas' })).report;
    // She asked to follow and never confirmed; her server bounced, then answered she was away.
    await services.subscriptions.subscribe(followed.ref, { email: EMAIL, name: 'Anna', language: 'lv' });
    const bounce = await bounceAbout(await sentTo(EMAIL, 'subscription-confirm', followed.id), EMAIL);
    const away = outOfOffice(EMAIL, services.links.replyAddress(followed.ref, EMAIL), null);
    assert.equal(await postInbound(context, away), 'auto_reply');
    const answered = await newestInbound(context);
    assert.equal(answered.from_email, EMAIL);

    now = new Date(now.getTime() + 31 * DAY);
    assert.equal(await services.retention.forgetLapsedAddresses(), 1);

    for (const id of [bounce.id, answered.id]) {
      const row = await inbound(id);
      assert.doesNotMatch(JSON.stringify(row), /berzina/i);
      assert.equal(row.raw_key, null);
    }
    assert.equal(
      ((await knex('inbound_messages').whereNotNull('raw_key')) as unknown[]).length,
      0,
      'no raw message about her is kept',
    );
  });

  it('masks a reporter’s address in the delivery reports about her report’s emails, erased or due', async () => {
    const { services } = context;
    const { knex } = services;
    /** Her report, a neighbour following it, and a delivery report about an email to each. */
    const reportWithBounces = async () => {
      const { report } = await makeReport(services, { parish: 'kaunatas', email: EMAIL });
      await services.subscriptions.subscribe(report.ref, {
        email: NEIGHBOUR,
        name: 'Kaimiņš',
        language: 'lv',
      });
      const toHer = (await knex('outbox').where({ report_id: report.id, to_email: EMAIL }).first('id')) as {
        id: number;
      };
      await knex('outbox').where({ id: toHer.id }).update({ status: 'sent' });
      const hers = await bounceAbout(toHer.id, WRITTEN);
      const neighbours = await bounceAbout(
        await sentTo(NEIGHBOUR, 'subscription-confirm', report.id),
        NEIGHBOUR,
      );
      const before = await inbound(hers.id);
      assert.match(before.detail!, /anna\.berzina@example\.org/i, 'the note names her before');
      assert.ok(before.raw_key && fs.existsSync(rawFile(before.raw_key)));
      return { report, hers, neighbours, rawKey: before.raw_key };
    };
    const forgotten = async (id: number, rawKey: string) => {
      const row = await inbound(id);
      assert.doesNotMatch(JSON.stringify(row), /berzina/i);
      assert.match(row.detail!, /permanent 5\.1\.1 \[…\]/);
      assert.equal(row.raw_key, null);
      assert.ok(!fs.existsSync(rawFile(rawKey)), 'the raw delivery report is deleted');
    };

    // Erased on her request: her delivery report goes, the neighbour's (he still follows) stays.
    const erased = await reportWithBounces();
    await postForm(admin, `/staff/admin/reports/${erased.report.ref}/erase-reporter`, {
      confirm: 'yes',
    }).expect(303);
    await forgotten(erased.hers.id, erased.rawKey);
    const page = await admin.agent.get(`/staff/inbound/${erased.hers.id}?lang=en`).expect(200);
    assert.doesNotMatch(page.text, /berzina/i);
    assert.match((await inbound(erased.neighbours.id)).detail!, /kaimins@example\.org/);

    // Due by the retention period: the report's people go, so both delivery reports forget them.
    const due = await reportWithBounces();
    await knex('reports')
      .where({ id: due.report.id })
      .update({ status: 'resolved', updated_at: new Date(now.getTime() - 4 * 365 * DAY) });
    assert.deepEqual(await services.retention.runDue(), { reports: 1, offers: 0 });
    await forgotten(due.hers.id, due.rawKey);
    const neighbour = await inbound(due.neighbours.id);
    assert.doesNotMatch(JSON.stringify(neighbour), /kaimins/i);
    assert.equal(neighbour.raw_key, null);
  });
});
