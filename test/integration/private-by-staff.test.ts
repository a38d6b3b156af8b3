import assert from 'node:assert/strict';
import request from 'supertest';
import { Signer } from '../../src/security/signing.js';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { addStaff, KAUNATA_WORKER, postForm, signIn, type StaffBrowser } from '../support/staff.js';

/**
 * A report staff made private keeps the recipients it was routed to, and the parish clerk among
 * them still reads it: its reporter is told so, not that only the social worker reads it. A report
 * private by its category (routed to the social worker alone) is still told the social worker.
 */
describe('a report staff made private: what its reporter is told of who reads it', () => {
  let context: TestContext;
  let worker: StaffBrowser;

  beforeEach(async () => {
    context = await makeApp();
    worker = await signIn(context, await addStaff(context, KAUNATA_WORKER));
  });

  const ownPage = (ref: string, token: string, lang: string) =>
    request(context.app).get(`/reports/${ref}?token=${token}&lang=${lang}`).expect(200);
  const readersOf = (html: string) => /data-qa="private-readers">([^<]*)</.exec(html)?.[1] ?? '';

  async function madePrivate() {
    const made = await makeReport(context.services, { confirmed: false, title: 'Bedre pie skolas' });
    const link = `/reports/confirm/${new Signer(context.config.secret).expiring(
      'confirm-report',
      String(made.report.id),
      new Date(Date.now() + 86_400_000),
    )}`;
    await request(context.app).post(link).expect(200);
    await postForm(worker, `/staff/reports/${made.report.ref}/privacy`, { make: 'private' }).expect(303);
    const recipients = await context.services.routing.recipients(made.report.id);
    assert.ok(
      recipients.some((recipient) => recipient.role === 'parish_admin'),
      'the parish administration is still one of its recipients',
    );
    return { ...made, link };
  }

  it('names the administration it was sent to on the reporter’s page, in each language', async () => {
    const { report, token } = await madePrivate();
    const expected = {
      lv: 'Ziņojums ir privāts: tas netiek publicēts. To redz tikai jūs, pagasta vai pilsētas pārvalde, kurai tas tika nosūtīts, sociālais darbinieks un pašvaldības administratori.',
      en: 'This report is private: it is not published. Only you, the parish or town administration it was sent to, the community social worker and the municipality’s administrators can see it.',
      ru: 'Сообщение конфиденциально: оно не публикуется. Его видят только вы, управление волости или администрация города, куда оно было отправлено, социальный работник и администраторы самоуправления.',
    };
    for (const [lang, text] of Object.entries(expected)) {
      const page = await ownPage(report.ref, token, lang);
      assert.equal(readersOf(page.text), text, lang);
    }
    // What it says of withdrawing speaks of a report its handlers are told of, not of a request.
    const en = await ownPage(report.ref, token, 'en');
    assert.match(
      en.text,
      /If the report is no longer needed, you can withdraw it\. Those dealing with it will be told\./,
    );
    assert.doesNotMatch(en.text, /the social worker will be told|help is no longer needed/i);
    const withdraw = await request(context.app)
      .get(`/reports/${report.ref}/withdraw?token=${token}&lang=en`)
      .expect(200);
    assert.match(
      withdraw.text,
      /A withdrawn report is no longer dealt with; those dealing with it will be told\./,
    );
  });

  it('says the same on the confirmation link opened again', async () => {
    const { link } = await madePrivate();
    const again = await request(context.app).get(`${link}?lang=en`).expect(200);
    assert.match(again.text, /data-outcome="already"/);
    assert.match(
      readersOf(again.text),
      /^This report is private: it is not published\. Only you, the parish or town administration it was sent to/,
    );
    assert.doesNotMatch(again.text, /data-qa="public-link"/);
  });

  it('still tells the reporter of a request for help that the social worker reads it, not a parish', async () => {
    const { report, token } = await makeReport(context.services, { category: 'elderly-help' });
    const page = await ownPage(report.ref, token, 'en');
    assert.equal(
      readersOf(page.text),
      'Your request is private: only you, the community social worker and the municipality’s administrators can see it.',
    );
  });
});
