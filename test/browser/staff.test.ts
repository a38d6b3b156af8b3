import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { axeViolations, launchBrowser } from '../support/browser.js';
import { makeReport } from '../support/reports.js';
import { CLERK, routedReport } from '../support/reports.inbound.js';
import { addStaff, codeAt, postForm, signIn, signInLink } from '../support/staff.js';

const LANGUAGES = ['lv', 'en', 'ru'] as const;
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 740 };

/**
 * Every page of the staff workspace outside the admin settings (those have their own test): signing
 * in, the queue, a report (public, private, held, with hidden parts), taking a report, inbound
 * mail, moderation, and the public pages moderation adds. Checked with axe-core in each language.
 */
describe('staff workspace pages: accessibility (axe-core, WCAG 2.1 AA) in headless Chromium', () => {
  let context: TestContext;
  let server: Server;
  let url: string;
  let browser: Browser;
  const cookies: Record<string, { name: string; value: string }> = {};
  const pages: Record<'worker' | 'moderator' | 'newcomer' | 'visitor', string[]> = {
    worker: [],
    moderator: [],
    newcomer: [],
    visitor: [],
  };
  let inboundId: number;
  let publicRef: string;
  /** A report made private, with a signed answer written then: making it public is refused. */
  let signedRef: string;
  /** The public page of a report a moderator hid answers 410 Gone. */
  const gone = new Set<string>();

  before(async () => {
    context = await makeApp();
    const { services } = context;
    const route = await routedReport(context, { title: 'Bedre pie pasta' });
    publicRef = route.ref;
    const photographed = (await makeReport(services, { title: 'Salauzts sols', photos: 2 })).report;
    const privateRequest = (await makeReport(services, { category: 'elderly-help', title: 'Vajag malku' }))
      .report;
    const worker = await signIn(
      context,
      await addStaff(context, {
        email: 'kaunatas.socialais@example.org',
        role: 'social_worker',
        contacts: ['kaunatas-social'],
      }),
    );
    const moderator = await signIn(
      context,
      await addStaff(context, { email: 'moderators@example.org', role: 'moderator' }),
    );
    // A clerk no admin has yet linked to a parish: told so instead of an empty queue and form.
    const newcomer = await signIn(
      context,
      await addStaff(context, { email: 'jauns.lietvedis@example.org', role: 'parish_clerk' }),
    );
    for (const [who, browserSession] of [
      ['worker', worker],
      ['moderator', moderator],
      ['newcomer', newcomer],
    ] as const) {
      const [name, value] = browserSession.cookie.split('=') as [string, string];
      cookies[who] = { name, value };
    }
    // A held reply (no signature proves the clerk's address), a banned sender's held report, a
    // duplicate, an abuse report and a hidden photo: every notice the pages can show.
    await request(context.app)
      .post('/inbound/email')
      .set('Authorization', `Bearer ${context.config.inboundSecret}`)
      .set('Content-Type', 'message/rfc822')
      .send(
        Buffer.from(
          [
            `From: ${CLERK}`,
            `To: ${services.links.replyAddress(route.ref, CLERK)}`,
            'Subject: Re: Bedre',
            'Message-ID: <browser-held@example.org>',
            'Content-Type: text/plain; charset=utf-8',
            '',
            '#atrisināts Bedre aizbērta.',
          ].join('\r\n'),
        ),
      )
      .expect(202);
    inboundId = ((await services.knex('inbound_messages').first('id')) as { id: number }).id;
    await postForm(moderator, '/staff/moderation/bans', {
      kind: 'domain',
      value: 'spam.example',
      reason: 'Reklāma',
      confirm: 'yes',
    }).expect(303);
    const held = (await makeReport(services, { email: 'a@spam.example', title: 'Lēti logi' })).report;
    const duplicate = (await makeReport(services, { title: 'Tā pati bedre' })).report;
    await postForm(worker, `/staff/reports/${duplicate.ref}/update`, {
      status: 'closed',
      closeReason: 'duplicate',
      duplicateOf: route.ref,
    }).expect(303);
    await request(context.app)
      .post(`/reports/${photographed.ref}/abuse`)
      .type('form')
      .send({ what: 'report', reason: 'Rupji vārdi aprakstā.' })
      .expect(303);
    const [photo] = (await services.knex('report_photos').where({ report_id: photographed.id })) as {
      id: number;
    }[];
    await postForm(moderator, `/staff/moderation/reports/${photographed.ref}/photos/${photo!.id}/hide`, {
      reason: 'Redzama seja',
    }).expect(303);
    const hiddenReport = (await makeReport(services, { title: 'Apvainojumi' })).report;
    await postForm(moderator, `/staff/moderation/reports/${hiddenReport.ref}/hide`, {
      reason: 'Apvainojumi',
    }).expect(303);
    gone.add(`/reports/${hiddenReport.ref}`);
    const [abuse] = (await services.knex('abuse_reports').select('id')) as { id: number }[];
    signedRef = (await makeReport(services, { title: 'Nolūzis koks' })).report.ref;
    await postForm(worker, `/staff/reports/${signedRef}/privacy`, { make: 'private' }).expect(303);
    await postForm(worker, `/staff/reports/${signedRef}/update`, {
      publicText: 'Koku novāksim rīt.\n\nAr cieņu,\nAnna Bērziņa',
    }).expect(303);

    pages.worker = [
      '/staff',
      '/staff?status=all&overdue=1&q=bedre',
      '/staff/reports/new',
      `/staff/reports/${route.ref}`,
      `/staff/reports/${photographed.ref}`,
      `/staff/reports/${privateRequest.ref}`,
      `/staff/reports/${held.ref}`,
      `/staff/reports/${duplicate.ref}`,
      '/staff/inbound',
      '/staff/inbound?show=all',
      `/staff/inbound/${inboundId}`,
    ];
    pages.moderator = [
      '/staff/moderation',
      '/staff/moderation/hidden',
      '/staff/moderation/bans',
      `/staff/moderation/reports/${photographed.ref}`,
      `/staff/moderation/reports/${route.ref}/hide`,
      ...(abuse ? [`/staff/moderation/abuse/${abuse.id}/hide`] : []),
      `/staff/reports/${route.ref}`,
    ];
    pages.newcomer = ['/staff', '/staff/reports/new', '/staff/inbound'];
    pages.visitor = [
      '/staff/sign-in',
      `/reports/${route.ref}/abuse`,
      `/reports/${route.ref}/abuse/sent`,
      `/reports/${hiddenReport.ref}`,
      `/reports/${duplicate.ref}`,
    ];
    server = context.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  async function open(who?: 'worker' | 'moderator' | 'newcomer', viewport = DESKTOP): Promise<Page> {
    const browserContext = await browser.newContext({
      viewport,
      bypassCSP: true,
    });
    if (who) await browserContext.addCookies([{ ...cookies[who]!, url }]);
    return browserContext.newPage();
  }

  async function check(page: Page, language: string, where: string) {
    assert.equal(await page.getAttribute('html', 'lang'), language, where);
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], `${where}: ${JSON.stringify(violations, null, 2)}`);
  }

  const withLanguage = (path: string, language: string) =>
    `${url}${path}${path.includes('?') ? '&' : '?'}lang=${language}`;

  for (const language of LANGUAGES) {
    it(`every page of the social worker, the moderator, a clerk of no parish yet and the visitor in ${language}, phone and desktop`, async () => {
      for (const [who, viewport] of (['worker', 'moderator', 'newcomer', 'visitor'] as const).flatMap(
        (one) =>
          [
            [one, PHONE],
            [one, DESKTOP],
          ] as const,
      )) {
        const page = await open(who === 'visitor' ? undefined : who, viewport);
        for (const path of pages[who]) {
          const response = await page.goto(withLanguage(path, language));
          assert.equal(response?.status(), gone.has(path) ? 410 : 200, path);
          if (who !== 'visitor') assert.ok(await page.$('[data-qa="staff-nav"]'), `${path}: signed in`);
          await check(page, language, path);
        }
        await page.context().close();
      }
    });

    it(`asks before a domain ban and before lifting a ban, accessibly, in ${language}`, async () => {
      const page = await open('moderator');
      await page.goto(withLanguage('/staff/moderation/bans', language));
      await page.check('#field-kind-domain');
      await page.fill('#field-value', 'gmail.com');
      await page.fill('#field-reason', 'Pārbaude');
      const [asked] = await Promise.all([page.waitForNavigation(), page.click('[data-qa="ban-submit"]')]);
      assert.equal(asked?.status(), 200);
      assert.ok(await page.$('[data-qa="public-provider"]'));
      await check(page, language, 'asking before a domain ban');
      await page.click('[data-qa="ban-confirm-cancel"]');
      assert.equal(await page.$('[data-qa="ban-confirm-form"]'), null, 'cancelled: back to the list');
      const [lift] = await Promise.all([
        page.waitForNavigation(),
        page.click('[data-qa="lift-form"] button'),
      ]);
      assert.equal(lift?.status(), 200);
      assert.ok(await page.$('[data-qa="lift-confirm-form"]'));
      await check(page, language, 'asking before lifting a ban');
      // A staff member's (and routing contact's) address is asked about too, with why.
      await page.goto(withLanguage('/staff/moderation/bans', language));
      await page.check('#field-kind');
      await page.fill('#field-value', 'kaunatas.socialais@example.org');
      await page.fill('#field-reason', 'Pārbaude');
      const [own] = await Promise.all([page.waitForNavigation(), page.click('[data-qa="ban-submit"]')]);
      assert.equal(own?.status(), 200);
      assert.ok(await page.$('[data-qa="ban-own"]'));
      await check(page, language, "asking before banning a staff member's address");
      await page.context().close();
    });

    it(`forms sent with a mistake in ${language} show their errors accessibly`, async () => {
      const page = await open('worker');
      await page.goto(withLanguage(`/staff/reports/${publicRef}`, language));
      const [update] = await Promise.all([page.waitForNavigation(), page.click('[data-qa="update-submit"]')]);
      assert.equal(update?.status(), 422);
      const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-qa'));
      // The error is said at the top and focused: on a phone the form's field is far below.
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-qa') === 'error-summary');
      assert.equal(await focused(), 'error-summary');
      await page.click('.error-summary a[href="#update-status"]');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'update-status');
      assert.equal(await page.getAttribute('#update-status', 'aria-invalid'), 'true');
      await check(page, language, 'report update with nothing in it');
      await page.goto(withLanguage('/staff/reports/new', language));
      const [intake] = await Promise.all([page.waitForNavigation(), page.click('[data-qa="intake-submit"]')]);
      assert.equal(intake?.status(), 422);
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-qa') === 'error-summary');
      assert.equal(await focused(), 'error-summary');
      await check(page, language, 'taking a report with nothing filled in');
      await page.goto(withLanguage(`/staff/inbound/${inboundId}`, language));
      await page.selectOption('#publish-status', '');
      await page.fill('#publish-text', '');
      const [publish] = await Promise.all([
        page.waitForNavigation(),
        page.click('[data-qa="publish-submit"]'),
      ]);
      assert.equal(publish?.status(), 422);
      await check(page, language, 'publishing nothing');
      // Making public a report whose answer written in private is signed: refused, said at the top.
      await page.goto(withLanguage(`/staff/reports/${signedRef}`, language));
      await page.click('.staff-more > summary');
      await page.fill('#privacy-reason', 'Skar visu ielu.');
      const [privacy] = await Promise.all([
        page.waitForNavigation(),
        page.click('[data-qa="privacy-submit"]'),
      ]);
      assert.equal(privacy?.status(), 422);
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-qa') === 'error-summary');
      assert.ok(await page.$('[data-qa="error-privacy"]'), 'the privacy form says why');
      await check(page, language, 'making public a report with a signed private answer');
      // A form from an old page (its token no longer the session's): what was typed is shown back.
      await page.goto(withLanguage(`/staff/reports/${publicRef}`, language));
      await page.fill('#update-text', 'Darbi sāksies pirmdien.');
      await page.evaluate(() => {
        for (const input of document.querySelectorAll<HTMLInputElement>('input[name="_csrf"]'))
          input.value = 'old';
      });
      const [lost] = await Promise.all([page.waitForNavigation(), page.click('[data-qa="update-submit"]')]);
      assert.equal(lost?.status(), 403);
      assert.equal(await page.inputValue('[data-qa="typed-back"] textarea'), 'Darbi sāksies pirmdien.');
      assert.equal(
        await page.getAttribute('[data-qa="lost-form-next"]', 'href'),
        `/staff/reports/${publicRef}?lang=${language}`,
        'back to the page the form was on (browsers send no Referer here)',
      );
      await check(page, language, 'a form from an old page');
      await page.context().close();
    });

    it(`signing in, step by step, in ${language}`, async () => {
      const email = `jauns.${language}@example.org`;
      const member = await addStaff(context, { email, role: 'parish_clerk', contacts: ['kaunatas-admin'] });
      const page = await open();
      await page.goto(withLanguage('/staff/sign-in', language));
      await page.fill('#staff-email', 'not an address');
      await Promise.all([page.waitForNavigation(), page.click('[data-qa="send-link"]')]);
      await check(page, language, 'sign-in with a bad address');
      await page.fill('#staff-email', email);
      await Promise.all([page.waitForNavigation(), page.click('[data-qa="send-link"]')]);
      assert.ok(await page.$('[data-qa="link-sent"]'));
      await check(page, language, 'link sent');
      const firstLink = await signInLink(context, email);
      await page.goto(withLanguage(firstLink, language));
      await check(page, language, 'the link’s page');
      await Promise.all([page.waitForNavigation(), page.click('[data-qa="link-button"]')]);
      assert.ok(await page.$('[data-qa="totp-secret"]'), 'enrolment');
      await check(page, language, 'enrolment');
      await page.fill('#staff-code', '000000');
      await Promise.all([page.waitForNavigation(), page.click('[data-qa="code-submit"]')]);
      await check(page, language, 'enrolment with a wrong code');
      const secret = (await page.textContent('[data-qa="totp-secret"]'))!.replace(/\s/g, '');
      await page.fill('#staff-code', await codeAt(secret, context.services.clock()));
      await Promise.all([page.waitForNavigation(), page.click('[data-qa="code-submit"]')]);
      assert.ok(await page.$('[data-qa="recovery-codes"]'), `recovery codes for ${member.email}`);
      await check(page, language, 'recovery codes');
      await page.context().close();
      // Signing in again asks for a code.
      const again = await open();
      await again.goto(withLanguage('/staff/sign-in', language));
      await again.fill('#staff-email', email);
      await Promise.all([again.waitForNavigation(), again.click('[data-qa="send-link"]')]);
      await again.goto(withLanguage(await signInLink(context, email), language));
      await Promise.all([again.waitForNavigation(), again.click('[data-qa="link-button"]')]);
      assert.ok(await again.$('[data-qa="code-form"]'), 'the second factor');
      await check(again, language, 'second factor');
      // A link used once does not work again, and its page says so at once, with no button.
      const used = await again.goto(withLanguage(firstLink, language));
      assert.equal(used?.status(), 410);
      assert.ok(await again.$('[data-qa="link-invalid"]'));
      assert.equal(await again.$('[data-qa="link-button"]'), null);
      await check(again, language, 'a used link');
      await again.context().close();
    });
  }

  it('saves the update form on Enter in a text field, never applying the first answer template', async () => {
    const [template] = (await context.services
      .knex('response_templates')
      .insert({ category_code: null, language: 'en', title: 'Thanks', body: 'Thank you.' })
      .returning('id')) as { id: number }[];
    try {
      const page = await open('worker');
      await page.goto(withLanguage(`/staff/reports/${publicRef}`, 'lv'));
      assert.ok(await page.$('[data-qa="template"]'), 'a template button is offered');
      await check(page, 'lv', 'a report with answer templates');
      await page.fill('#update-text', 'Paldies par ziņu.');
      await page.focus('#update-duplicate');
      const [saved] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      // Latvian chosen on a browser that asks for English (Chromium's en-US) is named in the redirect.
      assert.equal(saved?.url(), `${url}/staff/reports/${publicRef}?done=update&lang=lv`);
      assert.ok(await page.$('[data-qa="done"]'));
      await page.context().close();
    } finally {
      await context.services.knex('response_templates').where({ id: template!.id }).delete();
    }
  });
});
