import assert from 'node:assert/strict';
import type { Report } from '../../src/reports/types.js';
import type { TestContext } from '../support/app.js';
import type { StaffBrowser } from '../support/staff.js';
import { staffWorkspace, type StaffWorkspace } from '../support/staff-workspace.js';

const MINUTE = 60 * 1000;

describe('the staff update form sent again (Back, then Save) saves and emails once', () => {
  let workspace: StaffWorkspace;
  let context: TestContext;
  let report: Report;
  const answer = {
    status: 'in_progress',
    publicText: 'Darbi sāksies pirmdien.',
    internalNote: 'Brigāde: Jānis.',
  };
  const save = (who: StaffBrowser, fields: Record<string, string> = answer) =>
    who.agent
      .post(`/staff/reports/${report.ref}/update`)
      .type('form')
      .send({ _csrf: who.csrf, ...fields });
  const updates = () =>
    context.services
      .knex('report_updates')
      .where({ report_id: report.id, channel: 'web' })
      .whereIn('author_kind', ['recipient', 'staff'])
      .count({ n: '*' });
  const updateCount = async () => Number(((await updates()) as { n: number | string }[])[0]!.n);
  const residentEmails = async () =>
    (await context.services.knex('outbox').where({ kind: 'report-update', report_id: report.id })).length;

  beforeEach(async () => {
    workspace = await staffWorkspace();
    ({ context, kaunataPublic: report } = workspace);
  });

  it('adds the same status, answer and note once, and says in each language that it was already saved', async () => {
    const { clerk } = workspace;
    await save(clerk).expect(303).expect('Location', `/staff/reports/${report.ref}?done=update`);
    workspace.later(3 * MINUTE);
    // The page Back shows again still offers the old status, so the same form comes as it was.
    const again = await save(clerk).expect(303);
    assert.equal(again.headers.location, `/staff/reports/${report.ref}?done=updateRepeated`);
    assert.equal(await updateCount(), 1);
    assert.equal(await residentEmails(), 1, 'the resident is emailed once');
    const audited = await context.services.knex('audit_log').where({ action: 'report.update' });
    assert.equal(audited.length, 1, 'nothing was done the second time, so nothing is audited');
    const notices = {
      en: 'This update had already been saved: nothing was added, published or emailed again.',
      lv: 'Šis atjauninājums jau bija saglabāts: nekas netika pievienots, publicēts vai nosūtīts vēlreiz.',
      ru: 'Это обновление уже было сохранено: ничего не добавлено, не опубликовано и не отправлено повторно.',
    };
    for (const [lang, notice] of Object.entries(notices)) {
      const page = await clerk.agent.get(`${again.headers.location}&lang=${lang}`).expect(200);
      assert.match(page.text, /data-qa="done"/);
      assert.ok(page.text.includes(notice), `the notice in ${lang}`);
    }
  });

  it('knows the form Back shows again after a status change: the words kept, the status back to "no change"', async () => {
    const { clerk } = workspace;
    await save(clerk, { status: 'resolved', publicText: 'Bedre aizbērta.', internalNote: '' }).expect(303);
    workspace.later(2 * MINUTE);
    // Back reads the page again (it is never cached): "Resolved" is no longer offered, so the
    // browser puts back the words under "no change", and the clerk presses Save.
    await save(clerk, { status: '', publicText: 'Bedre aizbērta.', internalNote: '' })
      .expect(303)
      .expect('Location', `/staff/reports/${report.ref}?done=updateRepeated`);
    assert.equal(await updateCount(), 1);
    assert.equal(await residentEmails(), 1, 'the resident is emailed once');
  });

  it('knows an answer or a note alone sent again, with no status asked', async () => {
    const { clerk } = workspace;
    await save(clerk, { status: '', publicText: 'Paldies, apskatīsim.', internalNote: '' }).expect(303);
    await save(clerk, { status: '', publicText: 'Paldies, apskatīsim.', internalNote: '' })
      .expect(303)
      .expect('Location', `/staff/reports/${report.ref}?done=updateRepeated`);
    await save(clerk, { status: '', publicText: '', internalNote: 'Jāzvana Annai.' }).expect(303);
    await save(clerk, { status: '', publicText: '', internalNote: 'Jāzvana Annai.' })
      .expect(303)
      .expect('Location', `/staff/reports/${report.ref}?done=updateRepeated`);
    assert.equal(await updateCount(), 2);
    assert.equal(await residentEmails(), 1);
  });

  it('adds it again after ten minutes, with other words, another status, or from a colleague', async () => {
    const { clerk, admin } = workspace;
    await save(clerk).expect(303);
    await save(clerk, { ...answer, publicText: 'Darbi sāksies otrdien.' })
      .expect(303)
      .expect('Location', `/staff/reports/${report.ref}?done=update`);
    await save(clerk, { ...answer, publicText: 'Darbi sāksies otrdien.', status: 'resolved' })
      .expect(303)
      .expect('Location', `/staff/reports/${report.ref}?done=update`);
    await save(admin, { ...answer, publicText: 'Darbi sāksies otrdien.', status: '' })
      .expect(303)
      .expect('Location', `/staff/reports/${report.ref}?done=update`);
    workspace.later(11 * MINUTE);
    await save(admin, { ...answer, publicText: 'Darbi sāksies otrdien.', status: '' })
      .expect(303)
      .expect('Location', `/staff/reports/${report.ref}?done=update`);
    assert.equal(await updateCount(), 5);
  });

  it('refuses a colleague’s form asking only for the status the report already has, in each language', async () => {
    const { clerk, worker } = workspace;
    await save(clerk, { status: 'acknowledged', publicText: '', internalNote: '' }).expect(303);
    // The social worker's page, read before the clerk saved, still offered "Received".
    const words = {
      lv: 'Ziņojumam jau ir šis statuss',
      en: 'The report already has this status',
      ru: 'У сообщения уже этот статус',
    };
    for (const [lang, said] of Object.entries(words)) {
      const refused = await worker.agent
        .post(`/staff/reports/${report.ref}/update?lang=${lang}`)
        .type('form')
        .send({ _csrf: worker.csrf, status: 'acknowledged', publicText: '', internalNote: '' })
        .expect(422);
      assert.ok(refused.text.includes(said), `the refusal in ${lang}`);
    }
    assert.equal(await updateCount(), 1, 'no empty entry in the history');
    const audited = await context.services.knex('audit_log').where({ action: 'report.update' });
    assert.equal(audited.length, 1);
    // With a note beside it, the note is saved and the status stays.
    await save(worker, { status: 'acknowledged', publicText: '', internalNote: 'Zvanīju Annai.' })
      .expect(303)
      .expect('Location', `/staff/reports/${report.ref}?done=update&lang=ru`);
    assert.equal(await updateCount(), 2);
  });

  it('saves once when the same form arrives twice at the same moment (PostgreSQL)', async function () {
    if (!process.env.TEST_DATABASE_URL) this.skip(); // PGlite runs one query at a time: nothing runs at once
    const { clerk } = workspace;
    const answers = await Promise.all([save(clerk), save(clerk), save(clerk)]);
    const locations = answers.map((res) => res.headers.location).sort();
    assert.deepEqual(locations, [
      `/staff/reports/${report.ref}?done=update`,
      `/staff/reports/${report.ref}?done=updateRepeated`,
      `/staff/reports/${report.ref}?done=updateRepeated`,
    ]);
    assert.equal(await updateCount(), 1);
    assert.equal(await residentEmails(), 1);
  });
});
