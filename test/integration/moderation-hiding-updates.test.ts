import assert from 'node:assert/strict';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport, moveReport, pendingPhotos } from '../support/reports.js';
import type { StaffBrowser } from '../support/staff.js';
import { postAs, staffBrowser } from './moderation-helpers.js';

describe('moderators hiding updates: only what the public reads on a timeline', () => {
  let context: TestContext;
  let moderator: StaffBrowser;

  beforeEach(async () => {
    context = await makeApp();
    moderator = await staffBrowser(context);
  });

  it('marks a resident’s and a parish’s words with their language on a page in another', async () => {
    const made = await makeReport(context.services, {
      title: 'Bedre pie skolas',
      description: 'Liela bedre.',
    });
    await moveReport(context.services, made.report, 'resolved', { text: 'Salabots.' });
    const page = (
      await moderator.agent.get(`/staff/moderation/reports/${made.report.ref}?lang=en`).expect(200)
    ).text;
    assert.match(page, /<html lang="en">/);
    assert.match(page, /<h1 lang="lv">Bedre pie skolas<\/h1>/);
    assert.match(page, /<p class="moderation-text" lang="lv">Liela bedre\.<\/p>/);
    assert.match(page, /<p class="moderation-text" lang="lv">Salabots\.<\/p>/);
  });

  it('refuses an internal note and a bare change of status with 404, hides words and photos', async () => {
    const made = await makeReport(context.services);
    const { ref } = made.report;
    const { knex } = context.services;
    await moveReport(context.services, made.report, 'in_progress');
    await knex('report_updates').insert({
      report_id: made.report.id,
      author_kind: 'staff',
      channel: 'web',
      internal_note: 'Iekšēja piezīme',
      is_public: false,
      created_at: new Date(),
    });
    await context.services.reportUpdates.reporterAction(ref, made.token, {
      kind: 'comment',
      text: '',
      photos: await pendingPhotos(context.services, 1),
    });
    await moveReport(context.services, made.report, 'resolved', { text: 'Salabots.' });
    const rows = (await knex('report_updates').where({ report_id: made.report.id }).orderBy('id')) as {
      id: number;
      is_public: boolean;
      public_text: string | null;
      internal_note: string | null;
    }[];
    const bare = rows.filter((row) => row.is_public && !row.public_text);
    const internal = rows.find((row) => row.internal_note === 'Iekšēja piezīme')!;
    const worded = rows.find((row) => row.public_text === 'Salabots.')!;
    const photo = (await knex('report_photos').where({ report_id: made.report.id }).first()) as {
      update_id: number;
    };
    const photoOnly = photo.update_id;
    const statusOnly = bare.filter((row) => row.id !== photoOnly).map((row) => row.id);
    assert.ok(statusOnly.length >= 2, 'the confirmation and the move to in progress have no words');

    for (const id of [...statusOnly, internal.id]) {
      const path = `/staff/moderation/reports/${ref}/updates/${id}/hide`;
      await moderator.agent.get(path).expect(404);
      await postAs(moderator, path, { reason: 'Nekas nav jāslēpj' }).expect(404);
    }
    const hidden = await knex('report_updates')
      .where({ report_id: made.report.id })
      .whereNotNull('hidden_at');
    assert.equal(hidden.length, 0, 'nothing was hidden');

    for (const id of [worded.id, photoOnly]) {
      await postAs(moderator, `/staff/moderation/reports/${ref}/updates/${id}/hide`, {
        reason: 'Pārbaude',
      })
        .expect(303)
        .expect('Location', `/staff/moderation/reports/${ref}?done=hidden`);
    }
    const list = (await moderator.agent.get('/staff/moderation/hidden').expect(200)).text;
    const unhides = [
      ...list.matchAll(/action="\/staff\/moderation\/reports\/[^/]+\/updates\/(\d+)\/unhide"/g),
    ];
    assert.deepEqual(unhides.map((match) => Number(match[1])).sort(), [worded.id, photoOnly].sort());
  });
});
