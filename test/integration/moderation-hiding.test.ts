import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport, moveReport, pendingPhotos, type MadeReport } from '../support/reports.js';
import type { StaffBrowser } from '../support/staff.js';
import { auditOf, postAs, staffBrowser } from './moderation-helpers.js';

const REASON = 'Satur kaimiņa tālruni — iekšējs-iemesls-7731';

describe('moderators hiding a report, an update or a photo', () => {
  let context: TestContext;
  let moderator: StaffBrowser;
  const get = (path: string) => request(context.app).get(path);
  const photoIds = async (made: MadeReport) =>
    (
      (await context.services.knex('report_photos').where({ report_id: made.report.id }).orderBy('id')) as {
        id: number;
        storage_key: string;
      }[]
    ).map((row) => ({ id: row.id, key: row.storage_key }));

  beforeEach(async () => {
    context = await makeApp();
    moderator = await staffBrowser(context);
  });

  it('hides a report: a 410 page saying when, gone from the list, search and suggestions; shown again, all is back', async () => {
    const made = await makeReport(context.services, {
      title: 'Bedre Ziedu ielā',
      description: 'Pie veikala Zilonis ir bedre.',
      photos: 1,
    });
    const { ref } = made.report;
    const key = made.photoKeys[0]!;
    const nearby = () =>
      context.services.reportList.nearby({
        categoryCode: 'roads',
        parishCode: 'kaunatas',
        lat: null,
        lon: null,
      });
    assert.match((await get(`/reports/${ref}`).expect(200)).text, /Bedre Ziedu ielā/);
    assert.match((await get('/reports?q=Zilonis').expect(200)).text, new RegExp(ref));
    assert.deepEqual(
      (await nearby()).map((report) => report.ref),
      [ref],
    );

    const form = await moderator.agent.get(`/staff/moderation/reports/${ref}/hide`).expect(200);
    assert.match(form.text, /data-qa="hide-form"/);
    assert.match(form.text, /Pie veikala Zilonis ir bedre\./, 'the moderator sees what they hide');
    await postAs(moderator, `/staff/moderation/reports/${ref}/hide`, { reason: REASON })
      .expect(303)
      .expect('Location', `/staff/moderation/reports/${ref}?done=hidden`);

    const gone = await get(`/reports/${ref}`).expect(410);
    assert.match(gone.text, /Moderators paslēpa šo ziņojumu \(\d{4}\. gada \d+\. \p{L}+[īā]\)\./u);
    for (const secret of ['Bedre Ziedu ielā', 'Zilonis', 'iekšējs-iemesls', key])
      assert.ok(!gone.text.includes(secret), `the hidden page shows nothing of ${secret}`);
    const english = await get(`/reports/${ref}?lang=en`).expect(410);
    assert.match(english.text, /A moderator hid this report on \d+ \w+ \d{4}\./);
    assert.doesNotMatch((await get('/reports').expect(200)).text, new RegExp(ref));
    assert.doesNotMatch((await get('/reports?q=Zilonis').expect(200)).text, new RegExp(ref));
    assert.deepEqual(await nearby(), []);
    await get(`/photos/${key}`).expect(404);
    await get(`/reports/${ref}/abuse`).expect(404);

    // The original is kept, with who hid it and why.
    const row = await context.services.knex('reports').where({ id: made.report.id }).first();
    assert.equal(row.hidden, true);
    assert.ok(row.hidden_at);
    assert.equal(row.hidden_reason, REASON);
    assert.equal(row.hidden_by_staff_id, moderator.member.id);
    assert.equal(row.title, 'Bedre Ziedu ielā');

    // The reporter still sees their report, with the same notice, and never the reason.
    const own = await get(`/reports/${ref}?token=${made.token}`).expect(200);
    assert.match(own.text, /data-qa="hidden-notice"/);
    assert.match(own.text, /Moderators paslēpa šo ziņojumu no publikas \(\d/);
    assert.ok(!own.text.includes('iekšējs-iemesls'));

    const [hidden] = await auditOf(context, 'moderation.hide');
    assert.equal(hidden?.staffId, moderator.member.id);
    assert.equal(hidden?.objectType, 'report');
    assert.equal(hidden?.objectId, ref);
    assert.deepEqual(hidden?.before, { report: ref, hiddenAt: null, reason: null });
    assert.equal((hidden?.after as { reason: string }).reason, REASON);

    await postAs(moderator, `/staff/moderation/reports/${ref}/unhide`)
      .expect(303)
      .expect('Location', `/staff/moderation/reports/${ref}?done=shown`);
    assert.match((await get(`/reports/${ref}`).expect(200)).text, /Bedre Ziedu ielā/);
    assert.match((await get('/reports?q=Zilonis').expect(200)).text, new RegExp(ref));
    await get(`/photos/${key}`).expect(200);
    const shown = await context.services.knex('reports').where({ id: made.report.id }).first();
    assert.deepEqual([shown.hidden, shown.hidden_at, shown.hidden_reason], [false, null, null]);
    const [unhidden] = await auditOf(context, 'moderation.unhide');
    assert.equal((unhidden?.before as { reason: string }).reason, REASON);
  });

  it('hides one update: the timeline says when, without its words or photos, for everyone and the reporter', async () => {
    const made = await makeReport(context.services);
    const { ref } = made.report;
    const photos = await pendingPhotos(context.services, 1);
    await context.services.reportUpdates.reporterAction(ref, made.token, {
      kind: 'comment',
      text: 'Kaimiņš Pēteris, tālr. 29999999, to izdarīja.',
      photos,
    });
    await moveReport(context.services, made.report, 'in_progress', {
      text: 'Darbi sāksies pirmdien.',
      role: 'parish_admin',
    });
    const update = await context.services
      .knex('report_updates')
      .where({ report_id: made.report.id })
      .whereLike('public_text', 'Kaimiņš%')
      .first();
    const key = photos[0]!.storageKey;
    assert.match((await get(`/reports/${ref}`).expect(200)).text, /Kaimiņš Pēteris/);
    await get(`/photos/${key}`).expect(200);
    // Two updates of the same minute: each hide button still says which one it is.
    const overview = (await moderator.agent.get(`/staff/moderation/reports/${ref}?lang=en`).expect(200)).text;
    const labels = [
      ...overview.matchAll(/data-qa="hide-link">[^<]*<span class="visually-hidden"> \(([^)]*)\)/g),
    ].map((match) => match[1]);
    assert.equal(new Set(labels).size, labels.length, labels.join(' | '));
    assert.ok(
      labels.some((label) => label!.startsWith('update 2, ')),
      labels.join(' | '),
    );

    await postAs(moderator, `/staff/moderation/reports/${ref}/updates/${update.id}/hide`, {
      reason: REASON,
    }).expect(303);

    for (const path of [`/reports/${ref}`, `/reports/${ref}?token=${made.token}`]) {
      const page = await get(path).expect(200);
      assert.match(page.text, /data-qa="timeline-hidden">Moderators paslēpa šo ierakstu \(\d/);
      assert.match(page.text, /Darbi sāksies pirmdien\./, 'the other updates stay');
      for (const secret of ['Kaimiņš', '29999999', key, 'iekšējs-iemesls'])
        assert.ok(!page.text.includes(secret), `${path} shows nothing of ${secret}`);
    }
    assert.doesNotMatch((await get(`/reports/${ref}`)).text, new RegExp(`abuse\\?update=${update.id}"`));
    // Its photo is served to nobody: not publicly, not with the signature emails carry.
    await get(`/photos/${key}`).expect(404);
    await get(`/photos/${key}/thumb`).expect(404);
    await get(`/photos/${key}?sig=${context.services.links.photoSignature(key)}`).expect(404);
    assert.match((await get('/reports').expect(200)).text, new RegExp(ref), 'the report itself stays listed');
    const row = await context.services.knex('report_updates').where({ id: update.id }).first();
    assert.equal(row.public_text, 'Kaimiņš Pēteris, tālr. 29999999, to izdarīja.', 'the original is kept');
    assert.equal(row.hidden_reason, REASON);
    const [audit] = await auditOf(context, 'moderation.hide');
    assert.deepEqual([audit?.objectType, audit?.objectId], ['report_update', String(update.id)]);

    await postAs(moderator, `/staff/moderation/reports/${ref}/updates/${update.id}/unhide`).expect(303);
    assert.match((await get(`/reports/${ref}`).expect(200)).text, /Kaimiņš Pēteris/);
    await get(`/photos/${key}`).expect(200);
  });

  it('hides one photo: a notice in its place, its file served to nobody but moderators, the list shows the next one', async () => {
    const made = await makeReport(context.services, { photos: 2 });
    const { ref } = made.report;
    const [first, second] = await photoIds(made);
    assert.match((await get('/reports').expect(200)).text, new RegExp(`/photos/${first!.key}/thumb`));

    await postAs(moderator, `/staff/moderation/reports/${ref}/photos/${first!.id}/hide`, {
      reason: REASON,
    }).expect(303);

    for (const path of [`/reports/${ref}`, `/reports/${ref}?token=${made.token}`]) {
      const page = await get(path).expect(200);
      assert.match(page.text, /data-qa="photo-hidden"><p>Moderators paslēpa šo fotogrāfiju \(\d/);
      assert.ok(!page.text.includes(first!.key), `${path} does not link the hidden photo`);
      assert.ok(page.text.includes(second!.key));
      assert.ok(!page.text.includes('iekšējs-iemesls'));
    }
    for (const suffix of ['', '/thumb', `?sig=${context.services.links.photoSignature(first!.key)}`])
      await get(`/photos/${first!.key}${suffix}`).expect(404);
    await get(`/photos/${second!.key}`).expect(200);
    const list = await get('/reports').expect(200);
    assert.ok(!list.text.includes(first!.key));
    assert.match(list.text, new RegExp(`/photos/${second!.key}/thumb`));

    const seen = await moderator.agent
      .get(`/staff/moderation/reports/${ref}/photos/${first!.id}/thumb`)
      .expect(200);
    assert.equal(seen.headers['cache-control'], 'private, no-store');
    assert.equal(seen.headers['content-type'], 'image/jpeg');
    const [audit] = await auditOf(context, 'moderation.hide');
    assert.deepEqual([audit?.objectType, audit?.objectId], ['report_photo', String(first!.id)]);

    await postAs(moderator, `/staff/moderation/reports/${ref}/photos/${first!.id}/unhide`).expect(303);
    await get(`/photos/${first!.key}`).expect(200);
  });

  it('lists what is hidden, with the reason for staff only, and shows it again from there', async () => {
    const made = await makeReport(context.services, { title: 'Paslēpjamais', photos: 1 });
    const { ref } = made.report;
    const [photo] = await photoIds(made);
    await postAs(moderator, `/staff/moderation/reports/${ref}/photos/${photo!.id}/hide`, {
      reason: 'Seja redzama',
    }).expect(303);
    await postAs(moderator, `/staff/moderation/reports/${ref}/hide`, { reason: REASON }).expect(303);

    const page = await moderator.agent.get('/staff/moderation/hidden?lang=en').expect(200);
    assert.match(page.text, /<section aria-labelledby="hidden-reports-heading" data-qa="hidden-reports">/);
    assert.match(page.text, /<th scope="col">Reason<\/th>/);
    assert.ok(page.text.includes(REASON) && page.text.includes('Seja redzama'));
    assert.ok(page.text.includes(`action="/staff/moderation/reports/${ref}/unhide?lang=en"`));
    assert.ok(
      page.text.includes(`action="/staff/moderation/reports/${ref}/photos/${photo!.id}/unhide?lang=en"`),
    );

    const overview = await moderator.agent.get(`/staff/moderation/reports/${ref}`).expect(200);
    assert.match(overview.text, /data-qa="state-hidden"/);
    assert.ok(overview.text.includes(REASON));
  });

  it('words bad input on the form with the text kept, and answers unknown things with 404, never 500', async () => {
    const made = await makeReport(context.services);
    const other = await makeReport(context.services);
    const { ref } = made.report;
    const hide = (fields: Record<string, string>, path = `/staff/moderation/reports/${ref}/hide`) =>
      postAs(moderator, path, fields);

    const empty = await hide({ reason: '   ' }).expect(422);
    assert.match(empty.text, /data-qa="error-summary"/);
    assert.match(empty.text, /<a href="#field-reason">Uzrakstiet iemeslu\.<\/a>/);
    assert.match(empty.text, /<title>Kļūda: Paslēpt ziņojumu/);

    const long = 'garš '.repeat(201);
    const tooLong = await hide({ reason: long }).expect(422);
    assert.match(tooLong.text, /ne garāks par 1\u00a0000 rakstzīmēm; tajā ir 1\u00a0005/);
    assert.ok(tooLong.text.includes(`>${long}</textarea>`), 'the text is kept');

    await hide({ reason: '<script>alert(1)</script>\u0000 <b>x</b>' }).expect(303);
    const row = await context.services.knex('reports').where({ id: made.report.id }).first();
    assert.equal(row.hidden_reason, '<script>alert(1)</script> <b>x</b>');
    const overview = await moderator.agent.get(`/staff/moderation/reports/${ref}`).expect(200);
    assert.ok(overview.text.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(!overview.text.includes('<script>alert(1)'));

    const again = await hide({ reason: 'vēlreiz' }).expect(409);
    assert.match(again.text, /Tas jau ir paslēpts\./);
    await postAs(moderator, `/staff/moderation/reports/${other.report.ref}/unhide`)
      .expect(303)
      .expect('Location', `/staff/moderation/reports/${other.report.ref}?done=notHidden`);
    assert.equal((await auditOf(context, 'moderation.unhide')).length, 0, 'nothing changed, nothing logged');

    const update = await context.services
      .knex('report_updates')
      .where({ report_id: other.report.id, is_public: true })
      .first();
    for (const path of [
      '/staff/moderation/reports/RZN-2026-99999/hide',
      '/staff/moderation/reports/nonsense/hide',
      `/staff/moderation/reports/${ref}/updates/${update.id}/hide`,
      `/staff/moderation/reports/${ref}/updates/99999999999/hide`,
      `/staff/moderation/reports/${ref}/updates/12abc/hide`,
      `/staff/moderation/reports/${ref}/comments/1/hide`,
      `/staff/moderation/reports/${ref}/photos/1/hide`,
    ]) {
      await moderator.agent.get(path).expect(404);
      await hide({ reason: 'x' }, path).expect(404);
    }
    await moderator.agent.get(`/staff/moderation/reports/${ref}/photos/1/thumb`).expect(404);
    const mistyped = await moderator.agent.get('/staff/moderation/reports?ref=x&lang=en').expect(422);
    assert.match(mistyped.text, /data-qa="find-error"[^>]*>[\s\S]*Enter a report reference/);
    assert.match(mistyped.text, /id="moderation-ref" name="ref" type="text" value="x"/);
    const unknown = await moderator.agent
      .get('/staff/moderation/reports?ref=RZN-2026-99999&lang=en')
      .expect(422);
    assert.match(unknown.text, /There is no public report with this reference/);
    await moderator.agent
      .get(`/staff/moderation/reports?ref=${ref.toLowerCase()}`)
      .expect(303)
      .expect('Location', `/staff/moderation/reports/${ref}?lang=en`);
    const english = await hide(
      { reason: '' },
      `/staff/moderation/reports/${other.report.ref}/hide?lang=en`,
    ).expect(422);
    assert.match(english.text, /Write the reason\./);
  });
});
