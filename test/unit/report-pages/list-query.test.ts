import assert from 'node:assert/strict';
import { contradictoryPlace, listUrl, parseListQuery } from '../../../src/report-pages/list-query.js';

describe('a parish and an apvienība that cannot both match', () => {
  const apvienibaOf = new Map([
    ['kaunatas', 'kaunatas'],
    ['vilani', 'vilanu'],
  ]);

  it('is found when the parish lies in another apvienība', () => {
    assert.deepEqual(contradictoryPlace({ parish: 'vilani', apvieniba: 'kaunatas' }, apvienibaOf), {
      parish: 'vilani',
      apvieniba: 'kaunatas',
    });
  });

  it('is not found when the parish is in the apvienība, or only one of them is chosen', () => {
    assert.equal(contradictoryPlace({ parish: 'vilani', apvieniba: 'vilanu' }, apvienibaOf), undefined);
    assert.equal(contradictoryPlace({ parish: 'vilani' }, apvienibaOf), undefined);
    assert.equal(contradictoryPlace({ apvieniba: 'kaunatas' }, apvienibaOf), undefined);
  });

  it('offers links that drop one filter and keep the rest', () => {
    const filters = { parish: 'vilani', apvieniba: 'kaunatas', status: 'open' as const, q: 'bedre' };
    assert.equal(listUrl({ ...filters, apvieniba: undefined }), '/reports?parish=vilani&status=open&q=bedre');
    assert.equal(
      listUrl({ ...filters, parish: undefined }),
      '/reports?apvieniba=kaunatas&status=open&q=bedre',
    );
  });
});

describe('the list query as scripts write it', () => {
  const known = {
    parishes: new Set(['kaunatas', 'maltas']),
    apvienibas: new Set(['kaunatas']),
    categories: new Set(['roads']),
  };

  it('reads `parish[]=…` as `parish=…`, and an unknown code there as ignored', () => {
    const read = parseListQuery(
      { 'parish[]': 'kaunatas', 'category[]': ['roads'], 'status[]': 'open' },
      known,
    );
    assert.deepEqual(
      [read.filters.parish, read.filters.category, read.filters.status, read.ignored],
      ['kaunatas', 'roads', 'open', []],
    );
    assert.deepEqual(parseListQuery({ 'parish[]': 'nope' }, known).ignored, ['parish']);
    // The plain name, when both are given, is the one read.
    assert.equal(
      parseListQuery({ parish: 'maltas', 'parish[]': 'kaunatas' }, known).filters.parish,
      'maltas',
    );
  });

  it('says a filter given an unusable value is ignored, rather than reading it as none', () => {
    assert.deepEqual(parseListQuery({ parish: '\u0000' }, known).ignored, ['parish']);
    assert.deepEqual(parseListQuery({ parish: { x: '1' } }, known).ignored, ['parish']);
    assert.deepEqual(parseListQuery({ parish: '', status: '  ' }, known).ignored, [], 'a form sent empty');
  });
});
