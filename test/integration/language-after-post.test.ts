import assert from 'node:assert/strict';
import request from 'supertest';
import { staffWorkspace, type StaffWorkspace } from '../support/staff-workspace.js';
import { encode, offerFields } from './help-offers-helpers.js';
import { validFields } from './report-form-helpers.js';

/**
 * A reader who keeps no cookies and chose English on a browser that asks for Latvian: every
 * request below says `Accept-Language: lv` and sends no cookie, so only the addresses can keep
 * English — the form's action, the redirect after it, the page it leads to.
 */
const LATVIAN_BROWSER = 'lv';

/** The action of the form `qa` on a page, as a browser reads it. */
function actionOf(html: string, qa: string): string {
  const form = new RegExp(`<form\\b[^>]*data-qa="${qa}"[^>]*>`).exec(html)?.[0];
  assert.ok(form, `the page has the form ${qa}`);
  const action = /\baction="([^"]*)"/.exec(form)?.[1];
  assert.ok(action, `the form ${qa} has an action`);
  return action.replaceAll('&amp;', '&');
}

describe('a form sent in English by a browser that asks for Latvian and keeps no cookie', () => {
  let workspace: StaffWorkspace;

  beforeEach(async () => {
    workspace = await staffWorkspace();
  });

  const get = (path: string, cookie?: string) => {
    const req = request(workspace.context.app).get(path).set('Accept-Language', LATVIAN_BROWSER);
    return cookie ? req.set('Cookie', cookie) : req;
  };
  const post = (path: string, cookie?: string) => {
    const req = request(workspace.context.app).post(path).set('Accept-Language', LATVIAN_BROWSER);
    return cookie ? req.set('Cookie', cookie) : req;
  };

  /** The page a redirect leads to, opened as this browser would: in English. */
  async function assertEnglishAfter(location: string | undefined, expected: string, cookie?: string) {
    assert.equal(location, expected);
    const next = await get(location, cookie).expect(200);
    assert.match(next.text, /<html lang="en"/, `${location} is in English`);
  }

  it('is answered, redirected and shown in English: the report form', async () => {
    const form = await get('/reports/new?lang=en').expect(200);
    const action = actionOf(form.text, 'report-form');
    assert.equal(action, '/reports?lang=en');
    const send = (path: string, extra: Record<string, string> = {}) => {
      const sent = post(path);
      for (const [name, value] of Object.entries({ ...validFields(), ...extra }))
        void sent.field(name, value);
      return sent;
    };
    // A report near it on the same subject: the review step answers first, in English.
    const review = await send(action).expect(200);
    assert.match(review.text, /<html lang="en"/);
    const anyway = actionOf(review.text, 'send-anyway');
    assert.equal(anyway, '/reports?lang=en');
    const answer = await send(anyway, { reviewed: '1' }).expect(303);
    await assertEnglishAfter(answer.headers.location, '/reports/sent?lang=en');
    // Refused, the form comes back in English too, with its action still in English.
    const refused = await post(action).field('title', 'Bedre-4471').expect(422);
    assert.match(refused.text, /<html lang="en"/);
    assert.equal(actionOf(refused.text, 'report-form'), '/reports?lang=en');
  });

  it('is answered, redirected and shown in English: an alert, following a report, an abuse report', async () => {
    const { kaunataPublic } = workspace;
    const alertForm = await get('/alerts/new?lang=en').expect(200);
    const alertAction = actionOf(alertForm.text, 'alert-form');
    assert.equal(alertAction, '/alerts/new?lang=en');
    const alert = await post(alertAction)
      .type('form')
      .send({ frequency: 'immediate', email: 'zinas@example.org', place: 'parish:kaunatas' })
      .expect(303);
    await assertEnglishAfter(alert.headers.location, '/alerts/sent?lang=en');

    const followForm = await get(`/reports/${kaunataPublic.ref}/follow?lang=en`).expect(200);
    const followAction = actionOf(followForm.text, 'follow-form');
    assert.equal(followAction, `/reports/${kaunataPublic.ref}/follow?lang=en`);
    const followed = await post(followAction)
      .type('form')
      .send({ name: 'Anna', email: 'seko@example.org' })
      .expect(303);
    await assertEnglishAfter(
      followed.headers.location,
      `/subscriptions/sent?ref=${encodeURIComponent(kaunataPublic.ref)}&lang=en`,
    );

    const abuseForm = await get(`/reports/${kaunataPublic.ref}/abuse?lang=en`).expect(200);
    const abuseAction = actionOf(abuseForm.text, 'abuse-form');
    assert.equal(abuseAction, `/reports/${kaunataPublic.ref}/abuse?lang=en`);
    const abused = await post(abuseAction)
      .type('form')
      .send({ what: 'report', reason: 'It is an advert, not a problem.' })
      .expect(303);
    await assertEnglishAfter(abused.headers.location, `/reports/${kaunataPublic.ref}/abuse/sent?lang=en`);
  });

  it('is answered, redirected and shown in English: a help offer', async () => {
    const form = await get('/help/offer?lang=en').expect(200);
    const action = actionOf(form.text, 'offer-form');
    assert.equal(action, '/help/offer?lang=en');
    const offered = await post(action)
      .type('form')
      .send(encode(offerFields({ email: 'ilze@example.org' })))
      .expect(303);
    await assertEnglishAfter(offered.headers.location, '/help/offer/sent?lang=en');
  });

  it('is answered, redirected and shown in English: a staff form, after signing in', async () => {
    const { clerk, kaunataPublic } = workspace;
    // The session cookie alone, as a browser that keeps it and refuses the language cookie.
    const page = await get(`/staff/reports/${kaunataPublic.ref}?lang=en`, clerk.cookie).expect(200);
    assert.match(page.text, /<html lang="en"/);
    const action = actionOf(page.text, 'update-form');
    assert.equal(action, `/staff/reports/${kaunataPublic.ref}/update?lang=en`);
    const updated = await post(action, clerk.cookie)
      .type('form')
      .send({ _csrf: clerk.csrf, status: 'in_progress', publicText: 'Darbi sāksies pirmdien.' })
      .expect(303);
    await assertEnglishAfter(
      updated.headers.location,
      `/staff/reports/${kaunataPublic.ref}?done=update&lang=en`,
      clerk.cookie,
    );
    // Signing out is a staff form too: the sign-in page after it is in English.
    const signOut = actionOf(page.text, 'sign-out-form');
    assert.equal(signOut, '/staff/sign-out?lang=en');
    const out = await post(signOut, clerk.cookie).type('form').send({ _csrf: clerk.csrf }).expect(303);
    await assertEnglishAfter(out.headers.location, '/staff/sign-in?signed-out=1&lang=en');
  });

  it('is not given a language in Latvian, the default, as links are not', async () => {
    const form = await get('/alerts/new').expect(200);
    assert.equal(actionOf(form.text, 'alert-form'), '/alerts/new');
    const alert = await post('/alerts/new')
      .type('form')
      .send({ frequency: 'immediate', email: 'zinas@example.org', place: 'parish:kaunatas' })
      .expect(303);
    assert.equal(alert.headers.location, '/alerts/sent');
  });
});
