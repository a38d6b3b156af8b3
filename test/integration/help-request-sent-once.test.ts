import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { postRequest, requestFields } from './help-requests-helpers.js';

/**
 * The page after asking for help said "We sent the email to …" and then "We have ALSO sent you an
 * email with a link": one email, read as two, and an older reader waits for the second. It now
 * says first that an email with the link was sent, then to which address.
 */
describe('the page after asking for help speaks of its one email once', () => {
  let context: TestContext;
  before(async () => {
    context = await makeApp();
  });

  for (const [lang, sent, to, also] of [
    [
      'en',
      'We have sent you an email with a link to your own page for this request.',
      'We sent the email to',
      /also sent/,
    ],
    [
      'lv',
      'Mēs jums nosūtījām e-pastu ar saiti uz jūsu lūguma lapu.',
      'Vēstuli nosūtījām uz adresi',
      /nosūtījām arī/,
    ],
    [
      'ru',
      'Мы отправили вам письмо со ссылкой на страницу вашей просьбы.',
      'Мы отправили письмо на адрес',
      /также отправили/,
    ],
  ] as const) {
    it(`in ${lang}: the email and its link first, then the address it went to, and no “also”`, async () => {
      await context.services.knex('rate_limits').delete();
      const asked = await postRequest(context, requestFields({ email: 'janis@example.lv' }), lang).expect(
        303,
      );
      const cookie = ([] as string[])
        .concat(asked.headers['set-cookie'] ?? [])
        .find((one) => one.startsWith('tilts-sent-to='))!;
      const page = await request(context.app)
        .get(String(asked.headers.location))
        .set('Cookie', cookie.split('; ')[0]!)
        .expect(200);
      const text = page.text.replace(/<[^>]+>/g, '');
      const first = text.indexOf(sent);
      assert.ok(first >= 0, `“${sent}” on the page`);
      assert.ok(text.indexOf(to) > first, 'the address after the email is named');
      assert.doesNotMatch(text, also);
    });
  }
});
