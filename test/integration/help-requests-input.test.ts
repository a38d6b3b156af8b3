import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { askForHelp, count, forOtherFields, postRequest, requestFields } from './help-requests-helpers.js';

const HOUR = 60 * 60 * 1000;

/** What a refused form must show: its message in the summary and at the field, the field marked. */
function assertRefused(html: string, field: string, message: string | RegExp) {
  assert.match(html, /data-qa="error-summary"/);
  assert.match(html, new RegExp(`<a href="#field-${field}">`), `the summary links to ${field}`);
  const error = new RegExp(`data-qa="error-${field}">[\\s\\S]*?</p>`).exec(html)?.[0] ?? '';
  if (typeof message === 'string') assert.ok(error.includes(message), `${field}: ${error}`);
  else assert.match(error, message);
  assert.match(html, /<title>Error: Ask for help — Tilts<\/title>/);
}

describe('asking for help with bad input: a translated error, the form refilled, nothing written', () => {
  let context: TestContext;
  let now: Date;
  const nothingWritten = async () => {
    for (const table of ['reports', 'help_requests', 'outbox', 'report_updates'])
      assert.equal(await count(context.services.knex, table), 0, `nothing in ${table}`);
  };

  beforeEach(async () => {
    now = new Date('2026-12-03T10:00:00Z');
    context = await makeApp({}, { clock: () => now });
  });

  it('refuses a request for someone else without the “do they know” answer', async () => {
    const res = await postRequest(context, forOtherFields({ subject_knows: '' }), 'en').expect(422);
    assertRefused(res.text, 'subject_knows', 'Say whether the person knows that you are asking and agrees.');
    // Everything typed is there again.
    assert.match(res.text, /name="for_whom" value="other" checked/);
    assert.match(res.text, /value="Anna Liepa"/);
    assert.match(res.text, /value="anna\.liepa@example\.lv"/);
    assert.match(res.text, /name="kinds" value="transport" checked/);
    assert.match(res.text, /Kaimiņienei otrdien jātiek pie ārsta Rēzeknē\.<\/textarea>/);
    await nothingWritten();
    const lv = await postRequest(
      context,
      forOtherFields({ subject_knows: '', subject_name: '' }),
      'lv',
    ).expect(422);
    assert.match(lv.text, /Norādiet, vai cilvēks zina, ka lūdzat palīdzību, un piekrīt\./);
    assert.match(lv.text, /Ierakstiet tā cilvēka vārdu/);
    const ru = await postRequest(context, forOtherFields({ subject_knows: 'maybe' }), 'ru').expect(422);
    assert.match(ru.text, /Выберите из предложенных вариантов, знает ли человек и согласен ли\./);
    await nothingWritten();
  });

  it('refuses a request without a parish, or with one that does not exist', async () => {
    const res = await postRequest(context, requestFields({ parish: '' }), 'en').expect(422);
    assertRefused(res.text, 'parish', 'Choose the parish or town.');
    const crafted = await postRequest(context, requestFields({ parish: 'atlantida' }), 'en').expect(422);
    assertRefused(crafted.text, 'parish', 'Choose the parish or town from the list.');
    await nothingWritten();
  });

  it('refuses a request with no way to reach anyone: neither phone nor email, theirs or the person’s', async () => {
    const res = await postRequest(context, requestFields({ phone: '', email: '' }), 'en').expect(422);
    assertRefused(res.text, 'phone', /Give a phone number or an email address/);
    const other = await postRequest(
      context,
      forOtherFields({ phone: '', email: '', subject_email: '', subject_phone: '' }),
      'ru',
    ).expect(422);
    assert.match(other.text, /Укажите номер телефона или адрес электронной почты/);
    await nothingWritten();
    // The person's phone alone is a way to reach someone.
    await askForHelp(
      context,
      forOtherFields({ phone: '', email: '', subject_email: '', subject_phone: '29000003' }),
    );
  });

  it('refuses an email with two addresses, the asker’s or the person’s, and a phone that is not one', async () => {
    const two = await postRequest(
      context,
      requestFields({ email: 'a@example.lv, b@example.lv' }),
      'en',
    ).expect(422);
    assertRefused(two.text, 'email', 'Enter one valid email address, for example name@example.lv.');
    assert.match(two.text, /value="a@example\.lv, b@example\.lv"/);
    const injected = await postRequest(
      context,
      requestFields({ email: 'a@example.lv\r\nBcc: x@example.lv' }),
    ).expect(422);
    assert.match(injected.text, /data-qa="error-email"/);
    const subject = await postRequest(
      context,
      forOtherFields({ subject_email: 'a@example.lv;b@example.lv' }),
      'en',
    ).expect(422);
    assertRefused(subject.text, 'subject_email', 'Enter one valid email address');
    const phone = await postRequest(context, requestFields({ phone: 'zvaniet vakarā' }), 'en').expect(422);
    assertRefused(phone.text, 'phone', /at least 6 digits/);
    await nothingWritten();
  });

  it('says whose phone, email or name is wrong when both the asker’s and the person’s are on the form', async () => {
    const wrong = {
      subject_name: 'e'.repeat(121),
      subject_phone: '12',
      subject_email: 'anna@',
      name: 'c'.repeat(121),
      phone: 'zvaniet',
      email: 'janis@',
    };
    const summary = async (language: string) => {
      const res = await postRequest(context, forOtherFields(wrong), language).expect(422);
      return new Map(
        [...res.text.matchAll(/<a href="#field-([a-z_]+)">([^<]*)<\/a>/g)].map((match) => [
          match[1],
          match[2],
        ]),
      );
    };
    const en = await summary('en');
    assert.equal(
      en.get('subject_phone'),
      'Enter the person’s phone number with at least 6 digits. It can contain only digits, spaces, dots, “+”, “-”, “/” and brackets.',
    );
    assert.equal(
      en.get('subject_email'),
      'Enter one valid email address for the person, for example name@example.lv.',
    );
    assert.equal(
      en.get('subject_name'),
      'The name of the person who needs help can be at most 120 characters long.',
    );
    assert.equal(en.get('name'), 'Your name can be at most 120 characters long.');
    for (const language of ['lv', 'en', 'ru']) {
      const messages = [...(await summary(language)).values()];
      assert.equal(messages.length, 6, language);
      assert.equal(
        new Set(messages).size,
        6,
        `${language}: each message says whose field it is\n${messages.join('\n')}`,
      );
    }
    assert.match((await summary('ru')).get('subject_phone') ?? '', /^Введите номер телефона этого человека/);
    await nothingWritten();
  });

  it('refuses text over its length, field by field, and all of them at once', async () => {
    const long = {
      description: 'a'.repeat(5001),
      location: 'b'.repeat(301),
      name: 'c'.repeat(121),
      times: 'd'.repeat(201),
      subject_name: 'e'.repeat(121),
      phone: '2'.repeat(41),
    };
    const res = await postRequest(context, forOtherFields(long), 'en').expect(422);
    assert.match(res.text, /The description can be at most 5,000 characters long\./);
    assert.match(res.text, /The village or address can be at most 300 characters long\./);
    assert.match(res.text, /data-qa="error-name">[\s\S]*?at most 120 characters/);
    assert.match(res.text, /The time can be at most 200 characters long\./);
    assert.match(res.text, /data-qa="error-subject_name">[\s\S]*?at most 120 characters/);
    assert.match(res.text, /The phone number can be at most 40 characters long\./);
    // In the order of the form.
    const order = [...res.text.matchAll(/<a href="#field-([a-z_]+)">/g)].map((match) => match[1]);
    assert.deepEqual(order, ['subject_name', 'description', 'location', 'times', 'name', 'phone']);
    await nothingWritten();
    // Exactly at the limits is fine.
    await askForHelp(
      context,
      requestFields({ description: 'a'.repeat(5000), location: 'b'.repeat(300), name: 'c'.repeat(120) }),
    );
  });

  it('refuses a name holding a link or a contact: the notice for the person would carry it to any address', async () => {
    // The notice goes at once, unconfirmed, to the address typed for the person, opened by the
    // asker's name: a phishing line there is mailed under the municipality's name to a stranger.
    const phishing = forOtherFields({
      name: 'Swedbank: your account is locked, log in at https://evil.example/x',
      subject_name: 'Anna Liepa www.evil.example',
      subject_email: 'stranger@example.org',
    });
    const en = await postRequest(context, phishing, 'en').expect(422);
    assertRefused(en.text, 'name', 'Write your name without a phone number, email address or link');
    assertRefused(
      en.text,
      'subject_name',
      'Write the name of the person who needs help without a phone number',
    );
    assert.match(en.text, /value="Swedbank: your account is locked, log in at https:\/\/evil\.example\/x"/);
    const lv = await postRequest(context, phishing, 'lv').expect(422);
    assert.match(lv.text, /Ierakstiet savu vārdu bez tālruņa numura, e-pasta adreses vai saites/);
    assert.match(lv.text, /Ierakstiet tā cilvēka vārdu bez tālruņa numura/);
    const ru = await postRequest(context, phishing, 'ru').expect(422);
    assert.match(ru.text, /Напишите своё имя без номера телефона/);
    assert.match(ru.text, /Напишите имя человека, которому нужна помощь, без номера телефона/);
    // A phone or an address written into the name is refused the same way, for oneself too.
    for (const name of ['Jānis, zvaniet 29123456', 'janis.berzins@example.lv']) {
      const res = await postRequest(context, requestFields({ name }), 'en').expect(422);
      assertRefused(res.text, 'name', 'Write your name without a phone number, email address or link');
    }
    await nothingWritten();
    // Names as people write them stay welcome.
    await askForHelp(
      context,
      forOtherFields({ name: 'Dr. Pēteris O’Brien-Laizāns', subject_name: 'Анна Лиепа' }),
    );
  });

  it('stores HTML in every field as typed and shows it escaped, to the asker and on a refused form', async () => {
    const html = '<script>alert(1)</script><b>x</b>';
    const fields = forOtherFields({
      description: `${html}\nlīnija`,
      location: html,
      name: html,
      times: html,
      subject_name: html,
    });
    const refused = await postRequest(context, { ...fields, wants: '' }, 'en').expect(422);
    assert.doesNotMatch(refused.text, /<script>alert|<b>x<\/b>/);
    assert.match(refused.text, /value="&lt;script&gt;alert\(1\)&lt;\/script&gt;&lt;b&gt;x&lt;\/b&gt;"/);
    const { id, ref } = await askForHelp(context, fields);
    const report = await context.services.knex('reports').where({ id }).first();
    assert.equal(report.description, `${html}\nlīnija`);
    assert.equal(report.location, html);
    assert.equal(report.reporter_name, html);
    const help = await context.services.knex('help_requests').where({ report_id: id }).first();
    assert.equal(help.subject_name, html);
    assert.equal(help.times, html);
    const page = await request(context.app)
      .get(`/reports/${ref}?token=${context.services.links.reporterToken(ref)}`)
      .expect(200);
    assert.doesNotMatch(page.text, /<script>alert|<b>x<\/b>/);
    assert.match(page.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    const mails = (await context.services
      .knex('outbox')
      .where({ report_id: id })
      .pluck('html_body')) as string[];
    for (const body of mails) assert.doesNotMatch(body, /<script>alert|<b>x<\/b>/);
  });

  it('refuses choices it does not offer: an unknown kind, category or “for whom”', async () => {
    assertRefused(
      (await postRequest(context, requestFields({ kinds: ['transport', 'teleport'] }), 'en').expect(422))
        .text,
      'kinds',
      'Choose the kind of help from the options shown.',
    );
    assertRefused(
      (await postRequest(context, requestFields({ category: 'roads' }), 'en').expect(422)).text,
      'category',
      'Choose what your request is about from the list.',
    );
    assertRefused(
      (await postRequest(context, requestFields({ for_whom: 'everyone' }), 'en').expect(422)).text,
      'for_whom',
      'Choose who the help is for from the options shown.',
    );
    assertRefused(
      (await postRequest(context, requestFields({ description: '   ' }), 'en').expect(422)).text,
      'description',
      'Tell us what help is needed.',
    );
    await nothingWritten();
  });

  it('refuses a post from another site', async () => {
    await request(context.app)
      .post('/help/request')
      .set('Sec-Fetch-Site', 'cross-site')
      .type('form')
      .send(requestFields())
      .expect(403);
    await nothingWritten();
  });

  it('limits requests from one address to five an hour, with the form kept; mistakes do not count', async () => {
    // Without JavaScript each correction is a whole post: a resident's mistakes never lock them out.
    for (let i = 0; i < 6; i++) await postRequest(context, requestFields({ phone: '12' })).expect(422);
    for (let i = 0; i < 5; i++) await askForHelp(context, requestFields({ phone: `2000 00${10 + i}` }));
    const res = await postRequest(context, requestFields({ phone: '2000 0099' }), 'en').expect(429);
    assert.match(res.text, /Too many requests have been sent from your internet connection in the last hour/);
    assert.match(res.text, /value="2000 0099"/);
    assert.equal(await count(context.services.knex, 'reports'), 5);
    now = new Date(now.getTime() + HOUR + 1000);
    await askForHelp(context, requestFields({ phone: '2000 0099' }));
  });

  it('counts an attempt refused for its contact toward no limit of the connection', async () => {
    // A social office sends for several residents from one address: one resident over their limit
    // of three a day must not use up what the others may still send.
    for (const i of [0, 1, 2])
      await askForHelp(context, requestFields({ phone: '2000 0001', description: `Vajag malku (${i}).` }));
    await askForHelp(context, requestFields({ phone: '2000 0002' }));
    await postRequest(context, requestFields({ phone: '2000 0001', description: 'Vajag malku (3).' }), 'en')
      .expect(429)
      .expect(/Three requests have already been sent with this phone number/);
    await askForHelp(context, requestFields({ phone: '2000 0003' }));
    assert.equal(await count(context.services.knex, 'reports'), 5);
    // The fifth one taken fills the connection's hour: the next waits for the hour to pass.
    const res = await postRequest(context, requestFields({ phone: '2000 0004' }), 'en').expect(429);
    assert.match(res.text, /from your internet connection in the last hour/);
    now = new Date(now.getTime() + HOUR + 1000);
    await askForHelp(context, requestFields({ phone: '2000 0004' }));
  });

  it('limits requests naming one phone or email to three a day, however the number is written', async () => {
    // Three different requests (the same words again would be one sent twice: help-requests-resend).
    for (const [i, phone] of ['+371 2000 0001', '20000001', '2000-0001'].entries())
      await askForHelp(context, requestFields({ phone, description: `Vajag sagādāt malku ziemai (${i}).` }));
    now = new Date(now.getTime() + 2 * HOUR);
    const res = await postRequest(context, requestFields({ phone: '(+371) 2000 0001' }), 'ru').expect(429);
    assert.match(res.text, /сегодня уже отправлено три просьбы/);
    // The person's contact counts too: nobody is flooded with art. 14 emails.
    for (let i = 0; i < 3; i++)
      await askForHelp(
        context,
        forOtherFields({ email: `asker${i}@example.lv`, subject_email: 'Vera@example.lv' }),
      );
    now = new Date(now.getTime() + 2 * HOUR);
    await postRequest(
      context,
      forOtherFields({ email: 'asker9@example.lv', subject_email: 'vera@example.lv' }),
    ).expect(429);
    assert.equal(await count(context.services.knex, 'outbox', { kind: 'help-request-subject' }), 3);
    now = new Date(now.getTime() + 24 * HOUR);
    await askForHelp(context, requestFields({ phone: '20000001' }));
  });
});
