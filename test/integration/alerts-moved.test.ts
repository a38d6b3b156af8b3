import assert from 'node:assert/strict';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { confirmedFollower, hideReport, makeReport } from '../support/reports.js';
import { addStaff, NOVADS_ADMIN, postForm, signIn, type StaffBrowser } from '../support/staff.js';
import { confirmedAlert, mailTo } from './alerts-helpers.js';

const HOUR = 60 * 60 * 1000;

/**
 * Staff move a public report to another parish or category: the "at once" alerts of its new place
 * hear that the municipality moved it there (not that it is new), each in its own language, and
 * nobody hears of the same report twice (not on Back+Save, not on a move back, not one who follows
 * it or reported it).
 */
describe('a report moved to another place reaches the alerts of its new place', () => {
  let context: TestContext;
  let admin: StaffBrowser;
  const move = (report: Report, to: { category?: string; parish: string }) =>
    postForm(admin, `/staff/reports/${report.ref}/move`, {
      category: to.category ?? 'roads',
      parish: to.parish,
    });
  /** An "at once" alert of this address, asked for and confirmed. */
  const alert = (email: string, fields: Record<string, string> = {}, lang?: string) =>
    confirmedAlert(context.app, context.services.knex, email, fields, lang);
  const alertsOf = async (email: string, report: Report) =>
    (await mailTo(context.services.knex, email)).filter(
      (row) => row.kind === 'alert-report' && row.report_id === report.id,
    );

  beforeEach(async () => {
    context = await makeApp();
    admin = await signIn(context, await addStaff(context, NOVADS_ADMIN));
  });

  it('tells the new parish’s alerts once, in their languages, and no one told before', async () => {
    const { services } = context;
    await alert('malta.lv@example.lv', { place: 'parish:maltas' });
    await alert('malta.ru@example.lv', { place: 'apvieniba:maltas' }, 'ru');
    await alert('malta.en@example.lv', { place: 'parish:maltas' }, 'en');
    await alert('kaunata@example.lv', { place: 'parish:kaunatas' });
    await alert('visur@example.lv');
    const { report } = await makeReport(services, { parish: 'kaunatas', title: 'Bedre pie skolas' });
    assert.equal((await alertsOf('malta.lv@example.lv', report)).length, 0);

    await move(report, { parish: 'maltas' }).expect(303);
    // The same form sent again (Back, then Save) moves nothing and tells no one again.
    await move(report, { parish: 'maltas' });
    const [lv] = await alertsOf('malta.lv@example.lv', report);
    const [ru] = await alertsOf('malta.ru@example.lv', report);
    const [en] = await alertsOf('malta.en@example.lv', report);
    assert.equal((await alertsOf('malta.lv@example.lv', report)).length, 1);
    assert.equal((await alertsOf('malta.ru@example.lv', report)).length, 1);
    assert.equal((await alertsOf('malta.en@example.lv', report)).length, 1);
    assert.equal(lv!.language, 'lv');
    assert.equal(ru!.language, 'ru');
    assert.equal(en!.language, 'en');
    assert.ok(ru!.text_body.includes(`/reports/${report.ref}`));
    // Said as a move by the municipality, with the parish it left: not as a new report.
    assert.equal(lv!.subject, 'Ziņojums pārvietots šeit: Bedre pie skolas');
    assert.equal(en!.subject, 'Report moved here: Bedre pie skolas');
    assert.equal(ru!.subject, 'Сообщение перенесено сюда: Bedre pie skolas');
    for (const row of [lv!, en!, ru!]) {
      assert.doesNotMatch(row.subject, /Jauns ziņojums|New report|Новое сообщение/);
      assert.doesNotMatch(row.text_body, /Publicēts jauns|A new report|Опубликовано новое/);
    }
    assert.match(
      lv!.text_body,
      /Pašvaldība pārvietoja ziņojumu, un tagad tas ir šeit: Maltas pagasts\. Pirms pārvietošanas: Kaunatas pagasts\./,
    );
    assert.match(
      en!.text_body,
      /The municipality moved a report, and it is now in: Malta parish\. Before the move: Kaunata parish\./,
    );
    assert.match(
      ru!.text_body,
      /Самоуправление перенесло сообщение, теперь оно здесь: .+\. До переноса: волость Кауната\./,
    );
    assert.match(ru!.text_body, /волость Малта/);
    assert.match(en!.html_body, /<h1 [^>]*>A report was moved here<\/h1>/);
    // Told when it was filed: the old parish's alert, and the one for everything, hear nothing more.
    assert.equal((await alertsOf('kaunata@example.lv', report)).length, 1);
    assert.equal((await alertsOf('visur@example.lv', report)).length, 1);

    // Moved back: everyone whose alert holds it already knows of it.
    await move(report, { parish: 'kaunatas' }).expect(303);
    for (const email of [
      'malta.lv@example.lv',
      'malta.ru@example.lv',
      'malta.en@example.lv',
      'kaunata@example.lv',
      'visur@example.lv',
    ])
      assert.equal((await alertsOf(email, report)).length, 1, email);
  });

  it('tells no alert whose scope held the report before the move too, though it began after the report', async () => {
    const { services } = context;
    const { report } = await makeReport(services, {
      parish: 'kaunatas',
      category: 'roads',
      title: 'Sena bedre',
    });
    // Asked for after the report was published: never told of it, yet it was in their scope all along.
    await alert('visur.velak@example.lv');
    await alert('celi.velak@example.lv', { category: 'roads' }, 'en');
    await alert('malta.velak@example.lv', { place: 'parish:maltas' });
    await move(report, { parish: 'maltas' }).expect(303);
    assert.equal((await alertsOf('visur.velak@example.lv', report)).length, 0);
    assert.equal((await alertsOf('celi.velak@example.lv', report)).length, 0);
    // Moved into Malta parish: news to its alert alone.
    assert.equal((await alertsOf('malta.velak@example.lv', report)).length, 1);
  });

  it('tells the alerts of its new category in the same parish', async () => {
    const { services } = context;
    await alert('gaisma@example.lv', { place: 'parish:kaunatas', category: 'street-lighting' });
    const { report } = await makeReport(services, { parish: 'kaunatas', category: 'roads' });
    await move(report, { category: 'street-lighting', parish: 'kaunatas' }).expect(303);
    const told = await alertsOf('gaisma@example.lv', report);
    assert.equal(told.length, 1);
    // Only what changed is said of the place it left: its category.
    assert.match(
      told[0]!.text_body,
      /tagad tas ir šeit: Kaunatas pagasts, Ielu apgaismojums\. Pirms pārvietošanas: Ceļi un ietves\./,
    );
  });

  it('does not tell its reporter or a follower by an alert: they know of it', async () => {
    const { services } = context;
    for (const email of ['ilze@example.lv', 'seko@example.lv', 'cits@example.lv'])
      await alert(email, { place: 'parish:maltas' });
    const { report } = await makeReport(services, { parish: 'kaunatas', email: 'Ilze@Example.lv' });
    await confirmedFollower(services, report, { email: 'Seko@example.lv', name: 'Seko', language: 'lv' });
    await move(report, { parish: 'maltas' }).expect(303);
    assert.equal((await alertsOf('ilze@example.lv', report)).length, 0);
    assert.equal((await alertsOf('seko@example.lv', report)).length, 0);
    assert.equal((await alertsOf('cits@example.lv', report)).length, 1);
  });

  it('tells no one of a private, hidden or held report', async () => {
    const { services } = context;
    await alert('malta@example.lv', { place: 'parish:maltas' });
    const { report: privateOne } = await makeReport(services, { parish: 'kaunatas' });
    await services.knex('reports').where({ id: privateOne.id }).update({ is_private: true });
    const { report: hidden } = await makeReport(services, { parish: 'kaunatas' });
    await hideReport(services, hidden);
    const { report: held } = await makeReport(services, { parish: 'kaunatas' });
    await services.knex('reports').where({ id: held.id }).update({ held_at: services.clock() });
    for (const report of [privateOne, hidden, held]) await move(report, { parish: 'maltas' }).expect(303);
    // A public report moved into a private category becomes private: no alert either.
    const { report: madePrivate } = await makeReport(services, { parish: 'kaunatas' });
    await move(madePrivate, { category: 'elderly-help', parish: 'maltas' }).expect(303);
    const moved = (await services
      .knex('reports')
      .whereIn('id', [privateOne.id, hidden.id, held.id, madePrivate.id])
      .pluck('parish_code')) as string[];
    assert.deepEqual(moved, ['maltas', 'maltas', 'maltas', 'maltas']);
    assert.deepEqual(
      (await mailTo(services.knex, 'malta@example.lv')).map((row) => row.kind),
      ['alert-confirm'],
    );
  });
});

