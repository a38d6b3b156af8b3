import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { confirmedOffer } from './help-offers-helpers.js';

/**
 * A volunteer's confirmation link opened again (a browser's history, the email opened twice)
 * says the offer is already confirmed and where its private link went, and ended there: no link
 * at all, not even back to help. It now leads back to help, in the page's language.
 */
describe('a volunteer’s used confirmation link opened again leads back to help', () => {
  let context: TestContext;
  before(async () => {
    context = await makeApp();
  });

  it('once, in the page’s language, beside where the private link went', async () => {
    const { confirm } = await confirmedOffer(context.app, context.services.knex, {
      email: 'velreiz@example.lv',
    });
    const words = { ru: 'Назад на страницу «Помощь»', en: 'Back to the Help page' };
    for (const [lang, text] of Object.entries(words)) {
      const page = (
        await request(context.app)
          .get(`${confirm.replace(/\?.*/, '')}?lang=${lang}`)
          .expect(200)
      ).text;
      assert.match(page, /data-qa="offer-confirmed" data-outcome="already"/);
      assert.match(page, /data-qa="manage-emailed"/);
      const links = [...page.matchAll(/<a href="([^"]+)" data-qa="back-to-help">([^<]+)<\/a>/g)];
      assert.equal(links.length, 1, page);
      assert.equal(links[0]![1], `/help?lang=${lang}`);
      assert.equal(links[0]![2], text);
    }
  });
});
