import assert from 'node:assert/strict';
import request from 'supertest';
import { SETTLE_MS } from '../../src/page-cache/feed.js';
import { makeApp, type TestContext } from '../support/app.js';
import { hideReport, makeReport } from '../support/reports.js';

const countIn = (html: string) => /data-qa="result-count">([^<]+)</.exec(html)?.[1];

describe("the public list's kept count", () => {
  let context: TestContext;

  before(async () => {
    // Pages rendered afresh each time: the count is what is kept, not the page.
    context = await makeApp({ PAGE_CACHE_SECONDS: '0' });
    for (const title of ['Bedre', 'Laterna', 'Sols']) {
      await makeReport(context.services, { title, parish: 'kaunatas' });
    }
    // On PostgreSQL a commit's changes are recorded again SETTLE_MS later (page-cache/feed.ts),
    // which rightly drops a count read meanwhile: the tests start once that has happened, so
    // their views see only their own changes however slowly the machine runs.
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS + 50));
  });

  /** The list page, and the SQL that answering it sent. */
  async function view(path: string): Promise<{ count: string | undefined; statements: string[] }> {
    const statements: string[] = [];
    const listener = (query: { sql?: string }) => statements.push(query.sql ?? '');
    context.services.knex.on('query', listener);
    try {
      const response = await request(context.app).get(path).expect(200);
      return { count: countIn(response.text), statements };
    } finally {
      context.services.knex.removeListener('query', listener);
    }
  }
  const counted = (statements: string[]) => statements.some((sql) => /count\(\*\)/i.test(sql));

  it('counts a list once, then reads only its pages until a public report changes', async () => {
    const first = await view('/reports?parish=kaunatas&lang=en');
    assert.match(first.count ?? '', /^3 reports?$/);
    assert.ok(counted(first.statements), 'the first view counts');

    const again = await view('/reports?parish=kaunatas&lang=en');
    assert.equal(again.count, first.count);
    assert.equal(counted(again.statements), false, 'a second view reads the kept count');
    assert.ok(again.statements.length > 0, 'the page itself is read');

    // Another list has its own count.
    const other = await view('/reports?parish=vilani&lang=en');
    assert.ok(counted(other.statements));
    assert.equal(other.count, '0 reports');
  });

  it('counts again at once when a report is made public, and when one is hidden', async () => {
    await view('/reports?parish=kaunatas&lang=en');
    const made = await makeReport(context.services, { title: 'Koks', parish: 'kaunatas' });
    const afterNew = await view('/reports?parish=kaunatas&lang=en');
    assert.ok(counted(afterNew.statements));
    assert.equal(afterNew.count, '4 reports');

    await hideReport(context.services, made.report);
    const afterHidden = await view('/reports?parish=kaunatas&lang=en');
    assert.ok(counted(afterHidden.statements));
    assert.equal(afterHidden.count, '3 reports');
  });
});
