import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport, moveReport, type MadeReport } from '../support/reports.js';

/** The SQL the app sends while `run` runs (the page cache is off in tests). */
async function statements(context: TestContext, run: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  const listen = (query: { sql: string }) => sent.push(query.sql);
  context.services.knex.on('query', listen);
  try {
    await run();
  } finally {
    context.services.knex.off('query', listen);
  }
  return sent;
}

describe("a report's page from one query", () => {
  let context: TestContext;
  let pothole: MadeReport;

  before(async () => {
    context = await makeApp();
    const { services } = context;
    pothole = await makeReport(services, { photos: 1, title: 'Bedre pie skolas' });
    await moveReport(services, pothole.report, 'in_progress', {
      role: 'parish_admin',
      text: 'Sākam darbus.',
    });
    const original = await makeReport(services, { title: 'Tā pati bedre, agrāk' });
    await services
      .knex('reports')
      .where({ id: pothole.report.id })
      .update({ duplicate_of: original.report.id });
  });

  it('reads the report, its photos, its timeline and its duplicate in one statement', async () => {
    let page = '';
    const sent = await statements(context, async () => {
      page = (await request(context.app).get(`/reports/${pothole.report.ref}?lang=en`).expect(200)).text;
    });
    assert.equal(sent.length, 1, sent.join('\n---\n'));
    // All of it is on the page: the photo, the update's words and status change, the duplicate's link.
    assert.match(page, /Bedre pie skolas/);
    assert.match(page, new RegExp(`/photos/${pothole.photoKeys[0]}/thumb`));
    assert.match(page, /Sākam darbus\./);
    assert.match(page, /data-qa="duplicate-of"/);
  });

  it("the reporter's own page too, and a private or unknown one is still a 404 from that one query", async () => {
    const own = await statements(context, () =>
      request(context.app).get(`/reports/${pothole.report.ref}?token=${pothole.token}`).expect(200),
    );
    assert.equal(own.length, 1, own.join('\n---\n'));
    const secret = await makeReport(context.services, { category: 'elderly-help', title: 'Slepens lūgums' });
    let missing = '';
    const hidden = await statements(context, async () => {
      missing = (await request(context.app).get(`/reports/${secret.report.ref}`).expect(404)).text;
    });
    assert.equal(hidden.length, 1, hidden.join('\n---\n'));
    assert.doesNotMatch(missing, /Slepens lūgums/);
    const unknown = await statements(context, () =>
      request(context.app).get('/reports/RZN-2026-99999').expect(404),
    );
    assert.equal(unknown.length, 1, unknown.join('\n---\n'));
  });
});
