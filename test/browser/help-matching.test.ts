import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { makeApp, type TestContext } from '../support/app.js';
import { axeViolations, launchBrowser } from '../support/browser.js';
import { makeHelpRequest, makeOffer } from '../support/help.js';
import { addStaff, postForm, signIn } from '../support/staff.js';

const LANGUAGES = ['lv', 'en', 'ru'] as const;
const VIEWPORTS = [
  { width: 360, height: 740 },
  { width: 1280, height: 900 },
];

/** Matching's pages: the social worker's hub and desk, and every page behind a matching email's link. */
describe('help matching pages: accessibility (axe-core, WCAG 2.1 AA) in headless Chromium', () => {
  let context: TestContext;
  let server: Server;
  let url: string;
  let browser: Browser;
  let cookie: { name: string; value: string };
  const staffPages: string[] = [];
  const linkPages: string[] = [];
  let deskWithCandidates = '';

  before(async () => {
    context = await makeApp();
    const { services } = context;
    const worker = await signIn(
      context,
      await addStaff(context, {
        email: 'kaunatas.socialais@example.org',
        role: 'social_worker',
        contacts: ['kaunatas-social'],
      }),
    );
    const [name, value] = worker.cookie.split('=') as [string, string];
    cookie = { name, value };
    const shared = await makeHelpRequest(context, { email: 'janis@example.lv' });
    const waiting = await makeHelpRequest(context, { email: 'anna@example.lv' });
    const first = await makeOffer(context, { name: 'Ilze Zariņa' });
    await makeOffer(context, { name: 'Biedrība Palīgi', kinds: ['shopping'] });
    await postForm(worker, `/staff/help/requests/${shared.ref}/propose`, {
      offer: String(first),
      need: 'Uz Rēzekni pie ārsta.',
    }).expect(303);
    const [proposal] = (await services.knex('outbox').where({ kind: 'help-proposal' })) as {
      text_body: string;
    }[];
    const link = (text: string, action: string) =>
      /http:\/\/tilts\.test(\/help\/matches\/\d+\/[\w/]+\?token=\S+)/
        .exec(text.split('\n').find((line) => line.includes(`/${action}?`)) ?? '')![1]!
        .replace(/&lang=\w+/, ''); // each page is opened in every language below
    const accept = link(proposal!.text_body, 'accept');
    linkPages.push(accept, link(proposal!.text_body, 'decline'), link(proposal!.text_body, 'concern'));
    await services.helpMatchAnswers.answer(
      1,
      'accept',
      decodeURIComponent(/token=([^&\s]+)/.exec(accept)![1]!),
    );
    const [consent] = (await services.knex('outbox').where({ kind: 'help-consent' })) as {
      text_body: string;
    }[];
    linkPages.push(link(consent!.text_body, 'agree'), link(consent!.text_body, 'refuse'));
    // The person agrees; when the follow-up is due, its answer pages are opened too.
    const agree = link(consent!.text_body, 'agree');
    await services.helpMatchAnswers.answer(
      1,
      'agree',
      decodeURIComponent(/token=([^&\s]+)/.exec(agree)![1]!),
    );
    await services
      .knex('help_matches')
      .where({ id: 1 })
      .update({ followup_due_at: new Date(0) });
    assert.equal(await services.helpFollowups.sendDue(), 1);
    const [followup] = (await services.knex('outbox').where({ kind: 'help-followup' })) as {
      text_body: string;
    }[];
    linkPages.push(
      link(followup!.text_body, 'followup/helped'),
      link(followup!.text_body, 'followup/need_more'),
    );
    linkPages.push(accept, '/help/matches/1/accept?token=forged');
    staffPages.push(
      '/staff/help',
      `/staff/help/requests/${shared.ref}`,
      `/staff/help/requests/${waiting.ref}`,
    );
    deskWithCandidates = `/staff/help/requests/${waiting.ref}`;
    server = context.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  async function open(staff: boolean, viewport = VIEWPORTS[1]!): Promise<Page> {
    const browserContext = await browser.newContext({ viewport, bypassCSP: true });
    if (staff) await browserContext.addCookies([{ ...cookie, url }]);
    return browserContext.newPage();
  }

  async function check(page: Page, language: string, where: string) {
    assert.equal(await page.getAttribute('html', 'lang'), language, where);
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], `${where}: ${JSON.stringify(violations, null, 2)}`);
  }

  const at = (path: string, language: string) =>
    `${url}${path}${path.includes('?') ? '&' : '?'}lang=${language}`;

  for (const language of LANGUAGES) {
    it(`the hub, the desk and every link page in ${language}, on a phone and a desktop`, async () => {
      for (const viewport of VIEWPORTS) {
        for (const [staff, paths] of [
          [true, staffPages],
          [false, linkPages],
        ] as const) {
          const page = await open(staff, viewport);
          for (const path of paths) {
            const response = await page.goto(at(path, language));
            assert.ok([200, 404].includes(response!.status()), `${path}: ${response?.status()}`);
            await check(page, language, path);
          }
          await page.context().close();
        }
      }
    });

    it(`a proposal without words, a concern sent empty, and the pages after an answer in ${language}`, async () => {
      const page = await open(true);
      await page.goto(at(deskWithCandidates, language));
      await page.check('[data-qa="candidate"] input');
      const [refused] = await Promise.all([
        page.waitForNavigation(),
        page.click('[data-qa="propose-submit"]'),
      ]);
      assert.equal(refused?.status(), 422);
      await check(page, language, 'a proposal without words');
      const visitor = await open(false);
      await visitor.goto(at(linkPages[2]!, language));
      const [empty] = await Promise.all([
        visitor.waitForNavigation(),
        visitor.click('[data-qa="concern-submit"]'),
      ]);
      assert.equal(empty?.status(), 422);
      await check(visitor, language, 'a concern sent empty');
      await visitor.fill('#concern-text', 'Kaut kas nav kārtībā.');
      await Promise.all([visitor.waitForNavigation(), visitor.click('[data-qa="concern-submit"]')]);
      assert.ok(await visitor.$('[data-qa="concern-done"]'));
      await check(visitor, language, 'a concern sent');
      await visitor.goto(at(linkPages[1]!, language));
      await check(visitor, language, 'a link already answered');
      await page.context().close();
      await visitor.context().close();
    });
  }
});
