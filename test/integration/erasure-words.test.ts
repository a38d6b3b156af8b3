import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { postForm } from '../support/staff.js';
import { staffBrowser } from './moderation-helpers.js';

const NAME = 'Ilze Kalniņa';
const DAY = 86_400_000;

/**
 * The public surfaces mask a name its reporter kept back, and their contact, by the name and
 * contact on the report. Erasing them (on request, or when their time is over) takes those away:
 * the words that still held them must lose them too, or the name stands in clear where it was
 * masked before.
 */
describe('erasing a reporter leaves no name or contact of theirs in the words the public reads', () => {
  let context: TestContext;

  beforeEach(async () => {
    context = await makeApp();
  });

  /** A public report whose words hold its reporter's name (kept back) and contact, and an answer that names her. */
  async function reportNamingHer() {
    const { report } = await makeReport(context.services, {
      category: 'roads',
      parish: 'kaunatas',
      title: `Bedre pie ${NAME} mājas`,
      description: `Es, ${NAME}, lūdzu salabot. Rakstiet ilze.kalnina (at) example.org vai zvaniet +371 2 6 6 6 0 0 0 2.`,
      location: `Pie ${NAME} vārtiem`,
      name: NAME,
      email: 'ilze.kalnina@example.org',
      phone: '26660002',
      showName: false,
    });
    await context.services.knex('report_updates').insert({
      report_id: report.id,
      author_kind: 'recipient',
      author_name: 'Kaunatas pagasts',
      channel: 'email',
      public_text: `Paldies, ${NAME}! Bedri aizbērsim rīt.`,
      is_public: true,
      language: 'lv',
      created_at: new Date(),
    });
    return report;
  }

  /** Everything the public reads of the report: its page, its feed, open data and Open311. */
  async function publicText(ref: string): Promise<string> {
    const paths = [
      `/reports/${ref}`,
      `/reports/${ref}/feed.atom`,
      '/feeds/reports.atom',
      '/open-data/reports.json?updates=1',
      '/open-data/reports.csv',
      `/open311/v2/requests/${ref}.json`,
      '/map/reports.geojson',
    ];
    const texts = await Promise.all(
      paths.map(async (path) => (await request(context.app).get(path).expect(200)).text),
    );
    return texts.join('\n');
  }

  const assertNothingOfHers = (text: string, when: string) => {
    for (const trace of ['Kalniņ', 'Kalnin', 'ilze.kalnina', '26660002', '2 6 6 6'])
      assert.ok(!text.includes(trace), `${trace} ${when}`);
  };

  it('on her request: her name and contact go from the words, the rest of them stays', async () => {
    const report = await reportNamingHer();
    assertNothingOfHers(await publicText(report.ref), 'before the erasure');

    const admin = await staffBrowser(context, 'admin');
    await postForm(admin, `/staff/admin/reports/${report.ref}/erase-reporter`, { confirm: 'yes' }).expect(
      303,
    );

    assertNothingOfHers(await publicText(report.ref), 'after the erasure');
    const row = await context.services.knex('reports').where({ id: report.id }).first();
    assert.equal(row.title, 'Bedre pie […] mājas', 'the public record of the problem stays');
    assert.match(row.description, /^Es, \[…\], lūdzu salabot\. Rakstiet \[…\] vai zvaniet \[…\]\.$/);
    assert.equal(row.location, 'Pie […] vārtiem');
    const answer = await context.services
      .knex('report_updates')
      .where({ report_id: report.id, author_kind: 'recipient' })
      .first();
    assert.equal(answer.public_text, 'Paldies, […]! Bedri aizbērsim rīt.');
    assert.equal(answer.search_text, null, 'the search reads the new words');
  });

  it('when her time is over: the same', async () => {
    const report = await reportNamingHer();
    await context.services
      .knex('reports')
      .where({ id: report.id })
      .update({ status: 'resolved', updated_at: new Date(Date.now() - 4 * 365 * DAY) });
    assertNothingOfHers(await publicText(report.ref), 'before her data was taken out');

    assert.deepEqual(await context.services.retention.runDue(), { reports: 1, offers: 0 });

    assertNothingOfHers(await publicText(report.ref), 'after her data was taken out');
    const row = await context.services.knex('reports').where({ id: report.id }).first();
    assert.equal(row.title, 'Bedre pie […] mājas');
  });

  it('leaves words that never held her as they were, another’s contact included', async () => {
    const { report } = await makeReport(context.services, {
      category: 'roads',
      parish: 'kaunatas',
      title: 'Bedre Rēzeknes ielā',
      description: 'Dziļa bedre. Ceļu dienests: celi@example.org, 64600000.',
      name: NAME,
      email: 'ilze.kalnina@example.org',
      showName: true,
    });
    const admin = await staffBrowser(context, 'admin');
    await postForm(admin, `/staff/admin/reports/${report.ref}/erase-reporter`, { confirm: 'yes' }).expect(
      303,
    );
    const row = await context.services.knex('reports').where({ id: report.id }).first();
    assert.equal(row.title, 'Bedre Rēzeknes ielā');
    assert.equal(row.description, 'Dziļa bedre. Ceļu dienests: celi@example.org, 64600000.');
  });
});
