import assert from 'node:assert/strict';
import request from 'supertest';
import type { StaffRole } from '../../src/staff/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport, pendingPhotos, type MadeReport } from '../support/reports.js';
import type { StaffBrowser } from '../support/staff.js';
import { postAs, staffBrowser } from './moderation-helpers.js';

interface Fixture {
  ref: string;
  update: number;
  photo: number;
  abuse: number;
  ban: number;
}

interface Route {
  method: 'get' | 'post';
  path: (f: Fixture) => string;
  fields?: Record<string, string>;
  /** What a moderator or an admin gets, in this order (some steps change what the next sees). */
  ok: number;
}

const R = (f: Fixture) => `/staff/moderation/reports/${f.ref}`;
const reason = { reason: 'Pārkāpj noteikumus' };

// Every moderation route of the workspace.
const ROUTES: Route[] = [
  { method: 'get', path: () => '/staff/moderation', ok: 200 },
  { method: 'get', path: (f) => `/staff/moderation/abuse/${f.abuse}/hide`, ok: 200 },
  { method: 'post', path: (f) => `/staff/moderation/abuse/${f.abuse}/hide`, fields: reason, ok: 303 },
  { method: 'post', path: (f) => `/staff/moderation/abuse/${f.abuse}/keep`, ok: 303 },
  { method: 'get', path: () => '/staff/moderation/hidden', ok: 200 },
  { method: 'get', path: (f) => `/staff/moderation/reports?ref=${f.ref}`, ok: 303 },
  { method: 'get', path: R, ok: 200 },
  { method: 'get', path: (f) => `${R(f)}/hide`, ok: 200 },
  // Hidden already, by the abuse report (of the whole report) above.
  { method: 'post', path: (f) => `${R(f)}/unhide`, ok: 303 },
  { method: 'post', path: (f) => `${R(f)}/hide`, fields: reason, ok: 303 },
  { method: 'get', path: (f) => `${R(f)}/updates/${f.update}/hide`, ok: 200 },
  { method: 'post', path: (f) => `${R(f)}/updates/${f.update}/hide`, fields: reason, ok: 303 },
  { method: 'post', path: (f) => `${R(f)}/updates/${f.update}/unhide`, ok: 303 },
  { method: 'get', path: (f) => `${R(f)}/photos/${f.photo}/hide`, ok: 200 },
  { method: 'post', path: (f) => `${R(f)}/photos/${f.photo}/hide`, fields: reason, ok: 303 },
  { method: 'post', path: (f) => `${R(f)}/photos/${f.photo}/unhide`, ok: 303 },
  { method: 'get', path: (f) => `${R(f)}/photos/${f.photo}/image`, ok: 200 },
  { method: 'get', path: (f) => `${R(f)}/photos/${f.photo}/thumb`, ok: 200 },
  { method: 'get', path: () => '/staff/moderation/bans', ok: 200 },
  {
    method: 'post',
    path: () => '/staff/moderation/bans',
    fields: { kind: 'domain', value: 'spam.example', reason: 'Spams', confirm: 'yes' },
    ok: 303,
  },
  {
    method: 'post',
    path: (f) => `/staff/moderation/bans/${f.ban}/lift`,
    fields: { confirm: 'yes' },
    ok: 303,
  },
];

const label = (route: Route, f: Fixture) => `${route.method.toUpperCase()} ${route.path(f)}`;

