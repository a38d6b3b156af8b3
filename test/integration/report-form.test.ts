import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { linkFrom, postForm, validFields } from './report-form-helpers.js';

const occurrences = (html: string, pattern: RegExp) => (html.match(pattern) ?? []).length;

describe('the report form page', () => {
  let context: TestContext;
  before(async () => {
    context = await makeApp();
  });

  it('is one multipart form with every field named as the contract says, labelled and hinted', async () => {
    const res = await request(context.app).get('/reports/new').expect(200);
    assert.match(
      res.text,
      /<form class="report-form" method="post" action="\/reports" enctype="multipart\/form-data" novalidate/,
    );
    for (const name of [
      'category',
      'parish',
      'title',
      'description',
      'location',
      'lat',
      'lon',
      'name',
      'email',
      'phone',
      'show_name',
      'photos',
    ]) {
      assert.match(res.text, new RegExp(`name="${name}"`), name);
      assert.match(res.text, new RegExp(`<label class="[^"]*" for="field-${name}">`), `label of ${name}`);
    }
    assert.match(
      res.text,
      /id="field-title"[^>]*maxlength="120"[^>]*required aria-describedby="field-title-hint"/,
    );
    assert.match(res.text, /name="description" rows="7" maxlength="5000" required/);
    assert.match(res.text, /name="name" type="text" value="" maxlength="120" autocomplete="name"/);
    assert.match(
      res.text,
      /name="email" type="email" value="" maxlength="254" autocomplete="email" inputmode="email"/,
    );
    assert.match(
      res.text,
      /name="phone" type="tel" value="" maxlength="40" autocomplete="tel" inputmode="tel"/,
    );
    assert.match(res.text, /name="lat" type="text" value="" maxlength="20" inputmode="decimal"/);
    assert.match(res.text, /name="photos" type="file" multiple accept="image\/jpeg/);
    assert.match(res.text, /<title>Ziņot par problēmu — Tilts<\/title>/);
  });

  it('puts the photo input last before the submit button, so text is parsed before any file', async () => {
    const res = await request(context.app).get('/reports/new').expect(200);
    const form = res.text.slice(res.text.indexOf('data-qa="report-form"'));
    const names = [...form.matchAll(/name="([a-z_]+)"/g)].map((match) => match[1]);
    assert.equal(names.at(-1), 'photos');
    assert.ok(form.indexOf('name="photos"') < form.indexOf('data-qa="submit"'));
  });

  it('groups categories into public problems and private help, and parishes by apvienība', async () => {
    const res = await request(context.app).get('/reports/new').expect(200);
    assert.match(res.text, /<optgroup label="Problēmas un idejas \(publiskas\)">/);
    assert.match(
      res.text,
      /<optgroup label="Palīdzība cilvēkam \(privāta\)">\s*<option value="elderly-help" data-private>/,
    );
    assert.match(res.text, /tos redz tikai jūs, sociālais darbinieks/);
    for (const apvieniba of ['Dricānu', 'Kaunatas', 'Maltas', 'Nautrēnu', 'Viļānu']) {
      assert.match(res.text, new RegExp(`<optgroup label="${apvieniba} apvienība">`));
    }
    assert.equal(occurrences(res.text, /<option value="[a-z]+">[^<]*(pagasts|pilsēta)<\/option>/g), 29);
  });

  it('presets the category and parish from the query, and ignores codes it does not know', async () => {
    const res = await request(context.app).get('/reports/new?category=roads&parish=kaunatas').expect(200);
    assert.match(res.text, /<option value="roads" selected>/);
    assert.match(res.text, /<option value="kaunatas" selected>/);
    const unknown = await request(context.app).get('/reports/new?category=nope&parish=%3Cb%3E').expect(200);
    assert.doesNotMatch(unknown.text, / selected>/);
  });

  it('speaks English and Russian, with category and parish names in that language', async () => {
    const en = await request(context.app).get('/reports/new?lang=en').expect(200);
    assert.match(en.text, /<h1>Report a problem<\/h1>/);
    assert.match(en.text, /Roads and pavements/);
    assert.match(en.text, /Kaunata parish/);
    const ru = await request(context.app).get('/reports/new?lang=ru').expect(200);
    assert.match(ru.text, /<h1>Сообщить о проблеме<\/h1>/);
    assert.match(ru.text, /Дороги и тротуары/);
    assert.match(ru.text, /волость Кауната/);
  });

  it('tells the resident that email and phone are never public', async () => {
    const res = await request(context.app).get('/reports/new?lang=en').expect(200);
    assert.match(
      res.text,
      /data-qa="privacy-note">Your email address and phone number are never shown publicly/,
    );
    assert.match(res.text, /name="email"[^>]*aria-describedby="field-email-hint privacy-note"/);
  });

  it('loads the map only as scripts from our own files, and passes the tile URL and parish centres as data', async () => {
    const res = await request(context.app).get('/reports/new').expect(200);
    assert.match(String(res.headers['content-security-policy']), /script-src 'self'(;|$)/);
    // Leaflet comes only when JavaScript runs: the loader names it and the map code by hashed paths.
    assert.match(
      res.text,
      /<script src="\/static\/js\/map-loader\.[0-9a-f]{8}\.js" defer data-css="\/static\/vendor\/leaflet\/leaflet\.[0-9a-f]{8}\.css" data-js="\/static\/vendor\/leaflet\/leaflet\.[0-9a-f]{8}\.js \/static\/js\/report-map\.[0-9a-f]{8}\.js"><\/script>/,
    );
    assert.doesNotMatch(res.text, /<link[^>]+leaflet/);
    assert.doesNotMatch(res.text, /<script>|style="/);
    assert.match(res.text, /data-tile-url="https:\/\/tile\.openstreetmap\.org\/\{z\}\/\{x\}\/\{y\}\.png"/);
    const centres = JSON.parse(
      /data-parishes="([^"]*)"/.exec(res.text)![1]!.replace(/&#34;/g, '"'),
    ) as unknown[];
    assert.ok(centres.length > 10 && centres.length < 29, 'parishes without a centre are left out');
    await request(context.app)
      .get('/static/js/report-map.js')
      .expect(200)
      .expect('Content-Type', /javascript/);
  });
});

