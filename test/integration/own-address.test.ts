import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { makeApiKey } from '../support/open311.js';
import { makeReport } from '../support/reports.js';
import { addStaff, KAUNATA_WORKER, postForm as postStaffForm, signIn } from '../support/staff.js';
import { askForAlert } from './alerts-helpers.js';
import { confirmedOffer, encode, offerFields, sendOffer } from './help-offers-helpers.js';
import { forOtherFields, postRequest, requestFields } from './help-requests-helpers.js';
import { postForm as postReportForm, validFields } from './report-form-helpers.js';

/**
 * An address at Tilts's own inbound domain (where replies and bounces come in) is refused on every
 * form that takes a resident's email: Tilts's mail to it would come back to its own door.
 */
describe("a resident's email at Tilts's own mail domain", () => {
  let context: TestContext;
  let own: string[];
  const LV = /Šī adrese pieder pašam Tiltam: uz to pienāk atbildes/;
  const EN = /This address belongs to Tilts itself: replies come in there/;
  const RU = /Этот адрес принадлежит самому Tilts: на него приходят ответы/;

  beforeEach(async () => {
    context = await makeApp();
    const domain = context.config.inboundDomain;
    // A reply address, any other at the domain, one under it, in capitals.
    own = [`r-rzn-2026-00001-abc@${domain}`, `anna@${domain}`, `anna@mail.${domain.toUpperCase()}`];
  });

  const rows = async (table: string) =>
    Number(((await context.services.knex(table).count({ n: '*' })) as { n: number | string }[])[0]!.n);

  it('is refused by the report form, the form refilled', async () => {
    for (const email of own) {
      const res = await postReportForm(context.app, validFields({ email }), { lang: 'en' }).expect(422);
      assert.match(res.text, EN, email);
      assert.ok(res.text.includes(`value="${email}"`), 'as typed');
      assert.match(res.text, /value="Bedre pie pieturas"/);
    }
    const lv = await postReportForm(context.app, validFields({ email: own[1]! })).expect(422);
    assert.match(lv.text, LV);
    assert.equal(await rows('reports'), 0);
    // An address elsewhere is still anyone's own.
    await postReportForm(context.app, validFields({ email: 'anna@example.lv' })).expect(303);
  });

  it('is refused by the offer form and on the volunteer’s own page', async () => {
    const res = await sendOffer(context.app, offerFields({ email: own[0] }), 'ru').expect(422);
    assert.match(res.text, RU);
    assert.ok(res.text.includes(`value="${own[0]}"`));
    assert.equal(await rows('help_offers'), 0);
    const { manage } = await confirmedOffer(context.app, context.services.knex);
    const page = await request(context.app)
      .post(manage)
      .type('form')
      .send(encode(offerFields({ email: own[1] })))
      .expect(422);
    assert.match(page.text, LV);
    assert.ok(page.text.includes(`value="${own[1]}"`));
    const offer = (await context.services.knex('help_offers').first()) as { pending_email: string | null };
    assert.equal(offer.pending_email, null, 'no link is sent to it');
  });

  it('is refused by the request for help, for the one asking and for the person asked for', async () => {
    const asker = await postRequest(context, requestFields({ email: own[1]! }), 'en').expect(422);
    assert.match(asker.text, EN);
    const subject = await postRequest(context, forOtherFields({ subject_email: own[2]! }), 'lv').expect(422);
    assert.match(subject.text, LV);
    assert.ok(subject.text.includes(`value="${own[2]}"`));
    assert.equal(await rows('reports'), 0);
  });

  it('is refused by the alert form and the follow form', async () => {
    const alert = await askForAlert(context.app, { email: own[0]! }, 'en').expect(422);
    assert.match(alert.text, EN);
    assert.equal(await rows('alerts'), 0);
    const { report } = await makeReport(context.services, { title: 'Bedre' });
    const follow = await request(context.app)
      .post(`/reports/${report.ref}/follow?lang=ru`)
      .type('form')
      .send({ name: 'Olga', email: own[1] })
      .expect(422);
    assert.match(follow.text, RU);
    assert.ok(follow.text.includes(`value="${own[1]}"`));
  });

  it('is refused when staff type it for a resident, and by Open311', async () => {
    const worker = await signIn(context, await addStaff(context, KAUNATA_WORKER));
    const taken = await postStaffForm(worker, '/staff/reports?lang=en', {
      source: 'phone',
      category: 'roads',
      parish: 'kaunatas',
      title: 'Bedre',
      description: 'Zvanīja.',
      location: 'Kaunata',
      name: '',
      email: own[1]!,
      phone: '',
      language: 'lv',
    }).expect(422);
    assert.match(taken.text, /This address belongs to Tilts itself \(replies come in there\)/);
    const { report } = await makeReport(context.services, { category: 'social-other' });
    const details = await postStaffForm(worker, `/staff/help/requests/${report.ref}/new?lang=en`, {
      for_whom: 'other',
      subject_name: 'Kārlis Ozols',
      subject_knows: 'yes',
      subject_email: own[0]!,
      wants: 'visit',
    }).expect(422);
    assert.match(details.text, EN);
    const key = await makeApiKey(context, false);
    const api = await request(context.app)
      .post('/open311/v2/requests.json?lang=en')
      .type('form')
      .send({
        api_key: key,
        service_code: 'roads',
        lat: '56.5',
        long: '27.3',
        description: 'Bedre',
        email: own[1],
      })
      .expect(400);
    assert.match(JSON.stringify(api.body), /email is an address of this service itself/);
    assert.equal(await rows('help_requests'), 0);
  });
});
