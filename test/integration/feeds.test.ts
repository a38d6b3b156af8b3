import assert from 'node:assert/strict';
import { parseFeed } from '@rowanmanning/feed-parser';
import request from 'supertest';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { hideReport, makeReport, moveReport } from '../support/reports.js';

const PERSON = { name: 'Ilga Lasītāja', email: 'ilga.lasitaja@example.org', phone: '+371 26444444' };

describe('Atom and RSS feeds of reports', () => {
  let context: TestContext;
  let kaunata: Report;
  let hiddenUpdateReport: Report;

  before(async () => {
    context = await makeApp();
    const { services } = context;
    kaunata = (
      await makeReport(services, { ...PERSON, title: '<script>alert(1)</script> Bedre', parish: 'kaunatas' })
    ).report;
    await moveReport(services, kaunata, 'in_progress', {
      text: 'Darbi sāksies pirmdien.',
      role: 'parish_admin',
    });
    await makeReport(services, { ...PERSON, title: 'Lampa Maltā', parish: 'maltas' });
    await makeReport(services, { ...PERSON, title: 'Privāts lūgums', category: 'elderly-help' });
    await makeReport(services, { ...PERSON, title: 'Neapstiprināts', confirmed: false });
    await hideReport(
      services,
      (await makeReport(services, { ...PERSON, title: 'Paslēpts ziņojums' })).report,
    );
    hiddenUpdateReport = (await makeReport(services, { ...PERSON, title: 'Ar paslēptu atbildi' })).report;
    await moveReport(services, hiddenUpdateReport, 'acknowledged', {
      text: 'Rupja atbilde',
      role: 'parish_admin',
    });
    await services
      .knex('report_updates')
      .where({ public_text: 'Rupja atbilde' })
      .update({ hidden_at: new Date() });
  });

  const feed = async (path: string, type: RegExp) => {
    const res = await request(context.app).get(path).expect(200);
    assert.match(res.headers['content-type']!, type);
    return { parsed: parseFeed(res.text), text: res.text };
  };
  const SECRETS = ['Lasītāja', 'ilga.lasitaja', '26444444', 'Privāts', 'Neapstiprināts', 'Paslēpts', 'Rupja'];

  it('has every public report and answer, newest first, and nothing private, hidden or unconfirmed', async () => {
    const { parsed, text } = await feed('/feeds/reports.atom?lang=en', /^application\/atom\+xml/);
    assert.equal(parsed.meta.type, 'atom');
    assert.equal(parsed.title, 'Tilts: reports in Rēzekne Municipality');
    const titles = parsed.items.map((item) => item.title ?? '');
    assert.ok(
      titles.some((title) => /Answered \(In progress\): <script>alert\(1\)<\/script> Bedre/.test(title)),
    );
    assert.ok(titles.some((title) => /New report: Lampa Maltā/.test(title)));
    assert.ok(
      titles.some((title) => /New report: Ar paslēptu atbildi/.test(title)),
      'the report stays, its hidden answer goes',
    );
    assert.equal(titles.length, 4, titles.join('\n'));
    const times = parsed.items.map((item) => (item.updated ?? item.published)!.getTime());
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
      'newest first',
    );
    const answer = parsed.items.find((item) => /Answered/.test(item.title ?? ''))!;
    assert.equal(answer.content, '<p>Darbi sāksies pirmdien.</p>');
    assert.match(answer.url ?? '', new RegExp(`^http://tilts\\.test/reports/${kaunata.ref}\\?lang=en$`));
    // The resident's markup is text in the feed, never markup.
    assert.doesNotMatch(text, /<script>/);
    for (const secret of SECRETS) assert.ok(!text.includes(secret), secret);
  });

  it('follows a parish, an apvienība or a category, as RSS too, and refuses one that does not exist', async () => {
    const malta = await feed('/feeds/reports.rss?parish=maltas&lang=lv', /^application\/rss\+xml/);
    assert.equal(malta.parsed.meta.type, 'rss');
    assert.equal(malta.parsed.title, 'Tilts: Maltas pagasts');
    assert.deepEqual(
      malta.parsed.items.map((item) => item.title),
      [
        `${(await context.services.knex('reports').where({ title: 'Lampa Maltā' }).first()).ref} · Jauns ziņojums: Lampa Maltā`,
      ],
    );
    const apvieniba = await feed('/feeds/reports.atom?apvieniba=kaunatas&category=roads', /atom/);
    assert.ok(apvieniba.parsed.items.every((item) => !/Lampa Maltā/.test(item.title ?? '')));
    for (const bad of ['?parish=nope', '?apvieniba=%3Cb%3E', '?category=elderly-help'])
      await request(context.app).get(`/feeds/reports.atom${bad}`).expect(404);
  });

  it('names its author, as Atom requires, and its own address with the reader’s language', async () => {
    const atom = (await request(context.app).get('/feeds/reports.atom?parish=maltas&lang=en').expect(200))
      .text;
    assert.match(atom, /<author>\s*<name>Rēzekne Municipality, the Tilts portal<\/name>/);
    assert.match(
      atom,
      /<link rel="self" href="http:\/\/tilts\.test\/feeds\/reports\.atom\?parish=maltas&amp;lang=en"/,
    );
    const rss = (await request(context.app).get('/feeds/reports.rss?lang=ru').expect(200)).text;
    assert.match(rss, /<atom:link href="http:\/\/tilts\.test\/feeds\/reports\.rss\?lang=ru" rel="self"/);
  });

  it('names its language in Atom as in RSS, so the words marked as another language have one to differ from', async () => {
    for (const language of ['lv', 'en', 'ru']) {
      const atom = (await request(context.app).get(`/feeds/reports.atom?lang=${language}`).expect(200)).text;
      assert.match(
        atom,
        new RegExp(
          `^<\\?xml[^>]*\\?>\\s*<feed xml:lang="${language}" xmlns="http://www\\.w3\\.org/2005/Atom">`,
        ),
      );
      const one = (
        await request(context.app).get(`/reports/${kaunata.ref}/feed.atom?lang=${language}`).expect(200)
      ).text;
      assert.match(one, new RegExp(`<feed [^>]*xml:lang="${language}"`));
      const rss = (await request(context.app).get(`/feeds/reports.rss?lang=${language}`).expect(200)).text;
      assert.match(rss, new RegExp(`<language>${language}</language>`));
    }
  });

  it('follows one public report; a private or unknown one has no feed', async () => {
    const { parsed, text } = await feed(`/reports/${kaunata.ref}/feed.atom?lang=ru`, /atom/);
    assert.equal(parsed.items.length, 2);
    assert.ok(!text.includes('Lampa'));
    const privateRef = (await context.services.knex('reports').where({ title: 'Privāts lūgums' }).first())
      .ref;
    await request(context.app).get(`/reports/${privateRef}/feed.atom`).expect(404);
    // A banned sender's report, held for staff, has no feed either: it is never published.
    const held = (await makeReport(context.services, { title: 'Aizturēts' })).report;
    await context.services.knex('reports').where({ id: held.id }).update({ held_at: new Date() });
    for (const format of ['atom', 'rss'])
      await request(context.app).get(`/reports/${held.ref}/feed.${format}`).expect(404);
    await request(context.app).get('/reports/RZN-2026-99999/feed.rss').expect(404);
    await request(context.app).get('/reports/nonsense/feed.rss').expect(404);
  });

  it('is linked from the list, with its place, and from a public report’s page', async () => {
    const list = await request(context.app).get('/reports?parish=maltas&q=lampa&lang=en').expect(200);
    assert.match(list.text, /href="\/feeds\/reports\.atom\?parish=maltas&amp;lang=en"/);
    const parish = await request(context.app).get('/parishes/kaunatas?lang=ru').expect(200);
    assert.match(parish.text, /href="\/feeds\/reports\.rss\?parish=kaunatas&amp;lang=ru"/);
    const apvieniba = await request(context.app).get('/apvienibas/maltas').expect(200);
    assert.match(apvieniba.text, /href="\/feeds\/reports\.atom\?apvieniba=maltas&amp;lang=lv"/);
    const page = await request(context.app).get(`/reports/${kaunata.ref}`).expect(200);
    assert.match(page.text, new RegExp(`href="/reports/${kaunata.ref}/feed\\.rss\\?lang=lv"`));
  });
});

