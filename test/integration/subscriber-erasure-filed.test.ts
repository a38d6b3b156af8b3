import assert from 'node:assert/strict';
import { makeApp, type TestContext } from '../support/app.js';
import { makeHelpRequest, makeOffer } from '../support/help.js';
import { makeReport } from '../support/reports.js';
import { postForm, type StaffBrowser } from '../support/staff.js';
import { staffBrowser } from './moderation-helpers.js';

const PAGE = '/staff/admin/erase-subscriber';
const EMAIL = 'anna.berzina@example.org';
const NEIGHBOUR = 'kaimins@example.org';

/** The items of one list of the page, as `[href, text]`. */
const listed = (html: string, qa: string): [string, string][] => {
  const list = new RegExp(`<ul data-qa="${qa}">([\\s\\S]*?)</ul>`).exec(html);
  if (!list) return [];
  return [...list[1]!.matchAll(/<li><a href="([^"]+)">([^<]+)<\/a>(?::\s*([^<]*))?<\/li>/g)].map((item) => [
    item[1]!,
    `${item[2]!}${item[3] ? `: ${item[3].trim()}` : ''}`,
  ]);
};

/**
 * Erasing an address's follows and alerts leaves what it filed: its public reports (each erased on
 * its own page), its requests for help and its offers of help. The address page lists them, each
 * linked to the page that erases it, so that the administrator answers the resident's request in
 * full; what has no personal data left, and anyone else's, is not listed.
 */
