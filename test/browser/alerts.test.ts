import { makeApp, type TestContext } from '../support/app.js';
import { LANGUAGES, PageChecker } from '../support/browser-pages.js';

describe('the email alert form in headless Chromium', () => {
  let context: TestContext;
  let pages: PageChecker;

  before(async () => {
    context = await makeApp();
    pages = await PageChecker.start(context);
  });
  after(async () => {
    await pages?.stop();
  });

  for (const language of LANGUAGES) {
    it(`is accessible, prefilled, sent with mistakes (422) and sent, in ${language}`, async () => {
      const page = await pages.open();
      await pages.visit(page, '/alerts/new?parish=kaunatas&category=roads', language);
      await pages.press(page, '[data-qa="submit"]', language, 422, 'the alert form, sent without an address');
      await page.fill('#field-email', `alerts.${language}@example.lv`);
      await pages.press(page, '[data-qa="submit"]', language, 200, 'the alert form, sent');
      await page.context().close();
    });
  }
});
