import assert from 'node:assert/strict';
import { parseFeed } from '@rowanmanning/feed-parser';
import request from 'supertest';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport, moveReport } from '../support/reports.js';

/** Any character XML 1.0 does not admit (§2.2): one makes the whole document unreadable. */
const NOT_XML = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

describe('Feeds and Open311 XML stay readable whatever characters a report holds', () => {
  let context: TestContext;
  let report: Report;

  before(async () => {
    context = await makeApp();
    const { services } = context;
    // Words as they may arrive without a form's cleaning: a reply by email, an older row.
    report = (
      await makeReport(services, {
        title: 'Bedre\uffff pie skolas ]]>',
        description: 'Dziļa\ufffe bedre\u0001 pie skolas.',
        location: 'Skolas\uffff iela 1',
      })
    ).report;
    await moveReport(services, report, 'in_progress', {
      text: 'Darbi\uffff sāksies\u0008 pirmdien.',
      role: 'parish_admin',
    });
  });

  const xml = async (path: string) => {
    const res = await request(context.app).get(path).expect(200);
    assert.doesNotMatch(res.text, NOT_XML, `${path} holds a character XML does not admit`);
    return res.text;
  };

  for (const path of ['/feeds/reports.atom', '/feeds/reports.rss']) {
    it(`keeps ${path} well-formed, with the report and its answer in it`, async () => {
      const parsed = parseFeed(await xml(`${path}?lang=en`));
      const titles = parsed.items.map((item) => item.title ?? '');
      assert.ok(
        titles.some((title) => title.includes('Bedre pie skolas ]]>')),
        titles.join('\n'),
      );
      assert.ok(parsed.items.some((item) => (item.content ?? '').includes('Darbi sāksies pirmdien.')));
    });
  }

  it('keeps a report’s own feeds well-formed', async () => {
    for (const format of ['atom', 'rss']) {
      const parsed = parseFeed(await xml(`/reports/${report.ref}/feed.${format}?lang=lv`));
      assert.ok(parsed.items.length >= 2, format);
    }
  });

  it('keeps Open311’s XML well-formed, for the list and for the one request', async () => {
    for (const path of ['/open311/v2/requests.xml', `/open311/v2/requests/${report.ref}.xml`]) {
      const text = await xml(path);
      assert.match(text, /<description>Dziļa bedre pie skolas\.<\/description>/, path);
      assert.match(text, /<address>Skolas iela 1<\/address>/, path);
    }
  });
});