describe('sending the report form', () => {
  let context: TestContext;
  before(async () => {
    context = await makeApp();
  });
  beforeEach(async () => {
    await context.services.knex('rate_limits').delete();
  });

  it('saves a valid report as unconfirmed, emails its confirmation link, and says to check the email', async () => {
    const { app, services } = context;
    const res = await postForm(
      app,
      validFields({
        title: '  Bedre   pie pieturas ',
        phone: '+371 2000-0000',
        lat: '56,30778',
        lon: '27.59111',
      }),
      {
        extra: [['show_name', '1']],
      },
    ).expect(303);
    assert.equal(res.headers.location, '/reports/sent');
    const report = await services.knex('reports').first();
    assert.equal(report.status, 'unconfirmed');
    assert.equal(report.title, 'Bedre pie pieturas');
    assert.equal(report.description, 'Liela bedre ceļa vidū.\nGrūti izbraukt.');
    assert.equal(report.reporter_phone, '+371 2000-0000');
    assert.equal(report.show_name, true);
    assert.equal(report.lat, 56.30778);
    assert.equal(report.language, 'lv');
    const mail = await services.knex('outbox').where({ kind: 'report-confirm' }).first();
    assert.equal(mail.to_email, 'anna@example.lv');
    assert.equal(mail.report_id, report.id);
    assert.match(
      await linkFrom(services.knex, 'report-confirm', 'reports'),
      /^\/reports\/confirm\/\d+\.[a-z0-9]+\.[\w-]+$/,
    );

    const sent = await request(app).get(res.headers.location!).expect(200);
    assert.match(sent.text, /Pārbaudiet savu e-pastu/);
    assert.match(sent.text, /Saite ir derīga 7 dienas/);
    assert.match(sent.text, /mēstuļu/);
    assert.doesNotMatch(sent.text, /anna@example\.lv/);
  });

  it('takes an urlencoded post too (integrations), in the language of the page', async () => {
    const { app, services } = context;
    await request(app)
      .post('/reports?lang=ru')
      .type('form')
      .send(validFields({ email: 'ivan@example.lv' }))
      .expect(303);
    const report = await services.knex('reports').where({ reporter_email: 'ivan@example.lv' }).first();
    assert.equal(report.language, 'ru');
  });
});

