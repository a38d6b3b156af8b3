import assert from 'node:assert/strict';
import request from 'supertest';
import { SETTLE_MS } from '../../src/page-cache/feed.js';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { staffWorkspace, type StaffWorkspace } from '../support/staff-workspace.js';

/**
 * A reader whose browser asks for English, who keeps no cookies and chose Latvian (`?lang=lv`):
 * only the addresses can keep Latvian, so every link, form and redirect must name it, where a
 * browser that asks for Latvian gets clean addresses.
 */
const ENGLISH_BROWSER = 'en';
const LATVIAN_BROWSER = 'lv';

/**
 * The addresses of every link on the page to one of this site's pages: not a file, a feed or a
 * photo (they always say their language), nor the language switcher's, which names each language.
 */
const pageLinks = (html: string): string[] =>
  [...html.matchAll(/<a ([^>]*)>/g)]
    .map((match) => match[1]!)
    .filter((attributes) => !attributes.includes('hreflang='))
    .map((attributes) => /href="(\/(?:[^"/][^"]*)?)"/.exec(attributes)?.[1]?.replaceAll('&amp;', '&'))
    .filter((href): href is string => href !== undefined)
    .filter((href) => !/^\/(static|feeds|map\/|photos)/.test(href))
    .filter((href) => !/\.(atom|rss)(\?|$)/.test(href));

/** The action of the form `qa` on a page, as a browser reads it. */
function actionOf(html: string, qa: string): string {
  const form = new RegExp(`<form\\b[^>]*data-qa="${qa}"[^>]*>`).exec(html)?.[0];
  assert.ok(form, `the page has the form ${qa}`);
  const action = /\baction="([^"]*)"/.exec(form)?.[1];
  assert.ok(action, `the form ${qa} has an action`);
  return action.replaceAll('&amp;', '&');
}

const NAMES_LATVIAN = /[?&]lang=lv(&|#|$)/;

describe('Latvian chosen by ?lang=lv on a browser that asks for English, with no cookie', () => {
  let workspace: StaffWorkspace;

  before(async () => {
    workspace = await staffWorkspace();
    // On PostgreSQL a page made within SETTLE_MS of a commit is not kept: let the set-up settle.
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS + 50));
  });

  const get = (path: string, browser = ENGLISH_BROWSER, cookie?: string) => {
    const req = request(workspace.context.app).get(path).set('Accept-Language', browser);
    return cookie ? req.set('Cookie', cookie) : req;
  };
  const post = (path: string, browser = ENGLISH_BROWSER, cookie?: string) => {
    const req = request(workspace.context.app).post(path).set('Accept-Language', browser);
    return cookie ? req.set('Cookie', cookie) : req;
  };

  it('keeps Latvian through a link, a form and the redirect after it', async () => {
    const { kaunataPublic } = workspace;
    const list = await get('/reports?lang=lv').expect(200);
    assert.match(list.text, /<html lang="lv"/);
    const links = pageLinks(list.text);
    assert.ok(links.length > 5, 'the list has links');
    for (const href of links) assert.match(href, NAMES_LATVIAN, href);
    // Its filter form (a GET form) sends the language too.
    assert.ok(list.text.includes('<input type="hidden" name="lang" value="lv">'));

    // Following the link to a report, with no cookie: still Latvian, and so are its links.
    const reportLink = links.find((href) => href.startsWith(`/reports/${kaunataPublic.ref}?`));
    assert.equal(reportLink, `/reports/${kaunataPublic.ref}?lang=lv`);
    const report = await get(reportLink).expect(200);
    assert.match(report.text, /<html lang="lv"/);
    for (const href of pageLinks(report.text)) assert.match(href, NAMES_LATVIAN, href);

    // A form from there: its action, the redirect after it and the page it leads to are Latvian.
    const followLink = pageLinks(report.text).find((href) => href.includes('/follow'));
    assert.equal(followLink, `/reports/${kaunataPublic.ref}/follow?lang=lv`);
    const form = await get(followLink).expect(200);
    assert.match(form.text, /<html lang="lv"/);
    const action = actionOf(form.text, 'follow-form');
    assert.equal(action, `/reports/${kaunataPublic.ref}/follow?lang=lv`);
    const refused = await post(action).type('form').send({ name: 'Anna', email: 'nav-adrese' }).expect(422);
    assert.match(refused.text, /<html lang="lv"/);
    assert.equal(actionOf(refused.text, 'follow-form'), action);
    const followed = await post(action)
      .type('form')
      .send({ name: 'Anna', email: 'seko@example.org' })
      .expect(303);
    const location = followed.headers.location;
    assert.equal(location, `/subscriptions/sent?ref=${encodeURIComponent(kaunataPublic.ref)}&lang=lv`);
    const sent = await get(location).expect(200);
    assert.match(sent.text, /<html lang="lv"/);
  });

  it('keeps Latvian on a staff form and the redirect after it', async () => {
    const { clerk, kaunataPublic } = workspace;
    const page = await get(
      `/staff/reports/${kaunataPublic.ref}?lang=lv`,
      ENGLISH_BROWSER,
      clerk.cookie,
    ).expect(200);
    assert.match(page.text, /<html lang="lv"/);
    const action = actionOf(page.text, 'update-form');
    assert.equal(action, `/staff/reports/${kaunataPublic.ref}/update?lang=lv`);
    const updated = await post(action, ENGLISH_BROWSER, clerk.cookie)
      .type('form')
      .send({ _csrf: clerk.csrf, status: 'in_progress', publicText: 'Darbi sāksies pirmdien.' })
      .expect(303);
    assert.equal(updated.headers.location, `/staff/reports/${kaunataPublic.ref}?done=update&lang=lv`);
    const after = await get(updated.headers.location, ENGLISH_BROWSER, clerk.cookie).expect(200);
    assert.match(after.text, /<html lang="lv"/);
  });

  it('names Latvian for a browser that asks for English even with the cookie', async () => {
    const list = await get('/reports', ENGLISH_BROWSER, 'lang=lv').expect(200);
    assert.match(list.text, /<html lang="lv"/);
    for (const href of pageLinks(list.text)) assert.match(href, NAMES_LATVIAN, href);
  });

  it('gives a browser that asks for Latvian clean addresses, whether Latvian was chosen or not', async () => {
    for (const path of ['/reports?lang=lv', '/reports']) {
      const list = await get(path, LATVIAN_BROWSER).expect(200);
      assert.match(list.text, /<html lang="lv"/);
      const links = pageLinks(list.text);
      assert.ok(links.length > 5, 'the list has links');
      for (const href of links) assert.doesNotMatch(href, /[?&]lang=/, `${path}: ${href}`);
      assert.ok(!list.text.includes('name="lang"'), `${path}: no language field`);
    }
    const form = await get('/alerts/new?lang=lv', LATVIAN_BROWSER).expect(200);
    assert.equal(actionOf(form.text, 'alert-form'), '/alerts/new');
  });
});