describe('feed entries of a change without words, and a report’s own feed', () => {
  let context: TestContext;
  let report: Report;

  before(async () => {
    context = await makeApp();
    report = (await makeReport(context.services, { title: 'Bedre pie skolas', parish: 'kaunatas' })).report;
    await moveReport(context.services, report, 'in_progress', { role: 'parish_admin' });
  });

  const changeOf = async (path: string) => {
    const res = await request(context.app).get(path).expect(200);
    const parsed = parseFeed(res.text);
    return { parsed, change: parsed.items.find((item) => item.title?.includes(' (')) };
  };

  it('says the change in words, as the report’s timeline does, in each language', async () => {
    const expected = {
      lv: '<p>Statuss mainīts no „Atvērts” uz „Procesā”</p>',
      en: '<p>Status changed from “Open” to “In progress”</p>',
      ru: '<p>Статус изменён с «Открыто» на «В работе»</p>',
    };
    for (const [language, content] of Object.entries(expected)) {
      for (const path of [
        `/feeds/reports.atom?lang=${language}`,
        `/reports/${report.ref}/feed.atom?lang=${language}`,
      ]) {
        const { change } = await changeOf(path);
        assert.equal(change?.content, content, path);
      }
      // The same words the report's page shows in its timeline.
      const page = await request(context.app).get(`/reports/${report.ref}?lang=${language}`).expect(200);
      const words = content.slice(3, -4).replace(/[“”„«»]/g, '');
      assert.ok(page.text.replace(/&[^;]+;|[“”„«»]/g, '').includes(words), `${language}: ${words}`);
    }
  });

  it('describes a report’s feed as that report’s, not as the whole list', async () => {
    const expected = {
      lv: `Ziņojums ${report.ref}, atbildes uz to un tā statusa maiņa, tiklīdz tās publicētas Tiltā.`,
      en: `Report ${report.ref}, the answers to it and the changes of its status, as they are published on Tilts.`,
      ru: `Сообщение ${report.ref}, ответы на него и изменения его статуса, как только они опубликованы в Tilts.`,
    };
    for (const [language, description] of Object.entries(expected)) {
      for (const format of ['atom', 'rss']) {
        const { parsed } = await changeOf(`/reports/${report.ref}/feed.${format}?lang=${language}`);
        assert.equal(parsed.description, description, `${format} ${language}`);
      }
      const list = await changeOf(`/feeds/reports.atom?lang=${language}`);
      assert.notEqual(list.parsed.description, description);
    }
  });
});

