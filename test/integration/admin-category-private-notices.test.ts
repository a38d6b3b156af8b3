import assert from 'node:assert/strict';
import pino from 'pino';
import { createDatabase } from '../../src/db/knex.js';
import { createServices } from '../../src/services.js';
import { makeOutbox } from '../support/app.js';
import { confirmedFollower } from '../support/reports.js';
import { routedReport } from '../support/reports.inbound.js';
import { post } from './admin-helpers.js';
import { WASTE, categoryWorld, wasteForm } from './admin-category-private-helpers.js';

interface Notice {
  to_email: string;
  report_id: number;
  language: string;
  subject: string;
}

/**
 * The followers of the reports a category is made private with are told once, by a job in the
 * background: the admin's save writes the reports, their notes and a row per followed report, and
 * renders no email (thousands of followed reports held the save for a minute). Each report is
 * taken in the transaction that queues its emails, so a run that fails or two processes running at
 * once tell nobody twice and leave nobody out.
 */
describe('admin: the followers of a category made private, told in the background', () => {
  const world = categoryWorld();

  const notices = async () =>
    (await world()
      .context.services.knex('outbox')
      .where({ kind: 'report-private' })
      .orderBy(['report_id', 'to_email'])
      .select('to_email', 'report_id', 'language', 'subject')) as Notice[];
  const waiting = async () =>
    (
      (await world()
        .context.services.knex('report_private_notices')
        .orderBy('report_id')
        .pluck('report_id')) as (number | string)[]
    ).map(Number);
  const wasteReport = (title: string) =>
    routedReport(world().context, { categoryCode: 'waste', title, description: `${title} aiz skolas.` });
  const follow = (report: { id: number; ref: string }, email: string, language: 'lv' | 'en' | 'ru' = 'lv') =>
    confirmedFollower(world().context.services, report, { email, name: 'S', language });

  it('queues no email in the admin’s save, then the job tells each follower once, in their language', async () => {
    const { context, admin } = world();
    const followed = await wasteReport('Izgāztuve pie meža');
    const unfollowed = await wasteReport('Maisi pie ceļa');
    const other = await wasteReport('Riepas grāvī');
    await follow(followed, 'sekotajs@example.lv', 'lv');
    await follow(followed, 'follower@example.org', 'en');
    await follow(other, 'podpischik@example.org', 'ru');

    await post(admin, WASTE, wasteForm({ confirm: 'yes' })).expect(303);
    assert.deepEqual(await notices(), [], 'no email rendered or queued in the save');
    assert.deepEqual(
      await waiting(),
      [followed.id, other.id].sort((a, b) => a - b),
      'a row per followed one',
    );

    assert.equal(await context.services.privateNotices.sendDue(), 2);
    const sent = await notices();
    assert.deepEqual(
      sent.map((mail) => [mail.report_id, mail.to_email, mail.language]),
      [
        [followed.id, 'follower@example.org', 'en'],
        [followed.id, 'sekotajs@example.lv', 'lv'],
        [other.id, 'podpischik@example.org', 'ru'],
      ].sort((a, b) => Number(a[0]) - Number(b[0])),
    );
    assert.ok(!sent.some((mail) => mail.report_id === unfollowed.id));
    assert.match(sent.find((mail) => mail.language === 'ru')!.subject, /больше не публично/);
    assert.deepEqual(await waiting(), [], 'nothing left to tell');

    // Run again (the next minute, or another process): nobody is told twice.
    assert.equal(await context.services.privateNotices.sendDue(), 0);
    assert.equal((await notices()).length, 3);
  });

  it('a run that fails on one report tells the others, and the next run tells its followers, once', async () => {
    const { context, admin } = world();
    const { knex } = context.services;
    const first = await wasteReport('Izgāztuve pie meža');
    const second = await wasteReport('Maisi pie ceļa');
    await follow(first, 'pirmais@example.lv');
    await follow(second, 'otrais@example.lv');
    // An address no email can go to (written past the form): its report's emails cannot be queued.
    await knex('subscriptions').insert({
      report_id: second.id,
      email: 'a@example.lv, b@example.lv',
      language: 'lv',
      confirmed_at: new Date(),
    });
    await post(admin, WASTE, wasteForm({ confirm: 'yes' })).expect(303);

    await assert.rejects(context.services.privateNotices.sendDue(), /1 reports' followers not yet told/);
    assert.deepEqual(
      (await notices()).map((mail) => mail.to_email),
      ['pirmais@example.lv'],
      'the other report told; none of the failed one’s followers, as its emails rolled back',
    );
    assert.deepEqual(await waiting(), [second.id], 'the failed one waits for the next run');

    await knex('subscriptions')
      .where({ email: 'a@example.lv, b@example.lv' })
      .update({ email: 'a@example.lv' });
    assert.equal(await context.services.privateNotices.sendDue(), 1);
    assert.deepEqual(
      (await notices()).map((mail) => mail.to_email),
      ['pirmais@example.lv', 'a@example.lv', 'otrais@example.lv'],
    );
  });

  it('two processes running the job at once tell each follower once', async function () {
    if (!process.env.TEST_DATABASE_URL) this.skip(); // PGlite runs one query at a time: nothing runs at once
    const { context, admin } = world();
    const { knex } = context.services;
    const first = await wasteReport('Izgāztuve pie meža');
    // 59 more, copies of the first row, each with two followers.
    const { id: _id, ...row } = (await knex('reports').where({ id: first.id }).first()) as Record<
      string,
      unknown
    >;
    const copies = (await knex('reports')
      .insert(
        Array.from({ length: 59 }, (_, index) => ({
          ...row,
          ref: `RZN-2020-${String(index + 1).padStart(5, '0')}`,
        })),
      )
      .returning('id')) as { id: number }[];
    const ids = [first.id, ...copies.map((copy) => Number(copy.id))];
    await knex('subscriptions').insert(
      ids.flatMap((id) =>
        ['lv', 'en'].map((language) => ({
          report_id: id,
          email: `${language}-${id}@example.org`,
          language,
          confirmed_at: new Date(),
        })),
      ),
    );
    await post(admin, WASTE, wasteForm({ confirm: 'yes' })).expect(303);
    assert.equal((await waiting()).length, 60);

    // Another app process: its own services on its own pool of connections to the same database.
    const other = createDatabase({ databaseUrl: process.env.TEST_DATABASE_URL, poolMax: 5 });
    try {
      const otherServices = await createServices({
        config: context.config,
        knex: other.knex,
        logger: pino({ level: 'silent' }),
        mail: await makeOutbox(context.config),
      });
      const taken = await Promise.all([
        context.services.privateNotices.sendDue(),
        otherServices.privateNotices.sendDue(),
        context.services.privateNotices.sendDue(),
        otherServices.privateNotices.sendDue(),
      ]);
      assert.equal(
        taken.reduce((sum, count) => sum + count, 0),
        60,
        'each report taken by one run',
      );
    } finally {
      await other.close();
    }
    const sent = await notices();
    assert.equal(sent.length, 120, 'two followers of each of 60 reports');
    assert.equal(new Set(sent.map((mail) => `${mail.report_id} ${mail.to_email}`)).size, 120, 'each once');
    assert.deepEqual(await waiting(), []);
  });
});
