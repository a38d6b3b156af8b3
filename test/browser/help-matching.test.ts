import assert from 'node:assert/strict';
import { makeApp, type TestContext } from '../support/app.js';
import { LANGUAGES, PageChecker } from '../support/browser-pages.js';
import { makeHelpRequest, makeOffer } from '../support/help.js';
import { addStaff, postForm, signIn, type StaffBrowser } from '../support/staff.js';

/** Matching's pages: the social worker's hub and desk, and every page behind a matching email's link. */
describe('help matching pages: accessibility (axe-core, WCAG 2.1 AA) in headless Chromium', () => {
  let context: TestContext;
  let pages: PageChecker;
  let worker: StaffBrowser;
  const staffPages: string[] = [];
  const linkPages: string[] = [];
  let deskWithCandidates = '';

  before(async () => {
    context = await makeApp();
    const { services } = context;
    worker = await signIn(
      context,
      await addStaff(context, {
        email: 'kaunatas.socialais@example.org',
        role: 'social_worker',
        contacts: ['kaunatas-social'],
      }),
    );
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
    // The volunteer's own page lists their matches: one shared (with its contacts), one asked.
    const another = await makeHelpRequest(context, { email: 'olga@example.lv' });
    await postForm(worker, `/staff/help/requests/${another.ref}/propose`, {
      offer: String(first),
      need: 'Uz aptieku Rēzeknē.',
    }).expect(303);
    const proposed = (await services.knex('help_matches').max({ id: 'id' }).first()) as { id: number };
    linkPages.push(services.helpOfferLinks.managePath(first));
    linkPages.push(accept, '/help/matches/1/accept?token=forged');
    staffPages.push(
      '/staff/help',
      `/staff/help/requests/${shared.ref}`,
      `/staff/help/requests/${waiting.ref}`,
      // Stopping the match just proposed asks first.
      `/staff/help/matches/${proposed.id}/cancel`,
    );
    deskWithCandidates = `/staff/help/requests/${waiting.ref}`;
    pages = await PageChecker.start(context);
  });
  after(async () => {
    await pages?.stop();
  });

  for (const language of LANGUAGES) {
    it(`the hub, the desk and every link page in ${language}, on a phone and a desktop`, async () => {
      for (const [staff, paths] of [
        [worker, staffPages],
        [undefined, linkPages],
      ] as const) {
        const page = await pages.open(staff);
        for (const path of paths) {
          await pages.visit(page, path, language, path.includes('token=forged') ? 404 : 200);
        }
        await page.context().close();
      }
    });

    it(`a proposal with no volunteer or without words, a concern sent empty, and the pages after an answer in ${language}`, async () => {
      const page = await pages.open(worker);
      await pages.visit(page, deskWithCandidates, language);
      await pages.press(
        page,
        '[data-qa="propose-submit"]',
        language,
        422,
        'a proposal with no volunteer chosen',
      );
      assert.equal(await page.getAttribute('[data-qa="candidate"] input', 'aria-invalid'), 'true');
      await page.check('[data-qa="candidate"] input');
      await pages.press(page, '[data-qa="propose-submit"]', language, 422, 'a proposal without words');
      const visitor = await pages.open();
      await pages.visit(visitor, linkPages[2]!, language);
      await pages.press(visitor, '[data-qa="concern-submit"]', language, 422, 'a concern sent empty');
      await visitor.fill('#concern-text', 'Kaut kas nav kārtībā.');
      await pages.press(visitor, '[data-qa="concern-submit"]', language, 200, 'a concern sent');
      assert.ok(await visitor.$('[data-qa="concern-done"]'));
      await pages.visit(visitor, linkPages[1]!, language);
      await page.context().close();
      await visitor.context().close();
    });
  }
});
