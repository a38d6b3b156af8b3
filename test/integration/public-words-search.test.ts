import assert from 'node:assert/strict';
import request from 'supertest';
import * as searchDeclinedNames from '../../migrations/20261222010000_search_declined_names.js';
import * as searchLookalikes from '../../migrations/20261223010000_search_lookalikes.js';
import * as searchNamesInEitherAlphabet from '../../migrations/20261226010000_search_names_in_either_alphabet.js';
import * as searchNamesAsTyped from '../../migrations/20270103010000_search_names_as_typed.js';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';

/** What a public surface answers to a search for `q`. */
async function found(context: TestContext, q: string, path = '/reports'): Promise<string> {
  return (await request(context.app).get(path).query({ q }).expect(200)).text;
}

describe('the public search reads the words as the public does: a contact typed into a report finds nothing', () => {
  let context: TestContext;
  let ref: string;
  before(async () => {
    context = await makeApp();
    const { report, token } = await makeReport(context.services, {
      title: 'Nolūzis sols, zvaniet 29 123 456',
      description:
        'Sols pie estrādes. Rakstiet ilze@example.net vai jautājiet Ilzei. Ilze Kalniņa, Ilzes Kalniņas māja',
      location: 'Parka iela 7',
      name: 'Ilze Kalniņa',
      email: 'ilze.k@example.lv',
      phone: '+371 29123456',
    });
    ref = report.ref;
    await request(context.app)
      .post(`/reports/${ref}/actions`)
      .type('form')
      .send({ token, action: 'comment', text: 'Vēl stāv salauzts. Mans otrs numurs 26 555 777.' })
      .expect(303);
  });

  it('finds the report by its other words, and not by a number, an address or the name typed into it', async () => {
    assert.match(await found(context, 'nolūzis sols'), new RegExp(ref), 'its own words find it');
    assert.match(await found(context, 'salauzts'), new RegExp(ref), 'its comment’s words find it');
    for (const q of [
      '29123456',
      '29 123 456',
      '123 456',
      'ilze@example',
      'example.net',
      'Ilze Kalniņa',
      'Ilzes Kalniņas',
      '555 777',
    ])
      assert.doesNotMatch(await found(context, q), new RegExp(ref), `"${q}" must not find it`);
    // Every surface that takes the list's words reads the same words (the feeds take none).
    for (const path of ['/map', '/map/reports.geojson', '/open-data/reports.csv'])
      assert.doesNotMatch(await found(context, '29123456', path), new RegExp(ref), path);
    assert.match(
      await found(context, 'sols', '/open-data/reports.csv'),
      new RegExp(ref),
      'open data finds it',
    );
  });

  it('writes the words of rows written without them (the demo, older rows, an erasure), locked and once', async () => {
    const { knex, searchWords } = context.services;
    // As the demo seed or a copy writes them: no words yet, so the search cannot find them.
    await knex('reports').where({ ref }).update({ search_text: null });
    await knex('report_updates').whereNotNull('public_text').update({ search_text: null });
    assert.doesNotMatch(await found(context, 'sols'), new RegExp(ref), 'nothing is read from the raw words');
    assert.ok((await searchWords.catchUpAll()) >= 2, 'the report and its comment are written');
    assert.equal(await searchWords.catchUp(), 0, 'and only once');
    assert.match(await found(context, 'salauzts'), new RegExp(ref));
    assert.doesNotMatch(await found(context, '26 555 777'), new RegExp(ref));
    const row = (await knex('reports').where({ ref }).first('search_text')) as { search_text: string };
    assert.equal(
      row.search_text,
      'Nolūzis sols, zvaniet […] Sols pie estrādes. Rakstiet […] vai jautājiet Ilzei. […], […] māja Parka iela 7',
    );
    // The words written before declined names were masked are cleared by a migration, and written again.
    await searchDeclinedNames.up(knex);
    const cleared = (await knex('reports').where({ ref }).first('search_text')) as { search_text: null };
    assert.equal(cleared.search_text, null);
    assert.ok((await searchWords.catchUpAll()) >= 2, 'the report and its comment are written again');
    assert.doesNotMatch(await found(context, 'Ilzes Kalniņas'), new RegExp(ref));
  });

  it('masks a contact written in look-alike characters or with a spaced @, on the page and in the search', async () => {
    const { knex, searchWords } = context.services;
    const { report } = await makeReport(context.services, {
      title: 'Atkritumi pie ceļa',
      description:
        'Rakstiet tester @ example.org, tester＠example.org, tester%40example.org; zvaniet ２９１２３４５６.',
      location: 'Meža iela 3',
    });
    const page = (await request(context.app).get(`/reports/${report.ref}`).expect(200)).text;
    assert.match(page, /Rakstiet \[…\], \[…\], \[…\]; zvaniet \[…\]\./);
    for (const q of ['29123456', '２９１２３４５６', 'example.org', 'tester'])
      assert.doesNotMatch(await found(context, q), new RegExp(report.ref), `"${q}" must not find it`);
    assert.match(await found(context, 'atkritumi'), new RegExp(report.ref));
    // Words written before these were masked are cleared by a migration, and written again masked.
    await knex('reports')
      .where({ id: report.id })
      .update({ search_text: 'Rakstiet tester＠example.org ２９１２３４５６' });
    await searchLookalikes.up(knex);
    const cleared = (await knex('reports').where({ id: report.id }).first('search_text')) as {
      search_text: null;
    };
    assert.equal(cleared.search_text, null);
    const plain = (await makeReport(context.services, { name: 'Anna', title: 'Sols', location: 'Parks' }))
      .report;
    await searchWords.catchUpAll();
    await searchLookalikes.up(knex);
    const kept = (await knex('reports').where({ id: plain.id }).first('search_text')) as {
      search_text: string;
    };
    assert.notEqual(kept.search_text, null, 'a report with none of them keeps its words');
    await searchWords.catchUpAll();
    assert.doesNotMatch(await found(context, '29123456'), new RegExp(report.ref));
  });

  it('masks the reporter’s name written in the other alphabet, on every surface and in the search', async () => {
    const { knex, searchWords } = context.services;
    const { report } = await makeReport(context.services, {
      title: 'Яма у Янис Калниньш',
      description: 'Позвоните Янису Калниньшу. Yanis Kalnins lives here.',
      location: 'Skolas iela 9',
      name: 'Jānis Kalniņš',
    });
    const page = (await request(context.app).get(`/reports/${report.ref}`).expect(200)).text;
    assert.match(page, /Яма у \[…\]/);
    assert.match(page, /Позвоните \[…\]\. \[…\] lives here\./);
    for (const path of ['/reports', '/map/reports.geojson', '/open-data/reports.csv', '/feeds/reports.atom'])
      assert.doesNotMatch(
        (await request(context.app).get(path).expect(200)).text,
        /Янис|Калниньш|Yanis/,
        path,
      );
    for (const q of ['Калниньш', 'Янису', 'Yanis'])
      assert.doesNotMatch(await found(context, q), new RegExp(report.ref), `"${q}" must not find it`);
    assert.match(await found(context, 'Яма'), new RegExp(report.ref));
    // Words written before these forms were masked are cleared by a migration, and written again.
    await knex('reports').where({ id: report.id }).update({ search_text: 'Яма у Янис Калниньш' });
    await searchNamesInEitherAlphabet.up(knex);
    const cleared = (await knex('reports').where({ id: report.id }).first('search_text')) as {
      search_text: null;
    };
    assert.equal(cleared.search_text, null);
    await searchWords.catchUpAll();
    assert.doesNotMatch(await found(context, 'Калниньш'), new RegExp(report.ref));
  });
  it('masks a name typed with a note, the surname first or a middle name, on the page and in the search', async () => {
    const { knex, searchWords } = context.services;
    const description =
      'Raksta Jānis Kalniņš, Jāņa Kalniņa māja. J. Kalniņš zina. Anna Marija Ozola, Annas Ozolas, Anna Ozola.';
    for (const [name, gone] of [
      ['Jānis Kalniņš.', /Kalniņ/],
      ['Jānis Kalniņš (Kaunata)', /Kalniņ/],
      ['Kalniņš, Jānis', /Kalniņ/],
      ['Anna Marija Ozola', /Ozol/],
    ] as const) {
      const { report } = await makeReport(context.services, {
        title: 'Salūzis žogs',
        description,
        location: 'Skolas iela 11',
        name,
      });
      const page = (await request(context.app).get(`/reports/${report.ref}`).expect(200)).text;
      assert.doesNotMatch(page, gone, name);
      assert.match(page, /\[…\]/, `${name}: masked, not left out`);
      for (const q of name.startsWith('Anna')
        ? ['Anna Ozola', 'Annas Ozolas']
        : ['Jāņa Kalniņa', 'J. Kalniņš'])
        assert.doesNotMatch(
          await found(context, q),
          new RegExp(report.ref),
          `${name}: "${q}" must not find it`,
        );
      // Words written before these forms were masked are cleared by a migration, and written again.
      await knex('reports').where({ id: report.id }).update({ search_text: description });
      await searchNamesAsTyped.up(knex);
      const cleared = (await knex('reports').where({ id: report.id }).first('search_text')) as {
        search_text: string | null;
      };
      assert.equal(cleared.search_text, null, name);
      await searchWords.catchUpAll();
    }
  });
});
