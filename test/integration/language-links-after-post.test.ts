import assert from 'node:assert/strict';
import request from 'supertest';
import { makeHelpRequest, makeOffer } from '../support/help.js';
import { heldReply } from '../support/reports.inbound.js';
import type { StaffBrowser } from '../support/staff.js';
import { staffWorkspace, type StaffWorkspace } from '../support/staff-workspace.js';
import { assertSwitchButtons } from './language-switch-helpers.js';

/** The language switcher's links in the page's header, as a browser reads them. */
function languageLinks(html: string): string[] {
  return [...html.matchAll(/<a href="([^"]+)" lang="(?:lv|en|ru)" hreflang=/g)].map((match) =>
    match[1]!.replaceAll('&amp;', '&'),
  );
}

/** The `_page` a form on this page sends (views/partials/csrf.ejs). */
function pageField(html: string): string {
  const found = /name="_page" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(found, 'the form says which page it is on');
  return found.replaceAll('&amp;', '&');
}

describe('the language links of a page answering a form', () => {
  let workspace: StaffWorkspace;

  beforeEach(async () => {
    workspace = await staffWorkspace();
  });

  /** Opens the form's page, sends the form wrong, and follows each language link of the answer. */
  async function switchAfter(
    browser: StaffBrowser,
    page: string,
    action: string,
    fields: Record<string, string>,
    typed: RegExp,
  ): Promise<void> {
    const form = await browser.agent.get(page).expect(200);
    const refused = await browser.agent
      .post(action)
      .type('form')
      .send({ _csrf: browser.csrf, _page: pageField(form.text), ...fields })
      .expect(422);
    assert.match(refused.text, typed, 'the form is shown again with what was typed');
    const links = languageLinks(refused.text);
    assert.equal(links.length, 3, action);
    for (const link of links) {
      assert.ok(link.startsWith(`${page.split('?')[0]}?`), `${action}: ${link} is the form's page`);
      await browser.agent.get(link).expect(200);
    }
  }

  it('leads from a refused staff form back to the page it is on, in each language', async () => {
    const { worker, clerk, kaunataPublic } = workspace;
    const help = await makeHelpRequest(workspace.context, { email: 'janis.kalnins@example.org' });
    await makeOffer(workspace.context, { name: 'Ilze Zariņa', email: 'ilze.zarina@example.org' });
    await switchAfter(
      clerk,
      '/staff/reports/new',
      '/staff/reports',
      { source: 'phone', title: 'Bedre-5521', description: '', email: 'nav-adrese', language: 'lv' },
      /Bedre-5521/,
    );
    await switchAfter(
      worker,
      `/staff/reports/${kaunataPublic.ref}`,
      `/staff/reports/${kaunataPublic.ref}/update`,
      { status: 'closed', closeReason: 'duplicate', duplicateOf: '', publicText: 'Teksts-7710' },
      /Teksts-7710/,
    );
    await switchAfter(
      worker,
      `/staff/help/requests/${help.ref}?lang=en`,
      `/staff/help/requests/${help.ref}/propose`,
      { offer: 'nav', need: 'Vajadzība-3301' },
      /Vajadzība-3301/,
    );
    const held = await heldReply(workspace.context, 'Atbilde-4410');
    await switchAfter(
      worker,
      `/staff/inbound/${held}`,
      `/staff/inbound/${held}/place`,
      { ref: 'nav-numurs' },
      /nav-numurs/,
    );
  });

  it('switches the refused public report form by sending it back, not by a link that loses it', async () => {
    const app = request(workspace.context.app);
    const form = await app.get('/reports/new').expect(200);
    const refused = await app
      .post('/reports')
      .set('Origin', 'http://tilts.test')
      .field('_page', pageField(form.text))
      .field('title', 'Bedre-9920')
      .expect(422);
    assert.match(refused.text, /Bedre-9920/);
    assert.deepEqual(languageLinks(refused.text), []);
    for (const language of ['lv', 'en', 'ru']) {
      const switched = await app
        .post(`/reports?lang=${language}`)
        .set('Origin', 'http://tilts.test')
        .field('_page', pageField(form.text))
        .field('title', 'Bedre-9920')
        .field('_lang', language)
        .expect(422); // still refused: its errors are said again in that language
      assert.match(switched.text, new RegExp(`<html lang="${language}">`));
      assert.match(switched.text, /value="Bedre-9920"/);
    }
  });

  it('leads from the volunteer’s own forms to their pages, with their link, in each language', async () => {
    const { context } = workspace;
    const app = request(context.app);
    const id = await makeOffer(context, { name: 'Ilze Zariņa', email: 'ilze.zarina@example.org' });
    const manage = context.services.helpOfferLinks.managePath(id);
    const token = new URL(manage, 'http://tilts.test').searchParams.get('token')!;
    const page = await app.get(manage).expect(200);
    const pages = [...page.text.matchAll(/name="_page" value="([^"]+)"/g)].map((found) =>
      found[1]!.replaceAll('&amp;', '&'),
    );
    assert.deepEqual(pages.sort(), [manage, `/help/offers/${id}/withdraw?token=${token}`].sort());
    // The edit form refused, then the question before withdrawing: each link opens that page again.
    const refused = await app
      .post(`/help/offers/${id}?lang=en`)
      .set('Origin', 'http://tilts.test')
      .type('form')
      .send({ token, _page: manage, name: 'Vārds-6612' })
      .expect(422);
    assert.match(refused.text, /Vārds-6612/);
    const asked = await app
      .post(`/help/offers/${id}/withdraw?lang=en`)
      .set('Origin', 'http://tilts.test')
      .type('form')
      .send({ token, _page: `/help/offers/${id}/withdraw?token=${token}` })
      .expect(200);
    // The edit form refused is sent back by its switcher, so nothing typed is lost (as the offer
    // form: language-switch-help-forms.test.ts); the question's links open it again.
    assertSwitchButtons(refused.text, 'edit-form', `/help/offers/${id}`, 'en');
    const links = languageLinks(asked.text);
    assert.equal(links.length, 3);
    for (const link of links)
      assert.match((await app.get(link).expect(200)).text, /data-qa="withdraw-question"/);
    // Asked, nothing is withdrawn yet.
    assert.equal((await context.services.knex('help_offers').where({ id }).first()).status, 'active');
  });
});