describe('the address erasure page lists what the address filed, to erase on its own pages', () => {
  let context: TestContext;
  let admin: StaffBrowser;
  const refs: Record<string, string> = {};
  const offers: Record<string, number> = {};

  before(async () => {
    context = await makeApp();
    admin = await staffBrowser(context, 'admin');
    const { services } = context;
    const { knex } = services;
    const report = async (email: string, title: string, options: { confirmed?: boolean } = {}) =>
      (await makeReport(services, { email, title, ...options })).report.ref;
    // Her reports, one typed with capitals; one whose reporter was erased; one never confirmed.
    refs.own = await report('Anna.Berzina@Example.org', 'Bedre pie skolas');
    refs.older = await report(EMAIL, 'Salauzts sols parkā');
    refs.erased = await report(EMAIL, 'Nokritis koks');
    await knex('reports').where({ ref: refs.erased }).update({ reporter_email: null, reporter_name: '' });
    refs.unconfirmed = await report(EMAIL, 'Neapstiprināts ziņojums', { confirmed: false });
    refs.neighbour = await report(NEIGHBOUR, 'Kaimiņa bedre');
    // Requests for help: one she asked, one asked for her by another, one erased, a neighbour's.
    refs.asked = (await makeHelpRequest(context, { email: EMAIL })).ref;
    refs.forHer = (
      await makeHelpRequest(context, {
        email: NEIGHBOUR,
        forWhom: 'other',
        subject: { name: 'Anna Bērziņa', email: 'ANNA.berzina@example.org' },
      })
    ).ref;
    refs.erasedRequest = (await makeHelpRequest(context, { email: EMAIL })).ref;
    await knex('help_requests')
      .whereIn('report_id', knex('reports').where({ ref: refs.erasedRequest }).select('id'))
      .update({ erased_at: new Date() });
    refs.neighbourRequest = (await makeHelpRequest(context, { email: NEIGHBOUR })).ref;
    // A private report of hers that staff have not made a request yet.
    refs.private = (
      await makeReport(services, { email: EMAIL, category: 'social-other', title: 'Privāts lūgums' })
    ).report.ref;
    // Offers of help: hers, one of hers erased, a neighbour's.
    offers.own = await makeOffer(context, { email: 'Anna.Berzina@example.org', name: 'Anna Bērziņa' });
    offers.erased = await makeOffer(context, { email: EMAIL, name: 'Anna Vecā' });
    await knex('help_offers').where({ id: offers.erased }).update({ erased_at: new Date() });
    offers.neighbour = await makeOffer(context, { email: NEIGHBOUR, name: 'Kaimiņš Ozols' });
  });

  const assertListed = (html: string) => {
    assert.match(html, /data-qa="filed"/);
    assert.deepEqual(
      listed(html, 'filed-reports').sort(),
      [
        [`/staff/admin/reports/${refs.older}/erase-reporter`, `${refs.older}: Salauzts sols parkā`],
        [`/staff/admin/reports/${refs.own}/erase-reporter`, `${refs.own}: Bedre pie skolas`],
      ].sort(),
    );
    assert.deepEqual(
      listed(html, 'filed-requests')
        .map(([href]) => href)
        .sort(),
      [
        `/staff/help/requests/${refs.asked}/erase`,
        `/staff/help/requests/${refs.forHer}/erase`,
        `/staff/reports/${refs.private}`,
      ].sort(),
    );
    assert.deepEqual(
      listed(html, 'filed-offers').map(([href]) => href),
      [`/staff/help/offers/${offers.own}/erase`],
    );
    // Her unconfirmed report goes with the address: listed by its number, linked to no page (its
    // reporter-erasure page refuses it).
    const unconfirmed = /<ul data-qa="filed-unconfirmed">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
    assert.match(unconfirmed, new RegExp(`<li>${refs.unconfirmed} \\(`));
    assert.doesNotMatch(unconfirmed, /<a /);
    assert.equal(html.split(refs.unconfirmed!).length, 2, 'named once, in that list');
    for (const ref of [refs.erased, refs.neighbour, refs.erasedRequest, refs.neighbourRequest])
      assert.doesNotMatch(html, new RegExp(ref!), `${ref} is not listed`);
    assert.doesNotMatch(html, new RegExp(`/staff/help/offers/(${offers.erased}|${offers.neighbour})/`));
    // A request's words are private: only its reference is shown, on the way to its own page.
    assert.doesNotMatch(html, /Vajag aizvest|Privāts lūgums/);
    assert.doesNotMatch(html, /data-qa="filed-more"/);
  };

  it('lists them, linked, when the address is found, and again when the box was not ticked', async () => {
    const found = await postForm(admin, `${PAGE}?lang=en`, { email: ' Anna.Berzina@Example.org ' }).expect(
      200,
    );
    assert.match(found.text, /What the resident sent/);
    assert.match(found.text, /its social worker or an administrator erases it/);
    assertListed(found.text);
    const unticked = await postForm(admin, `${PAGE}/confirm?lang=en`, { email: EMAIL }).expect(422);
    assertListed(unticked.text);
  });

  it('links pages an administrator may open', async () => {
    const found = await postForm(admin, `${PAGE}?lang=en`, { email: EMAIL }).expect(200);
    const links = ['filed-reports', 'filed-requests', 'filed-offers'].flatMap((qa) =>
      listed(found.text, qa).map(([href]) => href),
    );
    assert.equal(links.length, 6);
    for (const href of links) await admin.agent.get(`${href}?lang=en`).expect(200);
  });

  it('says so when the address filed nothing, in Latvian and in Russian too', async () => {
    const none = await postForm(admin, `${PAGE}?lang=lv`, { email: 'nobody@example.org' }).expect(200);
    assert.match(none.text, /data-qa="filed-none">Šai adresei netika atrasts neviens ziņojums/);
    const ru = await postForm(admin, `${PAGE}?lang=ru`, { email: EMAIL }).expect(200);
    assert.match(ru.text, /Что отправил житель/);
    assertListed(ru.text);
  });

  it('shows nothing of it to anyone but an administrator', async () => {
    for (const role of ['social_worker', 'moderator', 'parish_clerk'] as const) {
      const other = await staffBrowser(context, role);
      const refused = await postForm(other, `${PAGE}?lang=en`, { email: EMAIL }).expect(403);
      assert.doesNotMatch(refused.text, new RegExp(`${refs.own}|data-qa="filed`));
    }
  });
});

describe('the address erasure page lists at most fifty reports of an address, and says there are more', () => {
  it('lists the newest fifty and tells the administrator to look again once they are erased', async () => {
    const context = await makeApp();
    const admin = await staffBrowser(context, 'admin');
    const { services } = context;
    const { report } = await makeReport(services, { email: EMAIL, title: 'Pirmā bedre' });
    // Fifty more of hers, copies of the first row (a busy reporter over the years).
    const { id: _id, ...row } = (await services.knex('reports').where({ id: report.id }).first()) as Record<
      string,
      unknown
    >;
    await services.knex('reports').insert(
      Array.from({ length: 50 }, (_, index) => ({
        ...row,
        ref: `RZN-2020-${String(index + 1).padStart(5, '0')}`,
        created_at: new Date(Date.UTC(2020, 0, index + 1)),
      })),
    );
    const found = await postForm(admin, `${PAGE}?lang=en`, { email: EMAIL }).expect(200);
    const reports = listed(found.text, 'filed-reports');
    assert.equal(reports.length, 50);
    assert.equal(reports[0]![0], `/staff/admin/reports/${report.ref}/erase-reporter`, 'newest first');
    assert.doesNotMatch(found.text, /RZN-2020-00001\b/, 'the oldest is left for the next look');
    assert.match(found.text, /data-qa="filed-more">There are more than those listed here/);
  });
});