describe('the page cache, for Latvian chosen on a browser that asks for English', () => {
  let context: TestContext;
  let ref: string;

  before(async () => {
    context = await makeApp();
    ref = (await makeReport(context.services, { title: 'Bedre Kaunatā', parish: 'kaunatas' })).report.ref;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS + 50));
  });

  /** A page as a browser with no cookie gets it, and whether it was rendered (not kept). */
  async function open(path: string, browser: string): Promise<{ links: string[]; rendered: boolean }> {
    const app = context.app as unknown as { render: (...args: unknown[]) => unknown };
    const render = app.render;
    let rendered = false;
    app.render = function (this: unknown, ...args: unknown[]) {
      rendered = true;
      return render.apply(this, args);
    };
    try {
      const page = await request(context.app).get(path).set('Accept-Language', browser).expect(200);
      assert.match(page.text, /<html lang="lv"/);
      return { links: pageLinks(page.text), rendered };
    } finally {
      app.render = render;
    }
  }

  const assertLinks = (links: string[], browser: string) => {
    assert.ok(links.length > 3, 'the page has links');
    for (const href of links) {
      if (browser === ENGLISH_BROWSER) assert.match(href, NAMES_LATVIAN, `${browser}: ${href}`);
      else assert.doesNotMatch(href, /[?&]lang=/, `${browser}: ${href}`);
    }
  };

  for (const [first, second] of [
    [LATVIAN_BROWSER, ENGLISH_BROWSER],
    [ENGLISH_BROWSER, LATVIAN_BROWSER],
  ] as const) {
    it(`keeps the page made for a browser asking for ${first} from one asking for ${second}`, async () => {
      const path = first === LATVIAN_BROWSER ? `/reports/${ref}?lang=lv` : '/parishes/kaunatas?lang=lv';
      const made = await open(path, first);
      assert.ok(made.rendered);
      assertLinks(made.links, first);
      const kept = await open(path, first);
      assert.ok(!kept.rendered, 'the page is kept for the same browser');
      assertLinks(kept.links, first);
      const other = await open(path, second);
      assertLinks(other.links, second);
      const otherKept = await open(path, second);
      assert.ok(!otherKept.rendered, 'and kept for the other');
      assertLinks(otherKept.links, second);
    });
  }
});
