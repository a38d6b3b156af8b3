import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';

const count = (html: string, pattern: RegExp) => (html.match(pattern) ?? []).length;

describe('the home page', () => {
  let context: TestContext;
  before(async () => {
    context = await makeApp();
  });

  it('is in Latvian by default and lists all 29 places under their five apvienības', async () => {
    const res = await request(context.app).get('/').expect(200).expect('Content-Type', /html/);
    assert.match(res.text, /<html lang="lv">/);
    assert.equal(count(res.text, /data-qa="apvieniba"/g), 5);
    assert.equal(count(res.text, /data-qa="parish"/g), 29);
    assert.match(res.text, /Dricānu apvienība/);
    assert.match(res.text, /Viļānu pilsēta/);
    assert.match(res.text, /Čornajas pagasts/);
    assert.match(res.text, /Ceļi un ietves/);
    assert.match(res.text, /Tilts apkalpo 29 vietas/);
  });

  it('switches to English with ?lang=en and remembers the choice in a cookie', async () => {
    const agent = request.agent(context.app);
    const first = await agent.get('/?lang=en').expect(200);
    assert.match(first.text, /<html lang="en">/);
    assert.match(first.text, /Audriņi parish/);
    assert.match(String(first.headers['set-cookie']), /lang=en/);
    const second = await agent.get('/').expect(200);
    assert.match(second.text, /<html lang="en">/);
  });

  it('serves Russian with ?lang=ru and its plural forms', async () => {
    const res = await request(context.app).get('/?lang=ru').expect(200);
    assert.match(res.text, /<html lang="ru">/);
    assert.match(res.text, /волость Аудрини/);
    assert.match(res.text, /29 территорий/);
    assert.match(res.text, /Дороги и тротуары/);
  });

  it('ignores a language it does not know and stays in Latvian', async () => {
    const res = await request(context.app).get('/?lang=de').expect(200);
    assert.match(res.text, /<html lang="lv">/);
    assert.equal(res.headers['set-cookie'], undefined);
  });

  it('keeps the other query parameters in the language switcher links', async () => {
    const res = await request(context.app).get('/privacy?x=1').expect(200);
    assert.match(res.text, /href="\/privacy\?x=1&amp;lang=en"/);
  });

  it('states in the privacy notice the retention periods this installation is set to', async () => {
    const res = await request(context.app).get('/privacy?lang=en').expect(200);
    assert.match(res.text, /the email as received is kept unchanged for 90 days/);
    assert.match(res.text, /The text of the emails we send is kept for 90 days/);
    assert.match(res.text, /are deleted after 24 hours/);
    assert.match(
      res.text,
      /1,095 days after a report is resolved or closed, the name, email address and phone number/,
    );
    // What offering and asking for help store, and who sees it, is said too.
    assert.match(res.text, /When you offer help: your name/);
    assert.match(res.text, /When you ask for someone else: their name/);
    assert.match(res.text, /only after both have agreed/);
    assert.match(res.text, /ask for it to be corrected or erased, ask us to restrict its use, and object/);
    const short = await makeApp({
      INBOUND_RETENTION_DAYS: '21',
      RATE_LIMIT_RETENTION_HOURS: '1',
      REPORT_RETENTION_DAYS: '731',
    });
    const lv = await request(short.app).get('/privacy?lang=lv').expect(200);
    assert.match(lv.text, /tiek glabāta nemainīta 21 dienu/);
    assert.match(lv.text, /tiek dzēstas pēc 1 stundas/);
    assert.match(lv.text, /731 dienu pēc tam, kad ziņojums atrisināts vai slēgts/);
    const ru = await request(short.app).get('/privacy?lang=ru').expect(200);
    assert.match(ru.text, /хранится без изменений 21 день/);
    assert.match(ru.text, /Через 731 день после того как сообщение решено или закрыто/);
  });

  it('creates no cookie and no session for a visitor who only reads', async () => {
    for (const path of ['/', '/accessibility', '/privacy', '/healthz']) {
      const res = await request(context.app).get(path).expect(200);
      assert.equal(res.headers['set-cookie'], undefined, path);
    }
  });

  it('sends a strict Content-Security-Policy (scripts only from our own files) and no Referer', async () => {
    const a = await request(context.app).get('/').expect(200);
    const csp = String(a.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|nonce-/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(a.headers['referrer-policy'], 'no-referrer');
    assert.equal(a.headers['x-powered-by'], undefined);
  });

  it('has a skip link to the main content and links to the accessibility and privacy pages', async () => {
    const res = await request(context.app).get('/').expect(200);
    assert.match(res.text, /<a class="skip-link" href="#main">Pāriet uz saturu<\/a>/);
    assert.match(res.text, /<main id="main"/);
    assert.match(res.text, /href="\/accessibility"/);
    assert.match(res.text, /href="\/privacy"/);
  });
});

describe('the information pages', () => {
  let context: TestContext;
  before(async () => {
    context = await makeApp();
  });

  it('shows the accessibility statement in each language, naming MK regulation No. 445', async () => {
    const lv = await request(context.app).get('/accessibility').expect(200);
    assert.match(lv.text, /Paziņojums par piekļūstamību/);
    assert.match(lv.text, /Nr\. 445/);
    const en = await request(context.app).get('/accessibility?lang=en').expect(200);
    assert.match(en.text, /Accessibility statement/);
    const ru = await request(context.app).get('/accessibility?lang=ru').expect(200);
    assert.match(ru.text, /Заявление о доступности/);
  });

  it('shows the privacy notice with who sees what and for how long', async () => {
    const res = await request(context.app).get('/privacy?lang=en').expect(200);
    assert.match(res.text, /Privacy notice/);
    assert.match(res.text, /14 days/);
    assert.match(res.text, /never shown publicly/);
    assert.match(res.text, new RegExp(context.config.contactEmail));
  });

  it('names in each language the processors the data passes through: mail, hosting and backups', async () => {
    const words = {
      lv: [
        /e-pasta pakalpojums, caur kuru iet mūsu e-pasti un atbildes uz tiem/,
        /fotogrāfijas un rezerves kopijas/,
      ],
      en: [
        /the email service through which our emails and the answers to them pass/,
        /its photos and its backups/,
      ],
      ru: [
        /почтовая служба, через которую проходят наши письма и ответы на них/,
        /фотографии и резервные копии/,
      ],
    };
    for (const [language, patterns] of Object.entries(words)) {
      const res = await request(context.app).get(`/privacy?lang=${language}`).expect(200);
      for (const pattern of patterns) assert.match(res.text, pattern, language);
    }
  });
});

describe('errors', () => {
  it('answers an unknown page with a translated 404 page', async () => {
    const { app } = await makeApp();
    const lv = await request(app).get('/nav-tadas-lapas').expect(404);
    assert.match(lv.text, /Lapa nav atrasta/);
    const ru = await request(app).get('/nav-tadas-lapas?lang=ru').expect(404);
    assert.match(ru.text, /Страница не найдена/);
  });
});
