import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { postForm, type StaffBrowser } from '../support/staff.js';
import { askForAlert, linkIn, mailTo } from './alerts-helpers.js';
import { staffBrowser } from './moderation-helpers.js';

const EMAIL = 'anna.berzina@example.org';

/**
 * A resident asked to follow a report and for an alert, then had her address erased before she
 * opened the confirmation emails: their links are good links of something gone, and say kindly, in
 * her language, that there is nothing to confirm and no emails will come (as an unsubscribe link
 * whose follow is gone does), never that the link is broken.
 */
describe('a confirmation link opened after its address was erased', () => {
  let context: TestContext;
  let admin: StaffBrowser;
  let follow: string;
  let alert: string;

  beforeEach(async () => {
    context = await makeApp();
    admin = await staffBrowser(context, 'admin');
    const { app, services } = context;
    const { report } = await makeReport(services, { parish: 'kaunatas' });
    await request(app)
      .post(`/reports/${report.ref}/follow?lang=lv`)
      .type('form')
      .send({ name: 'Anna', email: EMAIL })
      .expect(303);
    await askForAlert(app, { email: EMAIL, place: 'parish:kaunatas' }).expect(303);
    const mail = await mailTo(services.knex, EMAIL);
    const link = (kind: string, prefix: string) =>
      linkIn(
        mail.find((row) => row.kind === kind)!,
        prefix,
      ).replace(/\?.*/, '');
    follow = link('subscription-confirm', '/subscriptions/confirm/');
    alert = link('alert-confirm', '/alerts/confirm/');
    await postForm(admin, '/staff/admin/erase-subscriber/confirm', { email: EMAIL, confirm: '1' }).expect(
      303,
    );
  });

  for (const [lang, followText, alertText] of [
    [
      'lv',
      /Šī sekošana vairs nepastāv: jūsu adrese tai vairs netiek glabāta/,
      /Šie e-pasta paziņojumi vairs nepastāv: jūsu adrese tiem vairs netiek glabāta/,
    ],
    [
      'en',
      /This follow no longer exists: your address is no longer kept for it, and no emails will come/,
      /This email alert no longer exists: your address is no longer kept for it, and no alerts will come/,
    ],
    [
      'ru',
      /Эта подписка больше не существует: ваш адрес для неё больше не хранится/,
      /Эти оповещения по электронной почте больше не существуют: ваш адрес для них больше не хранится/,
    ],
  ] as const) {
    it(`says in ${lang} that there is nothing to confirm any more, whether opened or its button pressed`, async () => {
      const { app, services } = context;
      for (const method of ['get', 'post'] as const) {
        const open = (path: string) => {
          const agent = request(app);
          const url = `${path}?lang=${lang}`;
          return (method === 'get' ? agent.get(url) : agent.post(url).type('form').send({})).expect(410);
        };
        const followed = await open(follow);
        assert.match(followed.text, /data-qa="subscription-failed" data-outcome="gone"/);
        assert.match(followed.text, followText);
        assert.doesNotMatch(followed.text, /data-qa="confirm-form"/);
        const alerted = await open(alert);
        assert.match(alerted.text, /data-qa="alert-failed" data-outcome="gone"/);
        assert.match(alerted.text, alertText);
        assert.doesNotMatch(alerted.text, /data-qa="confirm-form"/);
      }
      assert.equal((await services.knex('subscriptions').whereRaw('lower(email) = ?', [EMAIL])).length, 0);
      assert.equal((await services.knex('alerts').whereRaw('lower(email) = ?', [EMAIL])).length, 0);
    });
  }

  it('still says a forged link does not work', async () => {
    const forged = follow.replace(/.$/, (last) => (last === 'a' ? 'b' : 'a'));
    await request(context.app).get(`${forged}?lang=en`).expect(404);
    const forgedAlert = alert.replace(/.$/, (last) => (last === 'a' ? 'b' : 'a'));
    await request(context.app).get(`${forgedAlert}?lang=en`).expect(404);
  });
});
