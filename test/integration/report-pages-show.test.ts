import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { hideReport, makeReport, moveReport, type MadeReport } from '../support/reports.js';
import { publicAnswer } from './alerts-helpers.js';

const EMAIL = 'slepena.persona@example.lv';
const PHONE = '+371 29 123 456';

describe("a report's page", () => {
  let context: TestContext;
  let pothole: MadeReport;
  let anonymous: MadeReport;

  before(async () => {
    context = await makeApp();
    const { services } = context;
    pothole = await makeReport(services, {
      title: 'Bedre <b>pie</b> <script>alert("x")</script> skolas',
      description: 'Pirmā rinda.\nOtrā rinda <img src=x onerror=alert(1)>',
      location: 'Skolas iela 1, Kaunata',
      lat: 56.3391,
      lon: 27.5467,
      name: 'Anna Ozola',
      showName: true,
      email: EMAIL,
      phone: PHONE,
      photos: 2,
    });
    await moveReport(services, pothole.report, 'acknowledged', {
      role: 'parish_admin',
      text: 'Paldies, apskatīsim.',
    });
    await moveReport(services, pothole.report, 'in_progress', {
      role: 'social_worker',
      text: 'Sazinājāmies ar ceļu dienestu.',
    });
    anonymous = await makeReport(services, {
      name: 'Pēteris Slēptais',
      showName: false,
      email: EMAIL,
      phone: PHONE,
    });
  });

  it('shows the reference, category, parish, place with a map link, description and status', async () => {
    const res = await request(context.app).get(`/reports/${pothole.report.ref}`).expect(200);
    assert.match(res.text, new RegExp(`data-qa="ref">${pothole.report.ref}<`));
    assert.match(res.text, /data-qa="category">Ceļi un ietves</);
    assert.match(res.text, /data-qa="parish">Kaunatas pagasts</);
    assert.match(res.text, /Skolas iela 1, Kaunata/);
    assert.match(
      res.text,
      /href="https:\/\/www\.openstreetmap\.org\/\?mlat=56\.3391&amp;mlon=27\.5467#map=17\/56\.3391\/27\.5467"/,
    );
    assert.match(
      res.text,
      /data-status="in_progress"><span class="visually-hidden">Statuss: <\/span>Procesā</,
    );
    assert.match(res.text, /data-qa="reporter-name">Anna Ozola</);
    assert.equal(res.headers['cache-control'], undefined);
  });

  it('shows HTML in the title and description as text, keeping line breaks without markup', async () => {
    const res = await request(context.app).get(`/reports/${pothole.report.ref}`).expect(200);
    assert.match(
      res.text,
      /Bedre &lt;b&gt;pie&lt;\/b&gt; &lt;script&gt;alert\(&#34;x&#34;\)&lt;\/script&gt; skolas/,
    );
    assert.doesNotMatch(res.text, /<script>alert/);
    assert.doesNotMatch(res.text, /<img src=x/);
    assert.match(
      res.text,
      // Words this full of markup may be told as another language: its `lang` is not the point here.
      /data-qa="description"(?: lang="[a-z]{2}")?>Pirmā rinda\.\nOtrā rinda &lt;img src=x onerror=alert\(1\)&gt;<\/p>/,
    );
    const list = await request(context.app).get('/reports').expect(200);
    assert.doesNotMatch(list.text, /<script>alert|<b>pie<\/b>/);
  });

  it('shows photos as thumbnails that link to the full photo', async () => {
    const res = await request(context.app).get(`/reports/${pothole.report.ref}`).expect(200);
    for (const key of pothole.photoKeys) {
      assert.match(
        res.text,
        new RegExp(
          `<a href="/photos/${key}">\\s*<img src="/photos/${key}/thumb" alt="Fotogrāfija \\d no 2 — atvērt pilnā izmērā"`,
        ),
      );
    }
  });

  it('shows the timeline: when, who, the status change in words and the public text', async () => {
    const res = await request(context.app).get(`/reports/${pothole.report.ref}`).expect(200);
    const whos = [...res.text.matchAll(/data-qa="timeline-who">([^<]+)</g)].map((match) => match[1]);
    assert.deepEqual(whos, [
      'Ziņotājs · Anna Ozola',
      'Pagasta pārvalde · Kaunatas pagasta pārvalde',
      'Sociālais darbinieks',
    ]);
    const changes = [...res.text.matchAll(/data-qa="timeline-change">([^<]+)</g)].map((match) => match[1]);
    assert.deepEqual(changes, [
      'Ziņojums apstiprināts un nosūtīts atbildīgajiem',
      'Statuss mainīts no „Atvērts” uz „Saņemts”',
      'Statuss mainīts no „Saņemts” uz „Procesā”',
    ]);
    assert.match(res.text, /data-qa="timeline-text">Paldies, apskatīsim\.</);
    assert.match(
      res.text,
      /<time datetime="\d{4}-\d\d-\d\dT[\d:.]+Z">\d{4}\. gada \d+\. \S+ \d\d:\d\d<\/time>/,
    );
    const en = await request(context.app).get(`/reports/${pothole.report.ref}?lang=en`).expect(200);
    assert.match(en.text, /Status changed from “Open” to “Received”/);
    assert.match(en.text, /data-qa="timeline-who">Parish administration/);
    const ru = await request(context.app).get(`/reports/${pothole.report.ref}?lang=ru`).expect(200);
    assert.match(ru.text, /Статус изменён с «Открыто» на «Получено»/);
    assert.match(ru.text, /data-qa="timeline-who">Социальный работник</);
    // The parish's official name is Latvian: marked so on a Russian page.
    assert.match(
      ru.text,
      /data-qa="timeline-who">Управление волости · <span lang="lv">Kaunatas pagasta pārvalde<\/span></,
    );
  });

  it('says in the timeline why the report was closed, on the change that closed it', async () => {
    const { services, app } = context;
    const { report } = await makeReport(services, { title: 'Jau ziņots' });
    await publicAnswer(services, report, 'Jau ziņots.', { toStatus: 'closed', closeReason: 'duplicate' });
    await publicAnswer(services, report, 'Atvērts no jauna.', { toStatus: 'open' });
    await publicAnswer(services, report, 'Tomēr dublikāts.', {
      toStatus: 'closed',
      closeReason: 'duplicate',
    });
    const res = await request(app).get(`/reports/${report.ref}?lang=en`).expect(200);
    const changes = [...res.text.matchAll(/data-qa="timeline-change">([^<]+)</g)].map((match) => match[1]);
    // Only the last closing has a known reason: the first one's may have been another.
    assert.deepEqual(changes.slice(-3), [
      'Status changed from “Open” to “Closed”',
      'Status changed from “Closed” to “Open”',
      'Status changed from “Open” to “Closed (Duplicate)”',
    ]);
  });

  it("hides the reporter's name unless they chose to show it, on the page and in the timeline", async () => {
    const res = await request(context.app).get(`/reports/${anonymous.report.ref}`).expect(200);
    assert.doesNotMatch(res.text, /Pēteris|Slēptais/);
    assert.doesNotMatch(res.text, /data-qa="reporter-name"/);
    assert.match(res.text, /data-qa="timeline-who">Ziņotājs</);
  });

  it('never shows an email address or phone number, in any language, to anyone', async () => {
    const pages = [
      '/reports',
      '/reports?q=bedre',
      `/reports/${pothole.report.ref}`,
      `/reports/${anonymous.report.ref}`,
      `/reports/${pothole.report.ref}?token=${pothole.token}`,
      `/reports/${anonymous.report.ref}?token=${anonymous.token}`,
    ];
    for (const path of pages) {
      for (const lang of ['lv', 'en', 'ru']) {
        const res = await request(context.app)
          .get(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`)
          .expect(200);
        assert.ok(
          !res.text.includes(EMAIL) && !res.text.includes('slepena.persona'),
          `${path} shows the email`,
        );
        assert.ok(!res.text.includes(PHONE) && !res.text.includes('123 456'), `${path} shows the phone`);
      }
    }
  });

  it('accepts the reference in any case and sends the visitor to its one address', async () => {
    const res = await request(context.app)
      .get(`/reports/${pothole.report.ref.toLowerCase()}?lang=en`)
      .expect(301);
    assert.equal(res.headers.location, `/reports/${pothole.report.ref}?lang=en`);
  });

  it('takes the number without its zeros, as the search does, to the same one address', async () => {
    const { ref } = pothole.report;
    const short = ref.replace(/-0+(\d)/, '-$1');
    assert.notEqual(short, ref);
    const res = await request(context.app).get(`/reports/${short.toLowerCase()}?lang=ru&x=a%26b`).expect(301);
    assert.equal(res.headers.location, `/reports/${ref}?lang=ru&x=a%26b`);
    await request(context.app).get(res.headers.location).expect(200);
  });

  it('answers an unknown or malformed reference with a translated 404 page', async () => {
    const unknown = await request(context.app).get('/reports/RZN-2026-99999').expect(404);
    assert.match(unknown.text, /Lapa nav atrasta/);
    const malformed = await request(context.app).get('/reports/%3Cscript%3E?lang=ru').expect(404);
    assert.match(malformed.text, /Страница не найдена/);
  });
});

describe('a report only its reporter may see', () => {
  let context: TestContext;

  before(async () => {
    context = await makeApp();
  });

  it('is a 404 for a private category, but shown to the reporter with a clear notice and no caching', async () => {
    const made = await makeReport(context.services, {
      category: 'elderly-help',
      title: 'Kaimiņienei vajag malku',
      photos: 1,
    });
    const anyone = await request(context.app).get(`/reports/${made.report.ref}`).expect(404);
    assert.doesNotMatch(anyone.text, /malku/);
    const reporter = await request(context.app)
      .get(`/reports/${made.report.ref}?token=${made.token}`)
      .expect(200);
    assert.match(reporter.text, /Šo lapu redzat tikai jūs/);
    assert.match(
      reporter.text,
      // A help category's report is a request for help: its page says so.
      /Jūsu lūgums ir privāts: to redz tikai jūs, sociālais darbinieks un pašvaldības administratori\./,
    );
    assert.match(reporter.text, /Kaimiņienei vajag malku/);
    assert.equal(reporter.headers['cache-control'], 'no-store');
    assert.equal(reporter.headers['x-robots-tag'], 'noindex');
    assert.equal(reporter.headers['referrer-policy'], 'no-referrer');
    // Their own photos load too: the URLs carry a signature.
    const key = made.photoKeys[0]!;
    assert.match(
      reporter.text,
      new RegExp(`src="/photos/${key}/thumb\\?sig=${context.services.links.photoSignature(key)}"`),
    );
  });

  it('is a 404 with a forged, foreign or empty token', async () => {
    const made = await makeReport(context.services, { category: 'elderly-help' });
    const other = await makeReport(context.services, { category: 'elderly-help' });
    for (const token of ['x'.repeat(32), other.token, '', made.token.slice(0, 31)]) {
      await request(context.app).get(`/reports/${made.report.ref}?token=${token}`).expect(404);
    }
  });

  it('is a 404 while unconfirmed; the reporter sees it with a reminder and no actions', async () => {
    const made = await makeReport(context.services, { confirmed: false });
    await request(context.app).get(`/reports/${made.report.ref}`).expect(404);
    const reporter = await request(context.app)
      .get(`/reports/${made.report.ref}?token=${made.token}`)
      .expect(200);
    assert.match(reporter.text, /Ziņojums vēl nav apstiprināts/);
    assert.doesNotMatch(reporter.text, /data-qa="action-form"/);
  });

  it('is a 404 when hidden by a moderator', async () => {
    const made = await makeReport(context.services);
    await hideReport(context.services, made.report);
    await request(context.app).get(`/reports/${made.report.ref}`).expect(404);
  });

  it("offers the public page's address on a public report's private page", async () => {
    const made = await makeReport(context.services);
    const res = await request(context.app)
      .get(`/reports/${made.report.ref}?token=${made.token}&lang=en`)
      .expect(200);
    assert.match(
      res.text,
      new RegExp(
        `<a href="/reports/${made.report.ref}\\?lang=en" data-qa="public-link">open the public page</a>`,
      ),
    );
    // The language switcher keeps the token, so the reporter stays on their page.
    assert.match(
      res.text,
      new RegExp(`href="/reports/${made.report.ref}\\?token=${made.token}&amp;lang=ru"`),
    );
  });
});
