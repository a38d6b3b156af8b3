import assert from 'node:assert/strict';
import { makeApp, type TestContext } from '../support/app.js';
import { LANGUAGES, PageChecker } from '../support/browser-pages.js';
import { makeOffer } from '../support/help.js';

/**
 * The public pages of offering and asking for help, and every page behind a volunteer's emailed
 * link, in each language on a phone and a desktop. Each page is loaded once and checked at both
 * sizes, so a form sent with mistakes is sent once per language.
 */
describe('help offers and requests, public pages: accessibility (axe-core, WCAG 2.1 AA) in headless Chromium', () => {
  let context: TestContext;
  let pages: PageChecker;

  before(async () => {
    context = await makeApp();
    // Enough offers for /help to show counts, and one organisation listed by name.
    for (const kinds of [['transport'], ['transport', 'shopping'], ['transport', 'household']] as const)
      await makeOffer(context, { kinds: [...kinds] });
    const organisation = await makeOffer(context, { name: 'Biedrība Palīgi', kinds: ['shopping'] });
    await context.services
      .knex('help_offers')
      .where({ id: organisation })
      .update({ offered_by: 'organisation', listed: true });
    pages = await PageChecker.start(context);
  });
  after(async () => {
    await pages?.stop();
  });
  beforeEach(() => context.services.knex('rate_limits').delete());

  /** The newest link of ours to a path like `pattern` in the newest email of a kind to `to`. */
  async function emailedLink(kind: string, to: string, pattern: RegExp): Promise<string> {
    const mail = (await context.services
      .knex('outbox')
      .where({ kind, to_email: to })
      .orderBy('id', 'desc')
      .first('text_body')) as { text_body: string } | undefined;
    const link = mail?.text_body.match(/http:\/\/tilts\.test\/\S+/g)?.find((found) => pattern.test(found));
    assert.ok(link, `a link like ${String(pattern)} in the ${kind} email to ${to}`);
    const { pathname, search } = new URL(link);
    return `${pathname}${search.replace(/[?&]lang=\w+/, '').replace(/^&/, '?')}`;
  }

  for (const language of LANGUAGES) {
    it(`/help, the empty forms, and the pages after sending them, in ${language}`, async () => {
      const page = await pages.open();
      for (const path of [
        '/help',
        '/help/offer',
        '/help/offer/sent',
        '/help/request',
        '/help/request?category=elderly-help&parish=kaunatas',
        '/help/request/sent?ref=RZN-2026-00001&by=email',
        '/help/request/sent?by=phone',
      ])
        await pages.visit(page, path, language);
      await page.context().close();
    });

    it(`the offer form sent with mistakes, in ${language}: the error summary and each field's error`, async () => {
      const page = await pages.open();
      await pages.visit(page, '/help/offer', language);
      await page.fill('#field-email', 'not an address');
      await pages.press(page, '[data-qa="submit"]', language, 422, 'the offer form, sent empty');
      assert.ok(await page.$('[data-qa="error-summary"]'), 'the error summary shows');
      await page.context().close();
    });

    it(`the request form sent with mistakes, in ${language}, for oneself and for someone else`, async () => {
      const page = await pages.open();
      await pages.visit(page, '/help/request', language);
      await pages.press(page, '[data-qa="submit"]', language, 422, 'the request form, sent empty');
      assert.ok(await page.$('[data-qa="error-summary"]'), 'the error summary shows');
      await pages.visit(page, '/help/request', language);
      await page.check('#field-for_whom-other');
      await page.fill('#field-subject_name', 'Anna Liepa');
      await page.fill('#field-description', 'Kaimiņienei jātiek pie ārsta.');
      await page.fill('#field-name', 'Pēteris Laizāns');
      await page.fill('#field-email', 'peteris@example.org');
      await pages.press(
        page,
        '[data-qa="submit"]',
        language,
        422,
        'for someone else, not saying whether they know',
      );
      assert.ok(await page.$('[data-qa="error-subject_knows"]'), 'the “do they know” question is marked');
      await page.context().close();
    });

    it(`every page behind a volunteer's emailed links, in ${language}`, async () => {
      const { services } = context;
      const email = `volunteer.${language}@example.org`;
      const page = await pages.open();
      // The volunteer sends the form; its confirmation link opens a page with one button.
      await pages.visit(page, '/help/offer', language);
      await page.check('#field-kinds-transport');
      await page.check('#field-parishes-kaunatas');
      await page.check('#field-days-sat');
      await page.fill('#field-name', 'Ilze Kalniņa');
      await page.fill('#field-capacity', '1');
      await page.fill('#field-email', email);
      await page.check('#field-share_email');
      await pages.press(page, '[data-qa="submit"]', language, 200, 'the offer form, sent');
      // The page after the form keeps its language: Latvian too, since the test's browser asks for
      // English (Chromium's en-US), which alone would open the next page in English.
      assert.match(page.url(), new RegExp(`/help/offer/sent\\?lang=${language}$`));
      const confirm = await emailedLink('help-offer-confirm', email, /\/confirm\//);
      const id = Number((await services.knex('help_offers').where({ email }).first('id')).id);
      // A confirmation link past its seven days says so as it opens, with no button.
      const expired = `/help/offers/confirm/${services.helpOfferLinks.confirmToken(id, new Date(Date.now() - 1000))}`;
      await pages.visit(page, expired, language, 410);
      assert.equal(await page.$('[data-qa="confirm-button"]'), null, 'an expired link has no button');
      await pages.visit(page, confirm, language);
      await pages.press(page, '[data-qa="confirm-button"]', language, 200, 'the offer confirmed');
      // Opened again, the used link says the offer is already confirmed.
      await pages.visit(page, confirm, language);
      assert.ok(await page.$('[data-qa="offer-confirmed"]'), 'the used link shows the offer confirmed');
      // The volunteer's own page: as it opens, after a save, and with a mistake in it.
      const manage = await emailedLink('help-offer-active', email, /\/help\/offers\/\d+\?token=/);
      await pages.visit(page, manage, language);
      await pages.visit(page, `${manage}&done=saved`, language);
      await page.fill('#field-name', '');
      await page.uncheck('#field-share_email');
      await pages.press(page, '[data-qa="save"]', language, 422, 'the own page, saved with mistakes');
      // A new address: the page saying its link was sent, the page while it waits, the link's pages.
      await pages.visit(page, manage, language);
      await page.fill('#field-email', `new.${email}`);
      await pages.press(page, '[data-qa="save"]', language, 200, 'the own page, a new address saved');
      await pages.visit(page, manage, language);
      const proof = await emailedLink('help-offer-email', `new.${email}`, /\/help\/offers\/email\//);
      await pages.visit(page, proof, language);
      await pages.press(page, '[data-qa="confirm-button"]', language, 200, 'the new address confirmed');
      // Opened again, the used link says where the private link went, never the link itself.
      await pages.visit(page, proof, language);
      assert.ok(
        await page.$('[data-qa="manage-emailed"]'),
        'the used link says the private link was emailed',
      );
      assert.equal(await page.$('[data-qa="manage-link"]'), null, 'the used link gives no private link');
      await pages.visit(page, manage, language);
      await pages.press(page, '[data-qa="pause-button"]', language, 200, 'the own page, paused');
      // Withdrawing asks first; going back leaves the offer as it was.
      await pages.press(page, '[data-qa="withdraw-button"]', language, 200, 'withdrawing, asked first');
      await pages.visit(page, manage, language);
      // "Still available?": each answer's page, the answer given, and the same link again.
      const sentAt = services.clock();
      await services.knex('help_offers').where({ id }).update({ check_sent_at: sentAt });
      const check = (answer: 'yes' | 'pause' | 'withdraw') =>
        services.helpOfferLinks.check(id, answer, sentAt).replace('http://tilts.test', '');
      for (const answer of ['yes', 'pause', 'withdraw'] as const)
        await pages.visit(page, check(answer), language);
      await pages.press(page, '[data-qa="confirm-button"]', language, 200, 'the last answer given');
      await pages.visit(page, check('yes'), language);
      await pages.visit(page, manage, language);
      // Links that do not work.
      await pages.visit(page, `/help/offers/${id}?token=forged`, language, 404);
      await pages.visit(page, `/help/offers/${id}/check/yes?token=forged`, language, 404);
      await page.context().close();
    });
  }
});
