import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { makeApiKey } from '../support/open311.js';
import { makeReport } from '../support/reports.js';
import { mailTo, type OutboxRow } from './alerts-helpers.js';
import { askForHelp, forOtherFields } from './help-requests-helpers.js';
import { linkFrom, postForm, validFields } from './report-form-helpers.js';

/*
 * A confirmation goes at once to whatever address was typed, under the municipality's name: the
 * words it repeats carry no link, no email address and no phone number until the address is
 * proven, in its subject, its text or its HTML. The rest of the words stay, so the resident sees
 * what they confirm.
 */

// What a stranger would send to someone else's address: every way the words could reach them.
const PHISHING = [/evil\.example/i, /konts@/i, /29\s?123\s?456/, /href="[^"]*evil/i];

function assertNoPhishing(mail: OutboxRow, where: string) {
  for (const part of [mail.subject, mail.text_body, mail.html_body])
    for (const pattern of PHISHING) assert.doesNotMatch(part, pattern, `${where}: ${pattern}\n${part}`);
}

describe('emails to an address not proven yet: no link or contact in the words they repeat', () => {
  let context: TestContext;
  const services = () => context.services;
  before(async () => {
    context = await makeApp();
  });
  beforeEach(async () => {
    await context.services.knex('rate_limits').delete();
  });

  it('the report’s confirmation hides them in its title, description and place, in its language; staff read them as typed', async () => {
    const { app, services } = context;
    const words = {
      title: 'Bedre, sk. evil.example/bedre',
      description:
        'Jūsu konts ir bloķēts, piesakieties https://evil.example/login?x=1 vai rakstiet konts@evil.example.\nZvaniet 29 123 456.\nLiela bedre ceļa vidū.',
      location: 'Skolas iela 1, www.evil.example',
    };
    await postForm(app, validFields({ ...words, email: 'upuris@example.lv' }), {
      extra: [['reviewed', '1']],
    }).expect(303);
    const [confirm] = (await mailTo(services.knex, 'upuris@example.lv')).filter(
      (mail) => mail.kind === 'report-confirm',
    );
    assert.ok(confirm, 'the confirmation went');
    assertNoPhishing(confirm, 'the confirmation');
    assert.match(confirm.subject, /Bedre, sk\. \[paslēpts\]/);
    for (const part of [confirm.text_body, confirm.html_body]) {
      assert.ok(part.includes('Bedre, sk. [paslēpts]'), part);
      assert.ok(
        part.includes('Jūsu konts ir bloķēts, piesakieties [paslēpts] vai rakstiet [paslēpts].'),
        part,
      );
      assert.ok(part.includes('Zvaniet [paslēpts].'), part);
      assert.ok(part.includes('Liela bedre ceļa vidū.'), part);
      assert.ok(part.includes('Skolas iela 1, [paslēpts]'), part);
      assert.ok(part.includes('ir paslēpti, jo šī e-pasta adrese vēl nav apstiprināta'), part);
    }

    // The report keeps the words as typed: once confirmed, the parish reads them so.
    const link = await linkFrom(services.knex, 'report-confirm', 'reports');
    await request(app).post(link).expect(200);
    const report = await services.knex('reports').orderBy('id', 'desc').first();
    assert.equal(report.description, words.description);
    const [routed] = (await services
      .knex('outbox')
      .where({ kind: 'report-new', report_id: report.id })) as OutboxRow[];
    assert.ok(
      routed!.text_body.includes('https://evil.example/login?x=1'),
      'the parish reads the link as typed',
    );
    // The resident, their address now proven, reads their own title and place as typed.
    const [published] = (await mailTo(services.knex, 'upuris@example.lv')).filter(
      (mail) => mail.kind === 'report-published',
    );
    assert.ok(published!.text_body.includes(words.location), published!.text_body);
  });

  it('in English and Russian the placeholder is said in the resident’s language', async () => {
    const { app, services } = context;
    for (const [lang, hidden] of [
      ['en', '[hidden]'],
      ['ru', '[скрыто]'],
    ] as const) {
      const email = `upuris-${lang}@example.lv`;
      await postForm(
        app,
        validFields({
          description: 'Log in at https://evil.example/x, write konts@evil.example. Pothole.',
          email,
        }),
        { extra: [['reviewed', '1']], lang },
      ).expect(303);
      const [confirm] = await mailTo(services.knex, email);
      assertNoPhishing(confirm!, lang);
      for (const part of [confirm!.text_body, confirm!.html_body])
        assert.ok(part.includes(`Log in at ${hidden}, write ${hidden}. Pothole.`), part);
    }
  });

  it('a bare address of an uncommon ending, Latvian or Cyrillic letters: hidden in each language, abbreviations kept', async () => {
    const { app, services } = context;
    for (const [lang, hidden] of [
      ['lv', '[paslēpts]'],
      ['en', '[hidden]'],
      ['ru', '[скрыто]'],
    ] as const) {
      const email = `upuris-bare-${lang}@example.lv`;
      await postForm(
        app,
        validFields({
          title: 'Konts bloķēts, sk. evil.click',
          description:
            'Maksājiet pay-here.support vai pārbaude.lv, войдите в банк.рф. Bedre, t.sk. divas, u.c.',
          location: 'Kaunatas pag.centrs, rezekne-novads.help',
          email,
        }),
        { extra: [['reviewed', '1']], lang },
      ).expect(303);
      const [confirm] = await mailTo(services.knex, email);
      assert.equal(confirm!.kind, 'report-confirm');
      for (const part of [confirm!.subject, confirm!.text_body, confirm!.html_body])
        assert.doesNotMatch(
          part,
          /evil\.click|pay-here|pārbaude\.lv|банк\.рф|novads\.help/i,
          `${lang}: ${part}`,
        );
      assert.ok(confirm!.subject.includes(`Konts bloķēts, sk. ${hidden}`), confirm!.subject);
      for (const part of [confirm!.text_body, confirm!.html_body]) {
        assert.ok(
          part.includes(`Maksājiet ${hidden} vai ${hidden}, войдите в ${hidden}. Bedre, t.sk. divas, u.c.`),
          `${lang}: ${part}`,
        );
        assert.ok(part.includes(`Kaunatas pag.centrs, ${hidden}`), `${lang}: ${part}`);
      }
    }
  });

  it('following a report: its confirmation hides the links its public words keep', async () => {
    const { app, services } = context;
    const { report } = await makeReport(services, {
      title: 'Konts bloķēts: evil.example/x',
      description: 'Piesakieties https://evil.example/login.',
      location: 'Skolas iela 2, www.evil.example',
    });
    // The report's public page keeps an outside link: the follow email to a stranger must not.
    assert.match((await request(app).get(`/reports/${report.ref}`).expect(200)).text, /evil\.example\/x/);
    await request(app)
      .post(`/reports/${report.ref}/subscribe?lang=en`)
      .type('form')
      .send({ name: 'Anna', email: 'sekotajs@example.lv' })
      .expect(303);
    const [asked] = (await mailTo(services.knex, 'sekotajs@example.lv')).filter(
      (mail) => mail.kind === 'subscription-confirm',
    );
    assert.ok(asked, 'asked to confirm');
    assertNoPhishing(asked, 'the follow confirmation');
    for (const part of [asked.text_body, asked.html_body]) {
      assert.ok(part.includes('Konts bloķēts: [hidden]'), part);
      assert.ok(part.includes('Skolas iela 2, [hidden]'), part);
      assert.ok(part.includes('because this email address has not been confirmed yet'), part);
    }
  });

  it('a report posted through Open311 with any address: its confirmation hides them too', async () => {
    const { app, services } = context;
    const key = await makeApiKey(context, false, 'Lietotne');
    await request(app)
      .post('/open311/v2/requests.json')
      .type('form')
      .send({
        api_key: key,
        service_code: 'roads',
        lat: '56.3081',
        long: '27.5905',
        description:
          'Konts bloķēts, piesakieties https://evil.example/x vai zvaniet 29 123 456. Bedre ceļa vidū.',
        email: 'upuris-api@example.lv',
      })
      .expect(200);
    const [confirm] = await mailTo(services.knex, 'upuris-api@example.lv');
    assert.equal(confirm!.kind, 'report-confirm');
    assertNoPhishing(confirm!, 'the Open311 confirmation');
    for (const part of [confirm!.text_body, confirm!.html_body])
      assert.ok(
        part.includes('Konts bloķēts, piesakieties [paslēpts] vai zvaniet [paslēpts]. Bedre ceļa vidū.'),
        part,
      );
  });

  it('a trusted Open311 partner’s report, sent at once: the email telling its unproven address hides them too', async () => {
    const { app, services } = context;
    const key = await makeApiKey(context, true, 'Partneris');
    await request(app)
      .post('/open311/v2/requests.json')
      .type('form')
      .send({
        api_key: key,
        service_code: 'roads',
        lat: '56.3081',
        long: '27.5905',
        description: 'Konts bloķēts: evil.example/x, zvaniet 29 123 456. Bedre ceļa vidū.',
        name: 'Banka, sk. evil.example',
        email: 'upuris-partneris@example.lv',
      })
      .expect(200);
    const [published] = await mailTo(services.knex, 'upuris-partneris@example.lv');
    assert.equal(published!.kind, 'report-published');
    assertNoPhishing(published!, 'the trusted partner’s report-published');
    const row = await services
      .knex('outbox')
      .where({ kind: 'report-published', to_email: 'upuris-partneris@example.lv' })
      .first('to_name');
    assert.equal(row.to_name, null, 'no To name holding a link');
    for (const part of [published!.text_body, published!.html_body]) {
      assert.ok(part.includes('Konts bloķēts: [paslēpts], zvaniet [paslēpts]. Bedre ceļa vidū.'), part);
      assert.ok(part.includes('ir paslēpti, jo šī e-pasta adrese vēl nav apstiprināta'), part);
      // Nobody confirmed it: the partner's app sent it on, so nobody is thanked for confirming.
      assert.ok(part.includes('ir pieņemts un nosūtīts atbildīgajiem'), part);
      assert.ok(!part.includes('Paldies, ka apstiprinājāt'), part);
    }
    // The parish reads the report as the partner sent it.
    const [routed] = (await services
      .knex('outbox')
      .where({ kind: 'report-new', report_id: published!.report_id })) as OutboxRow[];
    assert.ok(routed!.text_body.includes('evil.example/x'), routed!.text_body);
  });

  it('a request for help: neither the asker’s email nor the person’s notice repeats the typed words at all', async () => {
    const { id } = await askForHelp(
      context,
      forOtherFields({
        email: 'prasitajs@example.lv',
        subject_email: 'persona@example.lv',
        description:
          'Konts bloķēts, piesakieties https://evil.example/x, rakstiet konts@evil.example, zvaniet 29 123 456.',
        location: 'Kaunata, www.evil.example',
      }),
    );
    const sent = (await services().knex('outbox').where({ report_id: id })) as OutboxRow[];
    for (const kind of ['help-request-received', 'help-request-subject']) {
      const mail = sent.find((row) => row.kind === kind);
      assert.ok(mail, kind);
      assertNoPhishing(mail, kind);
      assert.doesNotMatch(`${mail.text_body}\n${mail.html_body}`, /Konts bloķēts/, kind);
    }
  });

  it('says nothing of hidden words when nothing was hidden', async () => {
    const { app, services } = context;
    await postForm(app, validFields({ email: 'tira@example.lv' }), { extra: [['reviewed', '1']] }).expect(
      303,
    );
    const [confirm] = await mailTo(services.knex, 'tira@example.lv');
    for (const part of [confirm!.text_body, confirm!.html_body]) {
      assert.ok(part.includes('Liela bedre ceļa vidū.'), part);
      assert.doesNotMatch(part, /paslēpt/);
    }
  });
});