/**
 * A daily alert hears of a public report moved into its scope in its next digest, listed as moved;
 * a scope that held the report before the move heard of it then, and one it left hears nothing.
 */
describe('a report moved to another place in the daily digests', () => {
  const start = new Date('2026-03-02T08:00:00Z');
  let now: Date;
  let context: TestContext;
  /** The clock, this many hours after the start (08:00 on 2 March). */
  const at = (hours: number) => {
    now = new Date(start.getTime() + hours * HOUR);
  };
  /** A daily alert of this address, asked for and confirmed now. */
  const dailyAlert = (email: string, fields: Record<string, string> = {}, lang?: string) =>
    confirmedAlert(context.app, context.services.knex, email, { frequency: 'daily', ...fields }, lang);
  /** Staff move the report to Malta parish, keeping its category (roads). */
  const moveToMalta = (admin: StaffBrowser, report: Report) =>
    postForm(admin, `/staff/reports/${report.ref}/move`, { category: 'roads', parish: 'maltas' }).expect(303);

  beforeEach(async () => {
    at(0);
    context = await makeApp({}, { clock: () => now });
  });

  it('lists it in the digest of its new place only', async () => {
    const { services } = context;
    const { report } = await makeReport(services, { parish: 'kaunatas', title: 'Bedre pie skolas' });
    at(1);
    await dailyAlert('malta@example.lv', { place: 'parish:maltas' }, 'ru');
    await dailyAlert('visur@example.lv');
    await dailyAlert('kaunata@example.lv', { place: 'parish:kaunatas' });
    await dailyAlert('sveces@example.lv', { place: 'parish:maltas', category: 'street-lighting' });
    at(2);
    await moveToMalta(await signIn(context, await addStaff(context, NOVADS_ADMIN)), report);

    at(26);
    assert.equal(await services.alerts.sendDigests(), 1, 'one digest: the new parish’s');
    const [digest] = (await mailTo(services.knex, 'malta@example.lv')).filter(
      (row) => row.kind === 'alert-digest',
    );
    assert.ok(digest!.text_body.includes(`${report.ref}: Bedre pie skolas`), digest!.text_body);
    assert.equal(digest!.language, 'ru');
    // The whole novads held it before the move, Kaunata no longer holds it, and the street lights
    // of Malta never did: no digest for them.
    for (const email of ['visur@example.lv', 'kaunata@example.lv', 'sveces@example.lv'])
      assert.deepEqual(
        (await mailTo(services.knex, email)).map((row) => row.kind),
        ['alert-confirm'],
        email,
      );
  });

  it('reads the moves once for a run of several digests, each in its own window', async () => {
    const { services } = context;
    const { report: early } = await makeReport(services, { parish: 'kaunatas', title: 'Agrā bedre' });
    const { report } = await makeReport(services, { parish: 'kaunatas', title: 'Bedre pie skolas' });
    const staff = await addStaff(context, NOVADS_ADMIN);
    let secret: string | undefined;
    // Signed in anew each time: a session idle for hours has ended.
    const move = async (moved: Report) => {
      const admin = await signIn(context, staff, secret);
      secret = admin.secret;
      await moveToMalta(admin, moved);
    };
    // Confirmed at different times: their windows differ, the earliest one is the run's. The
    // first move is in the Latvian alert's window only; the second in all three.
    at(1);
    await dailyAlert('malta.lv@example.lv', { place: 'parish:maltas' });
    at(2);
    await move(early);
    at(3);
    await dailyAlert('malta.en@example.lv', { place: 'parish:maltas' }, 'en');
    await dailyAlert('malta.ru@example.lv', { place: 'apvieniba:maltas', category: 'roads' }, 'ru');
    at(4);
    await move(report);

    at(27);
    const audit: string[] = [];
    const counted = (query: { sql: string }) => {
      if (/audit_log/.test(query.sql)) audit.push(query.sql);
    };
    services.knex.on('query', counted);
    try {
      assert.equal(await services.alerts.sendDigests(), 3, 'three digests');
    } finally {
      services.knex.off('query', counted);
    }
    assert.equal(audit.length, 1, audit.join('\n'));
    const digestOf = async (email: string) => {
      const digests = (await mailTo(services.knex, email)).filter((row) => row.kind === 'alert-digest');
      assert.equal(digests.length, 1, email);
      return digests[0]!;
    };
    const lv = (await digestOf('malta.lv@example.lv')).text_body;
    assert.ok(lv.includes(`${early.ref}: Agrā bedre`), lv);
    for (const email of ['malta.lv@example.lv', 'malta.en@example.lv', 'malta.ru@example.lv']) {
      const text = (await digestOf(email)).text_body;
      assert.ok(text.includes(`${report.ref}: Bedre pie skolas`), text);
      if (email !== 'malta.lv@example.lv') assert.ok(!text.includes(early.ref), text);
    }
  });

  it('marks a report moved in as moved there, and from where, in each language', async () => {
    const { services } = context;
    const { report: first } = await makeReport(services, { parish: 'kaunatas', title: 'Agrā bedre' });
    const { report } = await makeReport(services, { parish: 'kaunatas', title: 'Bedre pie skolas' });
    at(1);
    await dailyAlert('malta.lv@example.lv', { place: 'parish:maltas' });
    await dailyAlert('malta.en@example.lv', { place: 'parish:maltas' }, 'en');
    await dailyAlert('malta.ru@example.lv', { place: 'apvieniba:maltas' }, 'ru');
    at(2);
    const admin = await signIn(context, await addStaff(context, NOVADS_ADMIN));
    for (const moved of [first, report]) await moveToMalta(admin, moved);
    // A new report of the place the same day is listed as new, apart from the moved ones.
    const { report: fresh } = await makeReport(services, { parish: 'maltas', title: 'Jauna bedre' });

    at(26);
    assert.equal(await services.alerts.sendDigests(), 3);
    const digestOf = async (email: string) =>
      (await mailTo(services.knex, email)).find((row) => row.kind === 'alert-digest')!;
    const lv = await digestOf('malta.lv@example.lv');
    const en = await digestOf('malta.en@example.lv');
    const ru = await digestOf('malta.ru@example.lv');
    const item = (ref: string, title: string, place: string) => `${ref}: ${title} (${place})`;
    assert.match(lv.text_body, /\n1 jauns ziņojums\n/);
    assert.ok(lv.text_body.includes(item(fresh.ref, 'Jauna bedre', 'Ceļi un ietves, Maltas pagasts')));
    assert.match(lv.text_body, /\n2 ziņojumi pārvietoti šeit\n/);
    const fromLv = 'Ceļi un ietves, Maltas pagasts; pirms pārvietošanas: Kaunatas pagasts';
    for (const moved of [first, report])
      assert.ok(lv.text_body.includes(item(moved.ref, moved.title, fromLv)));
    assert.match(en.text_body, /\n2 reports moved here\n/);
    assert.ok(
      en.text_body.includes(
        item(
          report.ref,
          'Bedre pie skolas',
          'Roads and pavements, Malta parish; before the move: Kaunata parish',
        ),
      ),
      en.text_body,
    );
    assert.match(en.html_body, /<h2 [^>]*>2 reports moved here<\/h2>/);
    assert.match(ru.text_body, /\n2 сообщения перенесены сюда\n/);
    assert.ok(
      ru.text_body.includes(
        item(
          report.ref,
          'Bedre pie skolas',
          'Дороги и тротуары, волость Малта; до переноса: волость Кауната',
        ),
      ),
      ru.text_body,
    );
    // The moved ones are not counted as new: only the fresh report is.
    assert.match(en.text_body, /\n1 new report\n/);
    assert.match(ru.text_body, /\n1 новое сообщение\n/);
  });
});