describe('a feed entry of the reporter’s own comment', () => {
  it('says the report was updated, not answered, in each language; a parish’s answer is answered', async () => {
    const context = await makeApp();
    const { report } = await makeReport(context.services, { title: 'Bedre pie skolas', parish: 'kaunatas' });
    const token = new URL(context.services.links.reporterPage(report.ref)).searchParams.get('token')!;
    await request(context.app)
      .post(`/reports/${report.ref}/actions`)
      .field('token', token)
      .field('action', 'comment')
      .field('text', 'Bedre kļuvusi vēl dziļāka.')
      .expect(303);
    await moveReport(context.services, report, 'in_progress', {
      text: 'Darbi sāksies pirmdien.',
      role: 'parish_admin',
    });
    const titles = async (path: string) => {
      const res = await request(context.app).get(path).expect(200);
      return parseFeed(res.text).items.map((item) => `${item.title ?? ''} | ${item.content ?? ''}`);
    };
    const expected: Record<string, [RegExp, RegExp]> = {
      en: [
        / · Updated: Bedre pie skolas \| <p[^>]*>Bedre kļuvusi/,
        / · Answered \(In progress\): Bedre pie skolas \| <p[^>]*>Darbi/,
      ],
      lv: [
        / · Papildināts: Bedre pie skolas \| <p[^>]*>Bedre kļuvusi/,
        / · Atbildēts \(Procesā\): Bedre pie skolas \| <p[^>]*>Darbi/,
      ],
      ru: [
        / · Дополнено: Bedre pie skolas \| <p[^>]*>Bedre kļuvusi/,
        / · Ответ \(В работе\): Bedre pie skolas \| <p[^>]*>Darbi/,
      ],
    };
    for (const [lang, [comment, answer]] of Object.entries(expected)) {
      for (const path of [
        `/feeds/reports.atom?lang=${lang}`,
        `/reports/${report.ref}/feed.rss?lang=${lang}`,
      ]) {
        const entries = await titles(path);
        assert.ok(
          entries.some((entry) => comment.test(entry)),
          `${path}\n${entries.join('\n')}`,
        );
        assert.ok(
          entries.some((entry) => answer.test(entry)),
          `${path}\n${entries.join('\n')}`,
        );
      }
    }
  });
});