describe('who may use moderation', () => {
  let context: TestContext;

  /** A public report with an update with words and a photo, an open abuse report of it, a ban. */
  async function fixture(made?: MadeReport): Promise<Fixture> {
    const { services } = context;
    made ??= await makeReport(services, { photos: 1 });
    await services.reportUpdates.reporterAction(made.report.ref, made.token, {
      kind: 'comment',
      text: 'Vārdi, ko varētu paslēpt.',
      photos: await pendingPhotos(services, 1),
    });
    const { knex } = services;
    const update = await knex('report_updates')
      .where({ report_id: made.report.id })
      .whereNotNull('public_text')
      .first();
    const photo = await knex('report_photos').where({ report_id: made.report.id }).orderBy('id').first();
    const [abuse] = await knex('abuse_reports')
      .insert({ report_id: made.report.id, reason: 'Ļauni vārdi', language: 'lv', created_at: new Date() })
      .returning('id');
    const [ban] = await knex('banned_senders')
      .insert({
        kind: 'address',
        value: `x${Date.now()}@example.lv`,
        reason: 'Spams',
        created_at: new Date(),
      })
      .returning('id');
    return { ref: made.report.ref, update: update.id, photo: photo.id, abuse: abuse.id, ban: ban.id };
  }

  beforeEach(async () => {
    context = await makeApp();
  });

  for (const role of ['moderator', 'admin'] as const) {
    it(`lets ${role}s use every page and form`, async () => {
      const browser = await staffBrowser(context, role);
      const f = await fixture();
      for (const route of ROUTES) {
        const res =
          route.method === 'get'
            ? await browser.agent.get(route.path(f))
            : await postAs(browser, route.path(f), route.fields);
        assert.equal(res.status, route.ok, label(route, f));
      }
      const nav = await browser.agent.get('/staff/moderation').expect(200);
      assert.match(nav.text, /<a href="\/staff\/moderation" aria-current="page">Moderēšana<\/a>/);
    });
  }

  for (const role of ['social_worker', 'parish_clerk'] as const satisfies StaffRole[]) {
    it(`refuses ${role.replace('_', ' ')}s everywhere with 403`, async () => {
      const browser = await staffBrowser(context, role);
      const f = await fixture();
      for (const route of ROUTES) {
        const res =
          route.method === 'get'
            ? await browser.agent.get(route.path(f))
            : await postAs(browser, route.path(f), route.fields);
        assert.equal(res.status, 403, label(route, f));
      }
      // The page says no access, not that the request was wrong, and leads back to the workspace.
      const refused = await browser.agent.get('/staff/moderation').expect(403);
      assert.match(refused.text, /<h1>Nav piekļuves<\/h1>/);
      assert.match(refused.text, /<a href="\/staff" data-qa="error-back">Atpakaļ uz darba vietu<\/a>/);
      assert.doesNotMatch(
        (await browser.agent.get('/staff').redirects(1)).text,
        /href="\/staff\/moderation"/,
      );
    });
  }

  it('sends a signed-out GET to sign in, refuses a signed-out POST, and any POST without the CSRF token', async () => {
    const f = await fixture();
    const moderator = await staffBrowser(context);
    for (const route of ROUTES) {
      const path = route.path(f);
      if (route.method === 'get') {
        await request(context.app)
          .get(path)
          .expect(303)
          .expect('Location', `/staff/sign-in?next=${encodeURIComponent(path)}`);
      } else {
        await request(context.app)
          .post(path)
          .type('form')
          .send(route.fields ?? {})
          .expect(403);
        await moderator.agent
          .post(path)
          .type('form')
          .send(route.fields ?? {})
          .expect(403);
        await moderator.agent
          .post(path)
          .type('form')
          .send({ ...route.fields, _csrf: 'x'.repeat(32) })
          .expect(403);
      }
    }
    assert.equal((await context.services.knex('abuse_reports').whereNotNull('handled_at')).length, 0);
    assert.equal(await context.services.knex('reports').where({ hidden: true }).first(), undefined);
  });

  it('never shows a moderator a private report, which an admin can moderate', async () => {
    const privateOne = await makeReport(context.services, { category: 'elderly-help', photos: 1 });
    // Its abuse report stands for one filed before the report was made private; an update of it is hidden.
    const f = await fixture(privateOne);
    await context.services
      .knex('report_updates')
      .where({ id: f.update })
      .update({ hidden_at: new Date(), hidden_reason: 'X' });
    const moderator = await staffBrowser(context, 'moderator', 'mod@rezeknesnovads.lv');
    const admin = await staffBrowser(context, 'admin', 'admin@rezeknesnovads.lv');

    for (const route of ROUTES.filter((r) => r.path(f).includes(f.ref) || r.path(f).includes('/abuse/'))) {
      if (route.path(f).includes('/staff/moderation/reports?ref=')) continue;
      const res =
        route.method === 'get'
          ? await moderator.agent.get(route.path(f))
          : await postAs(moderator, route.path(f), route.fields);
      assert.equal(res.status, 404, label(route, f));
    }
    const queue = (browser: StaffBrowser) => browser.agent.get('/staff/moderation').expect(200);
    assert.doesNotMatch((await queue(moderator)).text, new RegExp(f.ref));
    assert.match((await queue(admin)).text, new RegExp(`data-ref="${f.ref}"`));
    const hidden = (browser: StaffBrowser) => browser.agent.get('/staff/moderation/hidden').expect(200);
    assert.doesNotMatch((await hidden(moderator)).text, new RegExp(f.ref));
    assert.match((await hidden(admin)).text, new RegExp(f.ref));
    await admin.agent.get(`${R(f)}/photos/${f.photo}/thumb`).expect(200);
    await postAs(admin, `${R(f)}/photos/${f.photo}/hide`, reason).expect(303);
  });
});
