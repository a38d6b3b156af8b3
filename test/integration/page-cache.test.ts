import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { routedReport } from '../support/reports.inbound.js';

/** How many SQL statements a request made. */
async function queriesDuring(context: TestContext, run: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const listener = () => (count += 1);
  context.services.knex.on('query', listener);
  try {
    await run();
  } finally {
    context.services.knex.removeListener('query', listener);
  }
  return count;
}

describe('the rendered-page cache', () => {
  it('serves a repeated public list from memory, per language', async () => {
    const context = await makeApp();
    await routedReport(context);
    const first = await request(context.app).get('/reports?parish=kaunatas').expect(200);
    const again = await queriesDuring(context, () =>
      request(context.app).get('/reports?parish=kaunatas').expect(200),
    );
    assert.equal(again, 0);
    const english = await request(context.app).get('/reports?parish=kaunatas&lang=en').expect(200);
    assert.match(english.text, /<html lang="en">/);
    assert.match(first.text, /<html lang="lv">/);
  });

  it('forgets everything at the next write, so a change shows at once', async () => {
    const context = await makeApp();
    const before = await request(context.app).get('/reports').expect(200);
    assert.doesNotMatch(before.text, /Bedre Rēzeknes ielā/);
    const report = await routedReport(context);
    const after = await request(context.app).get('/reports').expect(200);
    assert.match(after.text, /Bedre Rēzeknes ielā/);
    await context.services.knex('reports').where({ id: report.id }).update({ hidden: true });
    await request(context.app).get(`/reports/${report.ref}`).expect(404);
  });

  it('never keeps a page opened with a token', async () => {
    const context = await makeApp();
    const report = await routedReport(context);
    const url = `/reports/${report.ref}?token=${context.services.links.reporterToken(report.ref)}`;
    await request(context.app).get(url).expect(200);
    const again = await queriesDuring(context, () => request(context.app).get(url).expect(200));
    assert.ok(again > 0);
  });

  it('is off with PAGE_CACHE_SECONDS=0', async () => {
    const context = await makeApp({ PAGE_CACHE_SECONDS: '0' });
    await request(context.app).get('/reports').expect(200);
    const again = await queriesDuring(context, () => request(context.app).get('/reports').expect(200));
    assert.ok(again > 0);
  });
});
