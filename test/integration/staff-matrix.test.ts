import assert from 'node:assert/strict';
import request from 'supertest';
import type { StaffRole } from '../../src/staff/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { CLERK, routedReport } from '../support/reports.inbound.js';
import { makeHelpRequest, makeOffer } from '../support/help.js';
import { appRoutes, type AppRoute } from '../support/routes.js';
import { addStaff, postForm, signIn, type StaffBrowser } from '../support/staff.js';

const ROLES: readonly StaffRole[] = ['admin', 'moderator', 'social_worker', 'parish_clerk'];
const HANDLERS: readonly StaffRole[] = ['admin', 'social_worker', 'parish_clerk'];
const MODERATORS: readonly StaffRole[] = ['admin', 'moderator'];
const ADMINS: readonly StaffRole[] = ['admin'];
const SOCIAL: readonly StaffRole[] = ['admin', 'social_worker'];

/**
 * Who may use each staff route. `auth` routes are the steps of signing in, open to anyone; every
 * other route is for the roles named. A route the app has and this table lacks fails the test.
 */
const EXPECTED: Record<string, readonly StaffRole[] | 'auth'> = {
  'GET /staff/sign-in': 'auth',
  'POST /staff/sign-in': 'auth',
  'GET /staff/sign-in/sent': 'auth',
  'GET /staff/sign-in/:token': 'auth',
  'POST /staff/sign-in/:token': 'auth',
  'GET /staff/enrol': 'auth',
  'POST /staff/enrol': 'auth',
  'GET /staff/two-factor': 'auth',
  'POST /staff/two-factor': 'auth',
  'POST /staff/sign-out': ROLES,
  'GET /staff': ROLES,
  'GET /staff/reports/new': HANDLERS,
  'POST /staff/reports': HANDLERS,
  'GET /staff/reports/:ref': ROLES,
  'POST /staff/reports/:ref/update': HANDLERS,
  'POST /staff/reports/:ref/move': HANDLERS,
  'POST /staff/reports/:ref/privacy': HANDLERS,
  'POST /staff/reports/:ref/assign': HANDLERS,
  'POST /staff/reports/:ref/release': HANDLERS,
  'GET /staff/admin/reports/:ref/erase-reporter': ADMINS,
  'POST /staff/admin/reports/:ref/erase-reporter': ADMINS,
  'GET /staff/admin/erase-subscriber': ADMINS,
  'POST /staff/admin/erase-subscriber': ADMINS,
  'POST /staff/admin/erase-subscriber/confirm': ADMINS,
  'POST /staff/admin/erase-subscriber/export': ADMINS,
  'GET /staff/inbound': HANDLERS,
  'GET /staff/inbound/:id': HANDLERS,
  'GET /staff/inbound/:id/raw': HANDLERS,
  'POST /staff/inbound/:id/publish': HANDLERS,
  'POST /staff/inbound/:id/drop': HANDLERS,
  'POST /staff/inbound/:id/place': HANDLERS,
  'POST /staff/inbound/:id/retry': HANDLERS,
  'GET /staff/admin': ADMINS,
  'GET /staff/admin/categories': ADMINS,
  'GET /staff/admin/categories/new': ADMINS,
  'POST /staff/admin/categories': ADMINS,
  'GET /staff/admin/categories/:code': ADMINS,
  'POST /staff/admin/categories/:code': ADMINS,
  'GET /staff/admin/templates': ADMINS,
  'GET /staff/admin/templates/new': ADMINS,
  'POST /staff/admin/templates': ADMINS,
  'GET /staff/admin/templates/:id': ADMINS,
  'POST /staff/admin/templates/:id': ADMINS,
  'POST /staff/admin/templates/:id/deactivate': ADMINS,
  'GET /staff/admin/contacts': ADMINS,
  'GET /staff/admin/contacts/new': ADMINS,
  'POST /staff/admin/contacts': ADMINS,
  'GET /staff/admin/contacts/addresses': ADMINS,
  'POST /staff/admin/contacts/addresses': ADMINS,
  'GET /staff/admin/contacts/:id': ADMINS,
  'POST /staff/admin/contacts/:id': ADMINS,
  'POST /staff/admin/contacts/:id/fixed': ADMINS,
  'GET /staff/admin/routing': ADMINS,
  'POST /staff/admin/routing/rules': ADMINS,
  'POST /staff/admin/routing/rules/:id/remove': ADMINS,
  'GET /staff/admin/routing/preview': ADMINS,
  'GET /staff/admin/staff': ADMINS,
  'GET /staff/admin/staff/new': ADMINS,
  'POST /staff/admin/staff': ADMINS,
  'GET /staff/admin/staff/:id': ADMINS,
  'POST /staff/admin/staff/:id': ADMINS,
  'POST /staff/admin/staff/:id/two-factor': ADMINS,
  'GET /staff/admin/dead-letters': ADMINS,
  'POST /staff/admin/dead-letters/:id/retry': ADMINS,
  'GET /staff/admin/api-keys': ADMINS,
  'POST /staff/admin/api-keys': ADMINS,
  'POST /staff/admin/api-keys/:id/revoke': ADMINS,
  'GET /staff/audit': ADMINS,
  'GET /staff/moderation': MODERATORS,
  'POST /staff/moderation/abuse/:id/keep': MODERATORS,
  'GET /staff/moderation/abuse/:id/hide': MODERATORS,
  'POST /staff/moderation/abuse/:id/hide': MODERATORS,
  'GET /staff/moderation/hidden': MODERATORS,
  'GET /staff/moderation/reports': MODERATORS,
  'GET /staff/moderation/reports/:ref': MODERATORS,
  'GET /staff/moderation/reports/:ref/hide': MODERATORS,
  'POST /staff/moderation/reports/:ref/hide': MODERATORS,
  'POST /staff/moderation/reports/:ref/unhide': MODERATORS,
  'GET /staff/moderation/reports/:ref/:part/:id/hide': MODERATORS,
  'POST /staff/moderation/reports/:ref/:part/:id/hide': MODERATORS,
  'POST /staff/moderation/reports/:ref/:part/:id/unhide': MODERATORS,
  'GET /staff/moderation/reports/:ref/photos/:id/image': MODERATORS,
  'GET /staff/moderation/reports/:ref/photos/:id/thumb': MODERATORS,
  'GET /staff/moderation/bans': MODERATORS,
  'POST /staff/moderation/bans': MODERATORS,
  'POST /staff/moderation/bans/:id/lift': MODERATORS,
  'GET /staff/help': SOCIAL,
  'GET /staff/help/requests/:ref': SOCIAL,
  'GET /staff/help/requests/:ref/case.json': SOCIAL,
  'GET /staff/help/requests/:ref/case.csv': SOCIAL,
  'POST /staff/help/requests/:ref/propose': SOCIAL,
  'GET /staff/help/requests/:ref/new': SOCIAL,
  'POST /staff/help/requests/:ref/new': SOCIAL,
  'POST /staff/help/requests/:ref/told': SOCIAL,
  'GET /staff/help/requests/:ref/export.json': SOCIAL,
  'GET /staff/help/requests/:ref/export.csv': SOCIAL,
  'GET /staff/help/requests/:ref/erase': SOCIAL,
  'POST /staff/help/requests/:ref/erase': SOCIAL,
  'GET /staff/help/matches/:id/cancel': SOCIAL,
  'POST /staff/help/matches/:id/cancel': SOCIAL,
  'POST /staff/help/matches/:id/phone': SOCIAL,
  'POST /staff/help/matches/:id/outcome': SOCIAL,
  'GET /staff/help/offers': SOCIAL,
  'GET /staff/help/offers/:id': SOCIAL,
  'GET /staff/help/offers/:id/export.json': SOCIAL,
  'GET /staff/help/offers/:id/export.csv': SOCIAL,
  'GET /staff/help/offers/:id/erase': SOCIAL,
  'POST /staff/help/offers/:id/erase': SOCIAL,
};

