import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport, pendingPhotos, type MadeReport } from '../support/reports.js';
import { auditOf, postAs, staffBrowser } from './moderation-helpers.js';

describe('residents reporting abuse, and the moderation queue', () => {
  let context: TestContext;
  const get = (path: string) => request(context.app).get(path);
  const report = (ref: string, fields: Record<string, unknown>) =>
    request(context.app).post(`/reports/${ref}/abuse`).type('form').send(fields);
  const abuseRows = () =>
    context.services.knex('abuse_reports').orderBy('id') as Promise<Record<string, unknown>[]>;

  /** A public report with a photo and a resident's comment with words. */
  async function reportWithComment(): Promise<{ made: MadeReport; updateId: number; photoId: number }> {
    const made = await makeReport(context.services, { photos: 1 });
    await context.services.reportUpdates.reporterAction(made.report.ref, made.token, {
      kind: 'comment',
      text: 'Nopērciet manus logus lēti!',
      photos: await pendingPhotos(context.services, 1),
    });
    const { knex } = context.services;
    const update = await knex('report_updates')
      .where({ report_id: made.report.id })
      .whereNotNull('public_text')
      .first();
    const photo = await knex('report_photos')
      .where({ report_id: made.report.id })
      .whereNull('update_id')
      .first();
    return { made, updateId: update.id, photoId: photo.id };
  }

  beforeEach(async () => {
    context = await makeApp();
  });

  it('shows the report and its updates on the form as their page does: no contact, no name, their language marked', async () => {
    const made = await makeReport(context.services, {
      title: 'Bedre, zvaniet 29123456',
      name: 'Ilze Kalniņa',
    });
    await context.services.reportUpdates.reporterAction(made.report.ref, made.token, {
      kind: 'comment',
      text: 'Ilze Kalniņa: mans numurs 26555777, ilze@example.net.',
      photos: [],
    });
    const page = await get(`/reports/${made.report.ref}/abuse?lang=ru`).expect(200);
    assert.match(page.text, /data-qa="report-link" lang="lv">Bedre, zvaniet \[…\]<\/a>/);
    assert.match(
      page.text,
      /class="checkbox__hint" id="field-what-1-hint" lang="lv">\[…\]: mans numurs \[…\], \[…\]\.</,
    );
    assert.doesNotMatch(page.text, /29123456|26555777|ilze@example|Kalniņa/);
  });

  it('takes a report of abuse from a public page: a link, a small form, a thank-you page, a row for moderators', async () => {
    const { made, updateId, photoId } = await reportWithComment();
    const { ref } = made.report;
    const page = await get(`/reports/${ref}`).expect(200);
    assert.ok(
      page.text.includes(
        `<a class="abuse-link" href="/reports/${ref}/abuse" data-qa="abuse-link">Ziņot par pārkāpumu</a>`,
      ),
    );
    assert.ok(page.text.includes(`href="/reports/${ref}/abuse?update=${updateId}"`));
    assert.ok(page.text.includes(`href="/reports/${ref}/abuse?photo=${photoId}"`));
    assert.doesNotMatch((await get(`/reports/${ref}?token=${made.token}`).expect(200)).text, /abuse-link/);

    const form = await get(`/reports/${ref}/abuse?photo=${photoId}`).expect(200);
    assert.match(form.text, /<legend class="field__label">Par ko tieši\?<\/legend>/);
    assert.match(form.text, new RegExp(`value="photo:${photoId}" checked`));
    assert.match(form.text, new RegExp(`value="update:${updateId}"[^>]*>\\s*<label[^>]*>Par ierakstu \\(`));
    assert.match(form.text, /Nopērciet manus logus lēti!/, "an update's first words help to choose");
    assert.match(form.text, /<label class="field__label" for="field-reason">/);

    await report(ref, { what: `update:${updateId}`, reason: 'Tā ir reklāma, nevis problēma.' })
      .expect(303)
      .expect('Location', `/reports/${ref}/abuse/sent`);
    assert.match(
      (await get(`/reports/${ref}/abuse/sent?lang=en`).expect(200)).text,
      /A moderator will look at what you reported/,
    );
    const [row] = await abuseRows();
    assert.equal(row?.report_id, made.report.id);
    assert.equal(row?.update_id, updateId);
    assert.equal(row?.photo_id, null);
    assert.equal(row?.reason, 'Tā ir reklāma, nevis problēma.');
    assert.equal(row?.language, 'lv');
    assert.equal(row?.handled_at, null);
    await report(ref, { reason: 'Viss ziņojums ir apmelojums.' }).expect(303);
    assert.equal((await abuseRows())[1]?.update_id, null, 'without a choice: the report as a whole');

    const moderator = await staffBrowser(context);
    const queue = await moderator.agent.get('/staff/moderation').expect(200);
    assert.match(queue.text, /<h2 id="queue-heading">2 atvērti ziņojumi par pārkāpumiem<\/h2>/);
    const first = queue.text.indexOf('Tā ir reklāma');
    assert.ok(first > 0 && first < queue.text.indexOf('Viss ziņojums ir apmelojums'), 'oldest first');
    assert.ok(queue.text.includes(`href="/reports/${ref}"`));
    assert.ok(queue.text.includes(`href="/staff/reports/${ref}"`));
    assert.match(queue.text, /<th scope="col">Norādītais iemesls<\/th>/);
  });

  it('is never offered for a private, unconfirmed, hidden or unknown report: 404', async () => {
    const privateOne = await makeReport(context.services, { category: 'elderly-help' });
    const unconfirmed = await makeReport(context.services, { confirmed: false });
    const hidden = await makeReport(context.services);
    await context.services.knex('reports').where({ id: hidden.report.id }).update({ hidden: true });
    for (const ref of [
      privateOne.report.ref,
      unconfirmed.report.ref,
      hidden.report.ref,
      'RZN-2026-99999',
      'nonsense',
    ]) {
      await get(`/reports/${ref}/abuse`).expect(404);
      await get(`/reports/${ref}/abuse/sent`).expect(404);
      await report(ref, { reason: 'x' }).expect(404);
    }
    await get(`/reports/${privateOne.report.ref}/abuse?token=${privateOne.token}`).expect(404);
    assert.doesNotMatch(
      (await get(`/reports/${privateOne.report.ref}?token=${privateOne.token}`)).text,
      /abuse/,
    );
    assert.equal((await abuseRows()).length, 0);
  });

  it('words bad input with the text kept, refuses other sites, and never answers 500', async () => {
    const { made } = await reportWithComment();
    const other = await reportWithComment();
    const { ref } = made.report;

    const empty = await report(ref, { reason: ' ' }).expect(422);
    assert.match(empty.text, /<a href="#field-reason">Uzrakstiet iemeslu\.<\/a>/);
    assert.match(empty.text, /<title>Kļūda: Ziņot par pārkāpumu/);
    const long = 'ā'.repeat(2001);
    const tooLong = await report(ref, { reason: long }).expect(422);
    assert.match(tooLong.text, /ne garāks par 2\u00a0000 rakstzīmēm; tajā ir 2\u00a0001/);
    assert.ok(tooLong.text.includes(`>${long}</textarea>`));
    const english = await report(ref, { reason: '' }).query({ lang: 'en' }).expect(422);
    assert.match(english.text, /Write the reason\./);
    for (const what of ['evil', `update:${other.updateId}`, `photo:${other.photoId}`, 'update:99999999999']) {
      const wrong = await report(ref, { what, reason: 'Kaut kas' }).expect(422);
      assert.match(wrong.text, /Choose what you are reporting from the list\.|Izvēlieties no saraksta/);
      assert.match(wrong.text, />Kaut kas<\/textarea>/);
    }
    await report(ref, { what: ['report', 'x'], reason: ['<b>Ļaunums</b>\u0000', 'otrs'] }).expect(303);
    const [row] = await abuseRows();
    assert.equal(row?.reason, '<b>Ļaunums</b>');
    await request(context.app)
      .post(`/reports/${ref}/abuse`)
      .set('Sec-Fetch-Site', 'cross-site')
      .type('form')
      .send({ reason: 'x' })
      .expect(403);
    assert.equal((await abuseRows()).length, 1);
  });

  it('takes at most ten an hour from one address; the eleventh is refused with the text kept', async () => {
    const made = await makeReport(context.services);
    for (let n = 1; n <= 10; n += 1) await report(made.report.ref, { reason: `Pārkāpums ${n}` }).expect(303);
    const refused = await report(made.report.ref, { reason: 'Vienpadsmitais' }).expect(429);
    assert.match(refused.text, /pārāk daudz ziņojumu/);
    assert.ok(refused.text.includes('>Vienpadsmitais</textarea>'));
    assert.equal((await abuseRows()).length, 10);
  });

  it('lets a moderator hide what was reported (closing every report of it) or keep it (closing only that one)', async () => {
    const { made, updateId } = await reportWithComment();
    const { ref } = made.report;
    await report(ref, { what: `update:${updateId}`, reason: 'Reklāma' }).expect(303);
    await report(ref, { what: `update:${updateId}`, reason: 'Atkal reklāma' }).expect(303);
    await report(ref, { reason: 'Nepatīk' }).expect(303);
    const [a1, a2, a3] = (await abuseRows()).map((row) => row.id as number);
    const moderator = await staffBrowser(context);

    // Two reports of one comment and one of the whole report: each row's buttons name what was
    // reported, and are described by that row's reason, so a screen reader tells them apart.
    const listed = (await moderator.agent.get('/staff/moderation').expect(200)).text;
    for (const [id, reason] of [
      [a1, 'Reklāma'],
      [a2, 'Atkal reklāma'],
      [a3, 'Nepatīk'],
    ] as const) {
      assert.match(listed, new RegExp(`id="abuse-reason-${id}" data-qa="reason">${reason}<`));
      assert.match(listed, new RegExp(`hide" aria-describedby="abuse-reason-${id}"`));
      assert.match(listed, new RegExp(`type="submit" aria-describedby="abuse-reason-${id}"`));
    }
    assert.match(listed, new RegExp(`<span class="visually-hidden">: ${ref}, [^<]+</span>`));
    const names = [...listed.matchAll(/data-qa="hide-link">[^<]*<span class="visually-hidden">([^<]*)</g)];
    assert.equal(new Set(names.map((name) => name[1])).size, 2, 'a comment and the whole report');

    const form = await moderator.agent.get(`/staff/moderation/abuse/${a1}/hide`).expect(200);
    assert.match(form.text, /data-qa="abuse-reason"[\s\S]*Reklāma/);
    assert.match(form.text, /Nopērciet manus logus lēti!/);
    assert.ok(form.text.includes(`action="/staff/moderation/abuse/${a1}/hide"`));
    await postAs(moderator, `/staff/moderation/abuse/${a1}/hide`, { reason: '' }).expect(422);
    await postAs(moderator, `/staff/moderation/abuse/${a1}/hide`, { reason: 'Reklāma nav problēma' })
      .expect(303)
      .expect('Location', '/staff/moderation?done=hidden');
    const rows = await abuseRows();
    assert.deepEqual(
      rows.map((row) => [row.outcome, row.handled_by_staff_id]),
      [
        ['hidden', moderator.member.id],
        ['hidden', moderator.member.id],
        [null, null],
      ],
    );
    assert.match((await get(`/reports/${ref}`)).text, /data-qa="timeline-hidden"/);
    const [hidden] = await auditOf(context, 'moderation.hide');
    assert.deepEqual((hidden?.after as { abuseReportsClosed: number[] }).abuseReportsClosed, [a1, a2]);

    const queue = await moderator.agent.get('/staff/moderation?done=hidden').expect(200);
    assert.match(queue.text, /data-qa="done" data-done="hidden"/);
    assert.ok(queue.text.includes(`action="/staff/moderation/abuse/${a3}/keep"`));
    await postAs(moderator, `/staff/moderation/abuse/${a3}/keep`)
      .expect(303)
      .expect('Location', '/staff/moderation?done=kept');
    const kept = (await abuseRows())[2];
    assert.deepEqual([kept?.outcome, kept?.handled_by_staff_id], ['kept', moderator.member.id]);
    assert.equal(
      (await context.services.knex('reports').where({ id: made.report.id }).first()).hidden,
      false,
    );
    const [keep] = await auditOf(context, 'moderation.keep');
    assert.deepEqual(
      [keep?.objectType, keep?.objectId, keep?.staffId],
      ['abuse_report', String(a3), moderator.member.id],
    );
    assert.match(
      (await moderator.agent.get('/staff/moderation').expect(200)).text,
      /Atvērtu ziņojumu par pārkāpumiem nav\./,
    );

    // A second moderator's click on a stale page: it was dealt with already.
    await postAs(moderator, `/staff/moderation/abuse/${a3}/keep`)
      .expect(303)
      .expect('Location', '/staff/moderation?done=handled');
    await moderator.agent
      .get(`/staff/moderation/abuse/${a1}/hide`)
      .expect(303)
      .expect('Location', '/staff/moderation?done=handled');
    await postAs(moderator, '/staff/moderation/abuse/99999/keep').expect(404);
    await postAs(moderator, '/staff/moderation/abuse/abc/keep').expect(404);
    await moderator.agent.get('/staff/moderation/abuse/99999/hide').expect(404);
  });
});
