import assert from 'node:assert/strict';
import { makeApp, type TestContext } from '../support/app.js';
import { routedReport } from '../support/reports.inbound.js';
import { askForHelp, forOtherFields, requestFields } from './help-requests-helpers.js';

/**
 * A private request has no page outside the workspace, and its email says "everything about it is
 * in this email": so it gives what the form asked, not only the words and the asker's contact.
 */
describe("the social worker's new-request email gives the request's help details", () => {
  let context: TestContext;

  beforeEach(async () => {
    context = await makeApp();
  });

  const newRequestMail = async (reportId: number) =>
    (await context.services.knex('outbox').where({ report_id: reportId, kind: 'report-new' }).first()) as {
      text_body: string;
      html_body: string;
    };

  it('says what help, which days and time, and in which languages, for a request for oneself', async () => {
    const { id } = await askForHelp(context, requestFields({ days: ['sat', 'sun'], speaks: ['lv', 'ltg'] }));
    const mail = await newRequestMail(id);
    assert.match(mail.text_body, /^Kam: Pašam lūdzējam$/m);
    assert.match(mail.text_body, /^Vēlas: Brīvprātīgā palīdzība$/m);
    assert.match(mail.text_body, /^Palīdzības veidi: Malka un mājas darbi$/m);
    assert.match(mail.text_body, /^Dienas: sestdiena, svētdiena$/m);
    assert.match(mail.text_body, /^Laiks: pēc pusdienām$/m);
    assert.match(mail.text_body, /^Valodas: latviešu, latgaliešu$/m);
    assert.match(mail.html_body, /<th [^>]*>Valodas<\/th><td [^>]*>latviešu, latgaliešu<\/td>/);
    // Nothing about another person when there is none.
    assert.doesNotMatch(mail.text_body, /Vai zina un piekrīt/);
  });

  it('names the person it is for, their contact, whether they agree, and that they were emailed', async () => {
    const { id } = await askForHelp(context, forOtherFields({ subject_phone: '29 000 003' }));
    const mail = await newRequestMail(id);
    assert.match(mail.text_body, /^Kam: Citam cilvēkam$/m);
    assert.match(mail.text_body, /^Cilvēks: Anna Liepa$/m);
    assert.match(mail.text_body, /^Tālrunis: 29 000 003$/m);
    assert.match(mail.text_body, /^E-pasts: anna\.liepa@example\.lv$/m);
    assert.match(mail.text_body, /^Vai zina un piekrīt\? Jā, zina un piekrīt$/m);
    assert.match(mail.text_body, /^Palīdzības veidi: Transports \(aizvest, atvest\), Iepirkumi un aptieka$/m);
    for (const body of [mail.text_body, mail.html_body]) {
      assert.match(body, /ir nosūtīts e-pasts/);
      assert.doesNotMatch(body, /vēl nav informēts/);
    }
    assert.match(mail.html_body, /href="tel:29000003"/);
  });

  it('asks the social worker to tell the person by phone when no email of theirs was given', async () => {
    const { id } = await askForHelp(
      context,
      forOtherFields({ subject_email: '', subject_phone: '29 000 002', subject_knows: 'unsure' }),
    );
    const mail = await newRequestMail(id);
    assert.match(mail.text_body, /^Vai zina un piekrīt\? Nezinu$/m);
    for (const body of [mail.text_body, mail.html_body]) {
      assert.match(body, /Cilvēks vēl nav informēts par šo lūgumu: pastāstiet viņam pa tālruni\./);
      assert.match(body, /lūguma lapā darbinieku darba vietā/);
      assert.doesNotMatch(body, /ir nosūtīts e-pasts/);
    }
  });

  it('gives no help details for a report of a problem', async () => {
    const report = await routedReport(context);
    const mail = await newRequestMail(report.id);
    assert.match(mail.text_body, /Bedre Rēzeknes ielā/);
    assert.doesNotMatch(mail.text_body, /Palīdzības veidi|Lūgums pēc palīdzības/);
  });
});
