import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { askForAlert } from './alerts-helpers.js';
import { offerFields, sendOffer } from './help-offers-helpers.js';
import { postRequest, requestFields } from './help-requests-helpers.js';
import { postForm, validFields } from './report-form-helpers.js';

type Sent = { headers: Record<string, string | string[] | undefined> };

/** The cookie a form's answer sets for its page, as a browser would send it back, and its attributes. */
function sentCookie(res: Sent): { pair: string; attributes: string } {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = cookies.find((one) => one.startsWith('tilts-sent-to='));
  assert.ok(cookie, `no sent-to cookie in ${JSON.stringify(cookies)}`);
  const [pair, ...attributes] = cookie.split('; ');
  return { pair: pair!, attributes: attributes.join('; ') };
}

/** Follows the redirect with the cookie, as a browser does, and checks the page names the address once. */
async function pageAfter(context: TestContext, res: Sent, address: string, lang: string) {
  const location = String(res.headers.location);
  assert.doesNotMatch(location, /@|%40/, 'the address stays out of the URL');
  const { pair, attributes } = sentCookie(res);
  assert.match(attributes, new RegExp(`Path=${location.split('?')[0]!.replace(/\//g, '\\/')}(;|$)`));
  assert.match(attributes, /Max-Age=600/);
  assert.match(attributes, /HttpOnly/);
  // The redirect keeps the language the form was sent in (none for Latvian, the default).
  assert.equal(new URLSearchParams(location.split('?')[1] ?? '').get('lang'), lang === 'lv' ? null : lang);
  const page = await request(context.app).get(location).set('Cookie', pair).expect(200);
  assert.match(
    page.text,
    new RegExp(`data-qa="sent-to">[^<]+<strong>${address.replace('.', '\\.')}</strong>`),
  );
  assert.equal(page.headers['cache-control'], 'no-store');
  // Read once: the page deletes the cookie, and without it says nothing of an address.
  assert.match(sentCookie(page).attributes, /Expires=Thu, 01 Jan 1970/);
  const again = await request(context.app).get(location).expect(200);
  assert.doesNotMatch(again.text, /data-qa="sent-to"|@example/);
  return page.text;
}

describe('the page after a form says where its email went', () => {
  let context: TestContext;
  beforeEach(async () => {
    context = await makeApp();
  });

  it('after a report, in the reader’s language, with a way back to the form', async () => {
    const res = await postForm(context.app, validFields({ email: 'anna@example.lv' }), { lang: 'en' }).expect(
      303,
    );
    const text = await pageAfter(context, res, 'anna@example.lv', 'en');
    assert.match(
      text,
      /We sent the email to <strong>anna@example\.lv<\/strong>\. If that is not your address/,
    );
    assert.match(text, /<a href="\/reports\/new\?lang=en">fill in the form again with the right one<\/a>/);
  });

  it('after a request for help answered by email, an offer, an alert and following a report', async () => {
    const asked = await postRequest(context, requestFields({ email: 'janis@example.lv' }), 'ru').expect(303);
    assert.match(await pageAfter(context, asked, 'janis@example.lv', 'ru'), /Мы отправили письмо на адрес/);

    const offered = await sendOffer(context.app, offerFields({ email: 'palidzu@example.lv' })).expect(303);
    const offerPage = await pageAfter(context, offered, 'palidzu@example.lv', 'lv');
    assert.match(offerPage, /Vēstuli nosūtījām uz adresi <strong>/);
    assert.match(offerPage, /<a href="\/help\/offer">/);

    const alert = await askForAlert(context.app, {
      email: 'zinas@example.lv',
      place: 'parish:kaunatas',
    }).expect(303);
    assert.match(await pageAfter(context, alert, 'zinas@example.lv', 'lv'), /<a href="\/alerts\/new">/);

    const { report } = await makeReport(context.services, { title: 'Bedre', email: 'anna@example.lv' });
    const followed = await request(context.app)
      .post(`/reports/${report.ref}/follow`)
      .type('form')
      .send({ name: 'Olga', email: 'olga@example.lv' })
      .expect(303);
    const followPage = await pageAfter(context, followed, 'olga@example.lv', 'lv');
    assert.match(followPage, new RegExp(`<a href="/reports/${report.ref}/follow">`));
  });

  it('after a request for help, to tell the parish of a wrong address, not to send the request again', async () => {
    // A request reaches the social worker as it is sent: sent again, she would have it twice.
    const said = {
      en: 'Your request has reached the social worker all the same: do not send it again, but give the parish the right address and the request number below.',
      lv: 'Jūsu lūgums sociālo darbinieku tik un tā ir sasniedzis: nesūtiet to vēlreiz, bet pasakiet pagastam pareizo adresi un zemāk redzamo lūguma numuru.',
      ru: 'Ваша просьба всё равно дошла до социального работника: не отправляйте её ещё раз, а сообщите волости верный адрес и номер просьбы, указанный ниже.',
    };
    for (const [lang, text] of Object.entries(said)) {
      const email = `janis.${lang}@example.lv`;
      const asked = await postRequest(context, requestFields({ email }), lang).expect(303);
      const page = await pageAfter(context, asked, email, lang);
      const sentTo = /<p data-qa="sent-to">([\s\S]*?)<\/p>/.exec(page)![1]!;
      assert.ok(sentTo.includes(text), sentTo);
      assert.doesNotMatch(sentTo, /<a /, 'no way back to the form');
      assert.match(page, /data-qa="help-request-ref"/);
    }
  });

  it('a request for help answered by phone sets no address to show', async () => {
    const res = await postRequest(context, requestFields({ email: '', phone: '+371 20000000' })).expect(303);
    assert.equal(
      ([] as string[]).concat(res.headers['set-cookie'] ?? []).some((c) => c.startsWith('tilts-sent-to=')),
      false,
    );
  });

  it('shows nothing for a cookie that is not an address, and escapes what it shows', async () => {
    const forged = await request(context.app)
      .get('/reports/sent')
      .set('Cookie', `tilts-sent-to=${encodeURIComponent('<script>x</script>')}`)
      .expect(200);
    assert.doesNotMatch(forged.text, /data-qa="sent-to"|<script>x/);
    const odd = await request(context.app)
      .get('/alerts/sent')
      .set('Cookie', `tilts-sent-to=${encodeURIComponent('a&b@example.lv')}`)
      .expect(200);
    assert.match(odd.text, /<strong>a&amp;b@example\.lv<\/strong>/);
  });
});