describe('a private request for help speaks privately', () => {
  let context: TestContext;
  before(async () => {
    context = await makeApp();
  });

  it('has no public-name choice once a private category is chosen, and stores none when one is sent', async () => {
    const { app, services } = context;
    const form = await request(app).get('/reports/new?category=elderly-help&lang=en').expect(200);
    assert.doesNotMatch(form.text, /name="show_name"/);
    assert.match(form.text, /data-qa="show-name-private">Requests for help for a person are never published/);
    const open = await request(app).get('/reports/new?lang=en').expect(200);
    assert.match(open.text, /name="show_name"/, 'a public category may show the name');

    const res = await postForm(app, validFields({ category: 'elderly-help', email: 'meita@example.lv' }), {
      extra: [['show_name', '1']],
      lang: 'en',
    }).expect(303);
    assert.equal(res.headers.location, '/reports/sent?private=1&lang=en');
    const report = await services.knex('reports').where({ reporter_email: 'meita@example.lv' }).first();
    assert.equal(report.is_private, true);
    assert.equal(report.show_name, false);

    const sent = await request(app).get(res.headers.location!).expect(200);
    assert.match(sent.text, /sent to the community social worker of your parish \(and to nobody else\)/);
    assert.doesNotMatch(sent.text, /sent to the parish\./);
    const mail = await services
      .knex('outbox')
      .where({ kind: 'report-confirm', report_id: report.id })
      .first();
    assert.match(mail.text_body, /Before we send it to the community social worker \(Kaunata parish\)/);
    // The email asks to confirm a report (its heading and button say so): it is one, all through.
    assert.match(mail.text_body, /Thank you for your report “.*”\. /);
    assert.match(mail.text_body, /the report is never published/);
    assert.doesNotMatch(mail.text_body, /request/i);
    assert.doesNotMatch(mail.text_body, /parish administration/);
  });

  it('after sending, says the report goes to the social worker once the button named in it is pressed, in each language', async () => {
    // The page names the button of the email and of the page it opens ("Confirm my report"), and
    // what that sends is the same report, not "your request".
    const expected = {
      lv: 'Mēs jums nosūtījām e-pastu ar saiti. Atveriet to un nospiediet „Apstiprināt manu ziņojumu”: tikai tad jūsu ziņojums tiks nosūtīts jūsu pagasta sociālajam darbiniekam (un nevienam citam).',
      en: 'We have sent you an email with a link. Open it and press “Confirm my report”: only then is your report sent to the community social worker of your parish (and to nobody else).',
      ru: 'Мы отправили вам письмо со ссылкой. Откройте его и нажмите «Подтвердить моё сообщение»: только тогда ваше сообщение будет отправлено социальному работнику вашей волости (и никому другому).',
    };
    for (const [lang, text] of Object.entries(expected)) {
      const sent = await request(context.app).get(`/reports/sent?private=1&lang=${lang}`).expect(200);
      assert.equal(/<p class="lead">([^<]*)<\/p>/.exec(sent.text)?.[1], text, lang);
    }
  });

  it('names HEIC in the photo hints only where this server can decode it', async () => {
    const page = await request(context.app).get('/reports/new?lang=en').expect(200);
    const hint = /id="field-photos-hint">([^<]+)</.exec(page.text)![1]!;
    const accept = /accept="([^"]+)"/.exec(page.text)![1]!;
    assert.equal(hint.includes('HEIC'), accept.includes('heic'));
  });
});
