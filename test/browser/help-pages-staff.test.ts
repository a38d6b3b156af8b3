import assert from 'node:assert/strict';
import { makeApp, type TestContext } from '../support/app.js';
import { LANGUAGES, PageChecker } from '../support/browser-pages.js';
import { makeHelpRequest, makeOffer } from '../support/help.js';
import { makeReport } from '../support/reports.js';
import { addStaff, signIn, type StaffBrowser } from '../support/staff.js';

/**
 * The staff pages of offers and requests, as Kaunata's social worker sees them, in each language
 * on a phone and a desktop. Each page is loaded once and checked at both sizes.
 */
describe('help offers and requests, staff pages: accessibility (axe-core, WCAG 2.1 AA) in headless Chromium', () => {
  let context: TestContext;
  let pages: PageChecker;
  let worker: StaffBrowser;
  let offer: number;
  const requests: string[] = [];

  before(async () => {
    context = await makeApp();
    worker = await signIn(
      context,
      await addStaff(context, {
        email: 'kaunatas.socialais@example.org',
        role: 'social_worker',
        contacts: ['kaunatas-social'],
      }),
    );
    offer = await makeOffer(context, { email: 'ilze.zarina@example.org', about: 'Ar savu auto.' });
    await makeOffer(context, { email: 'palidzi@example.org', kinds: ['shopping'], status: 'paused' });
    // A request for oneself, and two for someone else: to be told by phone, and with no phone.
    for (const over of [
      { email: 'janis@example.org' },
      {
        email: 'peteris@example.org',
        forWhom: 'other' as const,
        subject: { name: 'Anna Liepa', phone: '+371 26660002' },
      },
      {
        email: 'marta@example.org',
        forWhom: 'other' as const,
        subject: { name: 'Ona Liepa', email: 'ona@example.org' },
      },
    ])
      requests.push((await makeHelpRequest(context, over)).ref);
    pages = await PageChecker.start(context);
  });
  after(async () => {
    await pages?.stop();
  });

  for (const language of LANGUAGES) {
    it(`the offers of Kaunata, one offer, and erasing one, in ${language}`, async () => {
      const erased = await makeOffer(context, { email: `erase.${language}@example.org` });
      const page = await pages.open(worker);
      for (const status of ['', '?status=paused', '?status=withdrawn', '?status=all'])
        await pages.visit(page, `/staff/help/offers${status}`, language);
      await pages.visit(page, `/staff/help/offers/${offer}`, language);
      await pages.visit(page, `/staff/help/offers/${erased}/erase`, language);
      await pages.press(page, '[data-qa="erase-button"]', language, 200, 'an offer, erased');
      assert.ok(await page.$('[data-qa="erased-notice"]'), 'the offer says it was erased');
      await pages.visit(page, `/staff/help/offers/${erased}/erase`, language);
      await pages.visit(page, '/staff/help/offers?status=all', language);
      await page.context().close();
    });

    it(`requests for help on the report page, and their erase page, in ${language}`, async () => {
      const page = await pages.open(worker);
      for (const ref of requests) {
        await pages.visit(page, `/staff/reports/${ref}`, language);
        assert.ok(await page.$('[data-qa="help-panel"]'), `${ref}: the help panel shows`);
      }
      await pages.visit(page, `/staff/help/requests/${requests[0]}/erase`, language);
      await page.context().close();
    });

    it(`a private report made a request, then erased, in ${language}`, async () => {
      const { report } = await makeReport(context.services, {
        category: 'elderly-help',
        email: `report.${language}@example.org`,
      });
      const page = await pages.open(worker);
      await pages.visit(page, `/staff/reports/${report.ref}`, language);
      assert.ok(await page.$('[data-qa="help-panel-convert"]'), 'the report may become a request');
      await pages.visit(page, `/staff/help/requests/${report.ref}/new`, language);
      await page.check('#field-for_whom-other');
      await pages.press(page, '[data-qa="help-convert-submit"]', language, 422, 'for someone else, unnamed');
      assert.ok(await page.$('[data-qa="error-summary"]'), 'the error summary shows');
      await page.fill('#field-subject_name', 'Anna Liepa');
      await page.check('#field-subject_knows');
      await page.fill('#field-subject_phone', '+371 26660003');
      await pages.press(page, '[data-qa="help-convert-submit"]', language, 200, 'the report made a request');
      assert.ok(await page.$('[data-qa="help-tell-phone"]'), 'the panel says to tell them by phone');
      await pages.visit(page, `/staff/help/requests/${report.ref}/erase`, language);
      await pages.press(page, '[data-qa="help-erase-submit"]', language, 422, 'erasing, the box not ticked');
      await page.check('#field-confirm');
      await pages.press(page, '[data-qa="help-erase-submit"]', language, 200, 'the request erased');
      assert.ok(await page.$('[data-qa="help-erased"]'), 'the panel says it was erased');
      await pages.visit(page, `/staff/help/requests/${report.ref}/erase`, language);
      await page.context().close();
    });
  }
});
