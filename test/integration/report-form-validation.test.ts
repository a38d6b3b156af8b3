import assert from 'node:assert/strict';
import { makeApp, type TestContext } from '../support/app.js';
import request from 'supertest';
import { count, errorOf, linkFrom, postForm, validFields } from './report-form-helpers.js';

describe('bad input on the report form', () => {
  let context: TestContext;
  before(async () => {
    context = await makeApp();
  });
  beforeEach(async () => {
    await context.services.knex('rate_limits').delete();
  });

  it('refuses a title and a name of zero-width spaces as empty ones', async () => {
    const { app, services } = context;
    const before = await count(services.knex, 'reports');
    const res = await postForm(app, {
      ...validFields(),
      title: '\u200b\u200b\u200b',
      name: '\u200b\u00a0',
    }).expect(422);
    assert.equal(errorOf(res.text, 'title'), 'Kļūda: Ierakstiet īsu virsrakstu.');
    assert.equal(errorOf(res.text, 'name'), 'Kļūda: Ierakstiet savu vārdu.');
    assert.equal(await count(services.knex, 'reports'), before);
  });

  it('gives an empty form back with an error at every required field and a summary linking to each', async () => {
    const { app, services } = context;
    const before = await count(services.knex, 'reports');
    const res = await postForm(app, {}).expect(422);
    assert.match(res.text, /<title>Kļūda: Ziņot par problēmu — Tilts<\/title>/);
    assert.match(
      res.text,
      /class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus/,
    );
    const expected: Record<string, string> = {
      category: 'Izvēlieties kategoriju.',
      parish: 'Izvēlieties pagastu vai pilsētu.',
      title: 'Ierakstiet īsu virsrakstu.',
      description: 'Aprakstiet problēmu.',
      location: 'Norādiet vietu: adresi vai orientieri.',
      name: 'Ierakstiet savu vārdu.',
      email: 'Ierakstiet savu e-pasta adresi.',
    };
    for (const [field, message] of Object.entries(expected)) {
      assert.equal(errorOf(res.text, field), `Kļūda: ${message}`, field);
      assert.ok(
        res.text.includes(`<li><a href="#field-${field}">${message}</a></li>`),
        `summary link to ${field}`,
      );
      assert.match(
        res.text,
        new RegExp(
          `id="field-${field}"[^>]*aria-describedby="[^"]*field-${field}-error"[^>]*aria-invalid="true"`,
        ),
      );
    }
    // The summary lists them in the order the form shows its fields.
    const linked = [...res.text.matchAll(/<li><a href="#field-([a-z_]+)">/g)].map((match) => match[1]);
    assert.deepEqual(linked, ['category', 'title', 'description', 'parish', 'location', 'name', 'email']);
    for (const optional of ['lat', 'lon', 'phone', 'photos'])
      assert.equal(errorOf(res.text, optional), undefined, optional);
    assert.equal(await count(services.knex, 'reports'), before);
  });

  it('refuses every field over its limit with its own message, and refills what was typed', async () => {
    const { app, services } = context;
    const before = await count(services.knex, 'reports');
    const long = validFields({
      title: 'a'.repeat(121),
      description: 'b'.repeat(5001),
      location: 'c'.repeat(301),
      name: 'd'.repeat(121),
      email: `${'e'.repeat(250)}@example.lv`,
      phone: '1'.repeat(41),
    });
    const res = await postForm(app, long, { lang: 'en' }).expect(422);
    assert.equal(errorOf(res.text, 'title'), 'Error: The title can be at most 120 characters long.');
    assert.equal(
      errorOf(res.text, 'description'),
      'Error: The description can be at most 5,000 characters long.',
    );
    assert.equal(errorOf(res.text, 'location'), 'Error: The place can be at most 300 characters long.');
    assert.equal(errorOf(res.text, 'name'), 'Error: The name can be at most 120 characters long.');
    assert.equal(
      errorOf(res.text, 'email'),
      'Error: Enter one valid email address, for example name@example.lv.',
    );
    assert.equal(errorOf(res.text, 'phone'), 'Error: The phone number can be at most 40 characters long.');
    assert.ok(res.text.includes(`value="${'a'.repeat(121)}"`));
    assert.ok(res.text.includes(`>${'b'.repeat(5001)}</textarea>`));
    assert.equal(await count(services.knex, 'reports'), before);
  });

  it('says a description of megabytes is too long at its field, keeping the rest, and saves nothing', async () => {
    const { app, services } = context;
    const before = await count(services.knex, 'reports');
    const huge = validFields({ title: 'Bedre pie skolas', description: 'b'.repeat(3_000_000) });
    const res = await postForm(app, huge, { lang: 'en' }).expect(422);
    assert.equal(
      errorOf(res.text, 'description'),
      'Error: The description can be at most 5,000 characters long.',
    );
    assert.doesNotMatch(res.text, /could not be read|Write what the problem is/);
    assert.ok(res.text.includes('value="Bedre pie skolas"'), 'the title is kept');
    assert.equal(await count(services.knex, 'reports'), before);
  });

  it('refuses a parish or category code that does not exist, and a category that was retired', async () => {
    const { app, services } = context;
    const res = await postForm(app, validFields({ category: 'potholes', parish: 'riga' }), {
      lang: 'en',
    }).expect(422);
    assert.equal(
      errorOf(res.text, 'category'),
      'Error: There is no such category. Please choose one from the list.',
    );
    assert.equal(
      errorOf(res.text, 'parish'),
      'Error: There is no such parish. Please choose one from the list.',
    );
    await services.knex('categories').where({ code: 'snow' }).update({ active: false });
    services.reference.invalidate();
    const retired = await postForm(app, validFields({ category: 'snow' }), { lang: 'en' }).expect(422);
    assert.equal(
      errorOf(retired.text, 'category'),
      'Error: There is no such category. Please choose one from the list.',
    );
    assert.doesNotMatch(retired.text, /<option value="snow"/);
    await services.knex('categories').where({ code: 'snow' }).update({ active: true });
    services.reference.invalidate();
  });

  it('refuses a pin in Latvia but outside Rēzeknes novads, in the resident’s language, keeping what they typed', async () => {
    const { app, services } = context;
    const before = await count(services.knex, 'reports');
    // Riga: inside Latvia's box, 200 km from every parish; Open311 refuses the same position.
    const riga = await postForm(app, validFields({ lat: '56.95', lon: '24.11' }), { lang: 'ru' }).expect(422);
    assert.match(errorOf(riga.text, 'lat')!, /не в Резекненском крае/);
    assert.match(riga.text, /value="56.95"/);
    assert.match(riga.text, /value="24.11"/);
    const english = await postForm(app, validFields({ lat: '56.95', lon: '24.11' }), { lang: 'en' }).expect(
      422,
    );
    assert.match(errorOf(english.text, 'lat')!, /not in Rēzeknes novads/);
    assert.equal(await count(services.knex, 'reports'), before);
    // Kaunata itself is taken.
    await postForm(app, validFields({ lat: '56.3337', lon: '27.5506' }), { lang: 'en' }).expect(303);
  });

  it('refuses coordinates outside Latvia, half a pair, and text that is not a number', async () => {
    const { app, services } = context;
    const before = await count(services.knex, 'reports');
    const outside = await postForm(app, validFields({ lat: '48.8566', lon: '2.3522' }), {
      lang: 'en',
    }).expect(422);
    assert.equal(
      errorOf(outside.text, 'lat'),
      'Error: The latitude must be within Latvia: between 55.6 and 58.1.',
    );
    assert.equal(
      errorOf(outside.text, 'lon'),
      'Error: The longitude must be within Latvia: between 20.9 and 28.3.',
    );
    const swapped = await postForm(app, validFields({ lat: '27.3', lon: '56.3' }), { lang: 'en' }).expect(
      422,
    );
    assert.match(errorOf(swapped.text, 'lat')!, /within Latvia/);
    const half = await postForm(app, validFields({ lat: '56.3' }), { lang: 'en' }).expect(422);
    assert.equal(
      errorOf(half.text, 'lon'),
      'Error: Enter both coordinates, latitude and longitude, or leave both empty.',
    );
    assert.equal(errorOf(half.text, 'lat'), undefined);
    const words = await postForm(app, validFields({ lat: 'near the church', lon: '27.5' }), {
      lang: 'en',
    }).expect(422);
    assert.equal(errorOf(words.text, 'lat'), 'Error: Enter the coordinate as a number, for example 56.5.');
    assert.equal(await count(services.knex, 'reports'), before);
  });

  it('refuses an email address with a newline, a comma or a second address in it', async () => {
    const { app, services } = context;
    const mails = await count(services.knex, 'outbox');
    for (const email of [
      'anna@example.lv\nBcc: all@example.lv',
      'anna@example.lv, piet@example.lv',
      'anna@example.lv piet@example.lv',
      'anna@example.lv;piet@example.lv',
      'anna@@example.lv',
      'Anna <anna@example.lv>',
    ]) {
      const res = await postForm(app, validFields({ email }), { lang: 'en' }).expect(422);
      assert.equal(
        errorOf(res.text, 'email'),
        'Error: Enter one valid email address, for example name@example.lv.',
        email,
      );
    }
    const phone = await postForm(app, validFields({ phone: '2000 0000\nBcc: x' }), { lang: 'en' }).expect(
      422,
    );
    assert.match(errorOf(phone.text, 'phone')!, /only digits, spaces/);
    assert.equal(await count(services.knex, 'outbox'), mails);
  });

  it('takes a phone number as people write it, and refuses one with too few digits to call', async () => {
    const { app, services } = context;
    for (const phone of [
      '29.12.34.56',
      '(29) 123 456',
      '(+371) 29 123 456',
      '+371 2000-0000',
      '64 60/0000',
    ]) {
      await postForm(app, validFields({ phone, email: 'numbers@example.lv' }), { lang: 'en' }).expect(303);
      const row = await services.knex('reports').orderBy('id', 'desc').first('reporter_phone');
      assert.equal(row.reporter_phone, phone);
    }
    for (const phone of ['+', '-', '12 34', 'zvaniet']) {
      const res = await postForm(app, validFields({ phone }), { lang: 'en' }).expect(422);
      assert.match(errorOf(res.text, 'phone')!, /at least 6 digits/, phone);
    }
  });

  it('refuses a name to be shown that holds a phone number, an address or a link, and masks one stored before', async () => {
    const { app, services } = context;
    const before = await count(services.knex, 'reports');
    const name = 'Jānis 29111777 janis.b@example.lv https://evil.example';
    const shown = { ...validFields({ name }), show_name: '1' };
    const en = await postForm(app, shown, { extra: [['reviewed', '1']], lang: 'en' }).expect(422);
    assert.equal(
      errorOf(en.text, 'name'),
      'Error: Write your name without a phone number, email address or link: it is shown on the report’s public page. Give your contacts in their own fields.',
    );
    assert.ok(en.text.includes(`value="${name}"`), 'the name comes back as typed');
    const lv = await postForm(app, shown, { extra: [['reviewed', '1']] }).expect(422);
    assert.match(errorOf(lv.text, 'name') ?? '', /Ierakstiet savu vārdu bez tālruņa numura/);
    const ru = await postForm(app, shown, { extra: [['reviewed', '1']], lang: 'ru' }).expect(422);
    assert.match(errorOf(ru.text, 'name') ?? '', /Напишите своё имя без номера телефона/);
    assert.equal(await count(services.knex, 'reports'), before);
    // A name kept back is read by staff alone: it may say how to reach them.
    await postForm(app, validFields({ name }), { extra: [['reviewed', '1']] }).expect(303);

    // One shown and stored before the form refused it reaches the public masked, on the page
    // and in the timeline, and the reporter still reads it as typed on their own page.
    await postForm(
      app,
      { ...validFields({ email: 'janis.b@example.lv' }), show_name: '1' },
      {
        extra: [['reviewed', '1']],
      },
    ).expect(303);
    await request(app)
      .post(await linkFrom(services.knex, 'report-confirm', 'reports'))
      .expect(200);
    const report = await services.knex('reports').orderBy('id', 'desc').first();
    await services.knex('reports').where({ id: report.id }).update({ reporter_name: name });
    await services.knex('report_updates').where({ report_id: report.id }).update({ author_name: name });
    const page = await request(app).get(`/reports/${report.ref}?lang=en`).expect(200);
    assert.match(page.text, /Jānis \[…\]/);
    assert.doesNotMatch(page.text, /29111777|janis\.b@/);
  });

  it('shows HTML and script typed into any field as text, never as markup', async () => {
    const { app } = context;
    const evil = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const fields = validFields({
      title: evil,
      description: evil,
      location: evil,
      name: evil,
      email: `"><script>alert(1)</script>`,
      phone: evil,
      lat: evil,
      lon: '"><b>',
    });
    const res = await postForm(app, fields).expect(422);
    assert.doesNotMatch(res.text, /<script>alert|<img src=x|"><b>/);
    assert.ok(
      res.text.includes(
        'value="&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"',
      ),
    );
    assert.ok(
      res.text.includes(
        '>&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</textarea>',
      ),
    );
    assert.ok(res.text.includes('value="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"'));
  });
});
