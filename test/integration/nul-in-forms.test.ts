import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { encode, offerFields } from './help-offers-helpers.js';
import { requestFields } from './help-requests-helpers.js';
import { validFields } from './report-form-helpers.js';

/*
 * A NUL (or another control character) typed in a public form is dropped, as from every field
 * (src/web/clean-text.ts): never put back into the form shown again, where a browser would send it
 * once more and PostgreSQL would refuse it.
 */
describe('a NUL typed in a public form', () => {
  let context: TestContext;
  beforeEach(async () => {
    context = await makeApp();
  });

  const post = (path: string, body: string) =>
    request(context.app).post(`${path}?lang=en`).set('Sec-Fetch-Site', 'same-origin').type('form').send(body);
  const refilled = (text: string, value: string) => {
    assert.ok(!text.includes('\u0000'), 'no NUL in the page');
    assert.ok(text.includes(`value="${value}"`), `refilled with ${value}`);
  };

  it('is not put back into the alert form', async () => {
    const res = await post(
      '/alerts/new',
      'email=anna%00%40example&place=parish%3Akaunatas%00&category=',
    ).expect(422);
    refilled(res.text, 'anna@example');
  });

  it('is not put back into the follow form', async () => {
    const { report } = await makeReport(context.services);
    const res = await post(`/reports/${report.ref}/follow`, 'name=Anna&email=anna%00%40example').expect(422);
    refilled(res.text, 'anna@example');
  });

  it('is not put back into the report form', async () => {
    const body = `${new URLSearchParams(validFields({ email: 'x' })).toString().replace('email=x', 'email=anna%00%40example')}`;
    const res = await post('/reports', body).expect(422);
    refilled(res.text, 'anna@example');
  });

  it('is not put back into the forms offering and asking for help', async () => {
    const offer = await post(
      '/help/offer',
      encode(offerFields({ email: 'x' })).replace('email=x', 'email=ilze%00%40example'),
    ).expect(422);
    refilled(offer.text, 'ilze@example');
    const asked = new URLSearchParams();
    for (const [name, value] of Object.entries(requestFields({ email: 'x' })))
      for (const one of Array.isArray(value) ? value : [value]) asked.append(name, one);
    const help = await post(
      '/help/request',
      asked.toString().replace('email=x', 'email=vala%00%40example'),
    ).expect(422);
    refilled(help.text, 'vala@example');
  });
});
