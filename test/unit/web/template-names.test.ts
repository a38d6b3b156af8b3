import assert from 'node:assert/strict';
import { templateNames } from '../../../src/web/template-names.js';

const sorted = (names: string[]) => [...names].sort();

describe('the names a template reads from its locals', () => {
  it('finds the names its scriptlets read, in output tags and in code', () => {
    const source = [
      '<h1><%= title %></h1>',
      '<% if (items.length > 0) { %><p><%- summary.text %></p><% } %>',
      '<%_ const shown = items.filter((item) => item.public && filters[item.kind]) _%>',
      "<%= t('reports.count', { count: shown.length }) %>",
      '<%# a comment naming secret is not code %>',
      '<p>Text outside scriptlets is not code: plain words</p>',
    ].join('\n');
    assert.deepEqual(sorted(templateNames(source)), ['count', 'filters', 'items', 'summary', 't', 'title']);
  });

  it('leaves out what the template declares: variables, destructured names, parameters, functions', () => {
    const source = [
      '<% const heading = title; let n = 0; var v = 1 %>',
      '<% const { a, b: renamed } = pair; const [first, second] = list %>',
      '<% for (const report of reports) { %><%= report.ref %><% } %>',
      '<% rows.forEach(function (row, index) { %><%= row %><%= index %><% }) %>',
      '<% function label(code) { return names[code] } %>',
      '<% try { x() } catch (error) { } %>',
      '<%= heading + n + v + a + renamed + first + second + label(1) %>',
    ].join('\n');
    assert.deepEqual(sorted(templateNames(source)), [
      'list',
      'names',
      'pair',
      'reports',
      'rows',
      'title',
      'x',
    ]);
  });

  it('leaves out properties, keywords, globals, EJS names and words inside quotes', () => {
    const source = [
      '<%= Math.max(page, 1) + JSON.stringify(data) + new URL(link, base).href %>',
      "<%- include('../partials/x', { item }) %>",
      '<%= locals.optional ?? typeof missing === \'undefined\' ? "quoted words" : `${inTemplate}` %>',
      '<%= list?.length + value . spaced %>',
    ].join('\n');
    assert.deepEqual(sorted(templateNames(source)), [
      'base',
      'data',
      'inTemplate',
      'item',
      'link',
      'list',
      'missing',
      'page',
      'value',
    ]);
  });

  it("reads any other global's name as a local: the same names in every process (mocha's `after` too)", () => {
    assert.deepEqual(sorted(templateNames('<%= after[index] + process + setTimeout + Date.now() %>')), [
      'after',
      'index',
      'process',
      'setTimeout',
    ]);
  });

  it('keeps a spread name (`...rest` is not a property) and skips the tails of numbers', () => {
    assert.deepEqual(sorted(templateNames('<%= [...rows, 1e3, { ...extra }] %>')), ['extra', 'rows']);
  });

  it('ignores literal <%% and comments', () => {
    assert.deepEqual(templateNames('<%% not code %> <%# neither %>'), []);
  });
});