const key = (route: AppRoute) => `${route.method} ${route.path}`;

describe('staff routes: every role, every route, signed out, and another parish’s objects', () => {
  let context: TestContext;
  let routes: AppRoute[];
  const browsers = {} as Record<StaffRole | 'otherClerk' | 'otherSocial', StaffBrowser>;
  /** The ids every `:param` is filled with: objects of Kaunata, where the clerk and social worker work. */
  const ids: Record<string, string | number> = {};
  /** The same URLs, naming Kaunata's private request and the mail about it. */
  const privateIds: Record<string, string | number> = {};
  const auditRows = async () =>
    Number(
      ((await context.services.knex('audit_log').count({ n: '*' }).first()) as { n: number | string }).n,
    );

  before(async () => {
    context = await makeApp();
    const { services } = context;
    const { knex } = services;
    const member = (email: string, role: StaffRole, contacts: string[] = []) =>
      addStaff(context, { email, role, contacts });
    browsers.admin = await signIn(context, await member('admin@example.org', 'admin', ['novads']));
    browsers.moderator = await signIn(context, await member('moderators@example.org', 'moderator'));
    browsers.social_worker = await signIn(
      context,
      await member('kaunatas.socialais@example.org', 'social_worker', ['kaunatas-social']),
    );
    const clerk = await member('kaunatas.parvalde@example.org', 'parish_clerk', ['kaunatas-admin']);
    browsers.parish_clerk = await signIn(context, clerk);
    browsers.otherClerk = await signIn(
      context,
      await member('maltas.parvalde@example.org', 'parish_clerk', ['maltas-admin']),
    );
    browsers.otherSocial = await signIn(
      context,
      await member('maltas.socialais@example.org', 'social_worker', ['maltas-social']),
    );

    const held = async (ref: string) => {
      await request(context.app)
        .post('/inbound/email')
        .set('Authorization', `Bearer ${context.config.inboundSecret}`)
        .set('Content-Type', 'message/rfc822')
        .send(
          [
            `From: ${CLERK}`,
            `To: ${services.links.replyAddress(ref, CLERK)}`,
            'Subject: Re',
            `Message-ID: <matrix-${ref}@example.org>`,
            '',
            'Paldies.',
          ].join('\r\n'),
        )
        .expect(202);
      return ((await knex('inbound_messages').max({ id: 'id' }).first()) as { id: number }).id;
    };
    const report = await routedReport(context, { title: 'Bedre' });
    const withPhoto = (await makeReport(services, { title: 'Ar foto', photos: 1 })).report;
    await postForm(browsers.social_worker, `/staff/reports/${withPhoto.ref}/update`, {
      publicText: 'Paldies.',
    }).expect(303);
    const privateRequest = (await makeReport(services, { category: 'elderly-help', title: 'Malka' })).report;
    await request(context.app)
      .post(`/reports/${withPhoto.ref}/abuse`)
      .type('form')
      .send({ what: 'report', reason: 'Rupji.' })
      .expect(303);
    await postForm(browsers.moderator, '/staff/moderation/bans', {
      kind: 'address',
      value: 'spam@example.org',
      reason: 'Reklāma',
    }).expect(303);
    const [template] = (await knex('response_templates')
      .insert({ title: 'Paldies', body: 'Paldies.', language: 'lv' })
      .returning('id')) as { id: number }[];
    const [dead] = (await knex('outbox')
      .insert({
        message_id: '<matrix-dead@tilts.test>',
        kind: 'report-new',
        to_email: 'gone@example.org',
        language: 'lv',
        subject: 'x',
        text_body: 'x',
        html_body: 'x',
        status: 'dead',
        attempts: 12,
      })
      .returning('id')) as { id: number }[];
    // A request for help in Kaunata, an offer there and a match proposed between them.
    const helpRequest = await makeHelpRequest(context, {
      forWhom: 'other',
      subject: { name: 'Anna Liepa', phone: '+371 26660002' },
    });
    const offer = await makeOffer(context);
    await postForm(browsers.social_worker, `/staff/help/requests/${helpRequest.ref}/propose`, {
      offer: String(offer),
      need: 'Aizvest uz Rēzekni sestdien.',
    }).expect(303);
    const first = async (table: string, where: Record<string, unknown> = {}) =>
      ((await knex(table).where(where).orderBy('id').first('id')) as { id: number }).id;
    Object.assign(ids, {
      ref: withPhoto.ref,
      token: 'x'.repeat(43),
      code: 'roads',
      part: 'updates',
      update: await first('report_updates', { report_id: withPhoto.id, public_text: 'Paldies.' }),
      photo: await first('report_photos', { report_id: withPhoto.id }),
      inbound: await held(report.ref),
      template: template!.id,
      contact: await first('contacts', { code: 'kaunatas-admin' }),
      rule: await first('routing_rules'),
      staff: clerk.id,
      dead: dead!.id,
      abuse: await first('abuse_reports'),
      ban: await first('banned_senders'),
      helpRef: helpRequest.ref,
      convertible: privateRequest.ref,
      offer,
      match: await first('help_matches'),
      apiKey: (
        await services.apiKeys.create(
          { label: 'Matrix', trusted: false },
          { staffId: browsers.admin.member.id, ip: null },
        )
      ).key.id,
    });
    Object.assign(privateIds, {
      ...ids,
      ref: privateRequest.ref,
      update: await first('report_updates', { report_id: privateRequest.id }),
      inbound: await held(privateRequest.ref),
    });
    routes = appRoutes(context.app).filter((route) => route.path.startsWith('/staff'));
  });

  /** The URL of a route with its parameters filled from `from`. */
  function url(route: AppRoute, from: Record<string, string | number>): string {
    const idFor = (path: string) =>
      path.startsWith('/staff/inbound/')
        ? from.inbound
        : path.startsWith('/staff/admin/templates/')
          ? from.template
          : path.startsWith('/staff/admin/contacts/')
            ? from.contact
            : path.startsWith('/staff/admin/routing/rules/')
              ? from.rule
              : path.startsWith('/staff/admin/staff/')
                ? from.staff
                : path.startsWith('/staff/admin/dead-letters/')
                  ? from.dead
                  : path.startsWith('/staff/moderation/abuse/')
                    ? from.abuse
                    : path.startsWith('/staff/moderation/bans/')
                      ? from.ban
                      : path.startsWith('/staff/help/offers/')
                        ? from.offer
                        : path.startsWith('/staff/help/matches/')
                          ? from.match
                          : path.includes('/photos/')
                            ? from.photo
                            : path.startsWith('/staff/admin/api-keys/')
                              ? from.apiKey
                              : from.update;
    // Opening a report by its reference needs one.
    if (route.path === '/staff/moderation/reports') return `${route.path}?ref=${from.ref}`;
    // Help pages open requests for help; making one opens a private report that is not one yet.
    const ref = route.path.endsWith('/new')
      ? from.convertible
      : route.path.startsWith('/staff/help/requests/')
        ? from.helpRef
        : from.ref;
    return route.path
      .replace(':ref', String(ref))
      .replace(':token', String(from.token))
      .replace(':code', String(from.code))
      .replace(':part', String(from.part))
      .replace(':id', String(idFor(route.path)));
  }

  const guarded = () => routes.filter((route) => EXPECTED[key(route)] !== 'auth');
  const allowed = (route: AppRoute, role: StaffRole) =>
    (EXPECTED[key(route)] as readonly StaffRole[]).includes(role);

  it('knows every staff route the app has, and the app has every route it knows', () => {
    assert.deepEqual(routes.map(key).sort(), Object.keys(EXPECTED).sort());
  });

  it('sends a signed-out GET to sign in, and refuses a signed-out POST', async () => {
    for (const route of guarded()) {
      const res =
        route.method === 'GET'
          ? await request(context.app).get(url(route, ids))
          : await request(context.app).post(url(route, ids)).type('form').send({});
      if (route.method === 'GET') {
        assert.equal(res.status, 303, key(route));
        assert.match(res.headers.location!, /^\/staff\/sign-in\?next=/, key(route));
      } else assert.equal(res.status, 403, key(route));
    }
  });

  it('opens every page to the roles it is for, and to no other', async () => {
    for (const route of guarded().filter((one) => one.method === 'GET')) {
      for (const role of ROLES) {
        const res = await browsers[role].agent.get(url(route, ids));
        if (allowed(route, role))
          assert.ok([200, 303].includes(res.status), `${role} ${key(route)}: ${res.status}`);
        else assert.equal(res.status, 403, `${role} ${key(route)}`);
      }
    }
  });

  it('refuses every form without the session’s CSRF token, or of a role it is not for, and changes nothing', async () => {
    const before = await auditRows();
    for (const route of guarded().filter((one) => one.method === 'POST')) {
      for (const role of ROLES) {
        const { agent, csrf } = browsers[role];
        const path = url(route, ids);
        assert.equal(
          (await agent.post(path).type('form').send({})).status,
          403,
          `${role} ${key(route)}: no token`,
        );
        assert.equal(
          (
            await agent
              .post(path)
              .type('form')
              .send({ _csrf: `${csrf.slice(0, -2)}xx` })
          ).status,
          403,
          `${role} ${key(route)}: a wrong token`,
        );
        if (!allowed(route, role))
          assert.equal((await postForm(browsers[role], path)).status, 403, `${role} ${key(route)}`);
      }
    }
    assert.equal(await auditRows(), before, 'nothing was done');
  });

  it('shows a clerk nothing of a private request by any URL: of another parish, or not sent to them', async () => {
    for (const clerk of [browsers.otherClerk, browsers.parish_clerk]) {
      for (const route of guarded().filter(
        (one) => one.path.includes(':ref') || one.path.startsWith('/staff/inbound/'),
      )) {
        const path = url(route, privateIds);
        const res = route.method === 'GET' ? await clerk.agent.get(path) : await postForm(clerk, path);
        assert.ok(
          [403, 404].includes(res.status),
          `${clerk.member.email} ${route.method} ${path}: ${res.status}`,
        );
        assert.doesNotMatch(res.text, /Malka/);
      }
      for (const list of ['/staff', '/staff?status=all', '/staff/inbound?show=all', `/staff?q=Malka`])
        assert.doesNotMatch(
          (await clerk.agent.get(list).expect(200)).text,
          new RegExp(String(privateIds.ref)),
        );
    }
    // Another parish's public report is not theirs either.
    for (const route of guarded().filter((one) => one.path.startsWith('/staff/reports/:ref'))) {
      const path = url(route, ids);
      const res =
        route.method === 'GET'
          ? await browsers.otherClerk.agent.get(path)
          : await postForm(browsers.otherClerk, path);
      assert.equal(res.status, 404, `${key(route)}: ${res.status}`);
    }
  });

  it('shows and lets do another parish’s social worker nothing of Kaunata’s by any URL', async () => {
    const before = await auditRows();
    for (const from of [ids, privateIds]) {
      for (const route of guarded().filter((one) => one.path.includes(':'))) {
        const path = url(route, from);
        const res =
          route.method === 'GET'
            ? await browsers.otherSocial.agent.get(path)
            : await postForm(browsers.otherSocial, path, { confirm: 'yes' });
        assert.ok([403, 404].includes(res.status), `${route.method} ${path}: ${res.status}`);
        assert.doesNotMatch(res.text, /Malka|Bedre|Ar foto|Anna Liepa/, `${route.method} ${path}`);
      }
    }
    assert.equal(await auditRows(), before, 'nothing was done');
  });

  it('lets each role send the forms it is for (with nothing filled in): never refused, never a 500', async () => {
    for (const route of guarded().filter((one) => one.method === 'POST' && one.path !== '/staff/sign-out')) {
      // The first may act (lift a ban, keep an abuse report); then the thing is gone for the next.
      for (const [index, role] of ROLES.filter((one) => allowed(route, one)).entries()) {
        const res = await postForm(browsers[role], url(route, ids));
        const refused = index === 0 ? [401, 403, 404] : [401, 403];
        assert.ok(!refused.includes(res.status) && res.status < 500, `${role} ${key(route)}: ${res.status}`);
      }
    }
  });
});
