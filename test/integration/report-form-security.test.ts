import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { count, jpeg, pendingIds, postForm, validFields } from './report-form-helpers.js';

describe('cross-site request protection on the form posts', () => {
  let context: TestContext;
  before(async () => {
    context = await makeApp();
  });
  beforeEach(async () => {
    await context.services.knex('rate_limits').delete();
  });

  it('refuses a post that a browser marks as coming from another site, with a translated 403 page', async () => {
    const { app, services } = context;
    const crossSite = await postForm(app, validFields()).set('Sec-Fetch-Site', 'cross-site').expect(403);
    assert.match(crossSite.text, /Šī veidlapa tika nosūtīta no citas tīmekļa vietnes/);
    const sameSite = await postForm(app, validFields(), { lang: 'en' })
      .set('Sec-Fetch-Site', 'same-site')
      .expect(403);
    assert.match(sameSite.text, /This form was sent from another website/);
    await postForm(app, validFields()).set('Origin', 'https://evil.example').expect(403);
    await postForm(app, validFields()).set('Origin', 'null').expect(403);
    await postForm(app, validFields())
      .set('Origin', 'http://tilts.test')
      .set('Sec-Fetch-Site', 'cross-site')
      .expect(403);
    assert.equal(await count(services.knex, 'reports'), 0);
    assert.equal(await count(services.knex, 'pending_uploads'), 0);
  });

  it('protects the confirmation and subscription posts as well', async () => {
    const { app } = context;
    await request(app).post('/reports/confirm/1.abc.def').set('Origin', 'https://evil.example').expect(403);
    await request(app)
      .post('/subscriptions/confirm/1.abc.def')
      .set('Sec-Fetch-Site', 'cross-site')
      .expect(403);
    await request(app)
      .post('/reports/RZN-2026-00001/subscribe')
      .set('Origin', 'https://evil.example')
      .expect(403);
    await request(app).post('/reports/RZN-2026-00001/follow').set('Sec-Fetch-Site', 'cross-site').expect(403);
  });

  it('lets the site post to itself: by its public address, by its own host, or typed into the address bar', async () => {
    const { app, services } = context;
    await postForm(app, validFields({ email: 'a@example.lv' }))
      .set('Origin', 'http://tilts.test')
      .set('Sec-Fetch-Site', 'same-origin')
      .expect(303);
    await postForm(app, validFields({ email: 'b@example.lv' }))
      .set('Host', 'localhost:3000')
      .set('Origin', 'http://localhost:3000')
      .expect(303);
    await postForm(app, validFields({ email: 'c@example.lv' }))
      .set('Sec-Fetch-Site', 'none')
      .expect(303);
    assert.equal(await count(services.knex, 'reports'), 3);
  });

  it('lets a client that is not a browser (no Origin, no Sec-Fetch-Site) post', async () => {
    await postForm(context.app, validFields({ email: 'd@example.lv' })).expect(303);
  });

  it('leaves GET alone, whatever the headers say', async () => {
    await request(context.app)
      .get('/reports/new')
      .set('Sec-Fetch-Site', 'cross-site')
      .set('Origin', 'https://evil.example')
      .expect(200);
  });
});

describe('rate limits on the report form', () => {
  it('counts no form to correct, and refuses the 21st report in an hour from one address with a 429, text and photo kept', async () => {
    const { app, services } = await makeApp();
    for (let i = 0; i < 25; i += 1) await postForm(app, { title: `Mēģinājums ${i}` }).expect(422);
    for (let i = 0; i < 20; i += 1)
      await postForm(app, validFields({ email: `r${i}@example.lv` })).expect(303);
    const res = await postForm(app, validFields({ title: 'Divdesmit pirmais', email: 'r21@example.lv' }), {
      lang: 'en',
      files: [{ buffer: await jpeg(), filename: 'bedre.jpg' }],
    }).expect(429);
    assert.match(res.text, /Too many reports have been sent from your internet connection in the last hour/);
    assert.match(res.text, /role="alert"/);
    assert.ok(res.text.includes('value="Divdesmit pirmais"'));
    assert.match(res.text, /<option value="kaunatas" selected>/);
    assert.equal(pendingIds(res.text).length, 1, 'the photo is kept with the text');
    assert.equal(await count(services.knex, 'reports'), 20);
  });

  it('refuses a sixth report in an hour for one email address, whatever its letter case', async () => {
    const { app, services } = await makeApp();
    // Five different reports (the same form sent again would be the first one, counted once).
    for (const [i, email] of [
      'anna@example.lv',
      'Anna@example.lv',
      'ANNA@EXAMPLE.LV',
      'anna@Example.lv',
      'anna@example.LV',
    ].entries()) {
      await postForm(app, validFields({ email, category: 'waste', title: `Izgāztuve ${i + 1}` })).expect(303);
    }
    const res = await postForm(app, validFields({ category: 'waste', title: 'Izgāztuve 6' })).expect(429);
    assert.match(res.text, /Ar šo e-pasta adresi pēdējās stundas laikā jau nosūtīti pieci ziņojumi/);
    assert.ok(res.text.includes('value="anna@example.lv"'));
    assert.equal(await count(services.knex, 'reports'), 5);
    // Another resident on the same connection can still send theirs.
    await postForm(app, validFields({ email: 'janis@example.lv', category: 'waste' })).expect(303);
  });
});
