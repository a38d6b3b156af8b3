import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ejs from 'ejs';
import { compactTemplate, escapeHtml } from '../../../src/web/compile-template.js';
import { ejsViewEngine } from '../../../src/web/view-engine.js';

const FILES: Record<string, string> = {
  'pages/list.ejs': [
    '<h1><%= title %></h1>',
    "<% for (const item of items) { %><%- include('../partials/item', { item }) %><% } %>",
    "<%- include('../partials/item.ejs', { item: 'last' }) %>",
    '<p><%= typeof item %></p>',
    // What a partial assigns stays in the partial.
    '<p><%= note %></p>',
  ].join('\n'),
  'partials/item.ejs': "<li><%= item %> of <%= title %><%- include('note') %></li>",
  'partials/note.ejs': "<small><%= note %></small><% note = 'changed in a partial' %>",
  'pages/missing.ejs': "<%- include('../partials/nothing') %>",
  'pages/broken.ejs': "<p><%= title %></p>\n<%- include('../partials/broken') %>",
  'partials/broken.ejs': '<p><%= absent.property %></p>',
  'pages/indented.ejs': [
    '<ul>',
    '  <% for (const item of items) { %>',
    '    <li>',
    '      <%= item %>',
    '    </li>',
    '',
    '  <% } %>',
    '</ul>',
    '<pre>  <%= note %></pre>',
  ].join('\n'),
  'pages/globals.ejs':
    "<%= Math.max(items.length, 1) %> <%= typeof absent %> <%= new URL('/x', 'http://a.example').href %>",
};

function render(engine: ReturnType<typeof ejsViewEngine>, file: string, locals: object): Promise<string> {
  return new Promise((resolve, reject) => {
    engine(file, locals, (error, html) => (error ? reject(error) : resolve(html!)));
  });
}

describe('the EJS view engine', () => {
  let dir: string;
  const locals = { title: 'Bedres <&>', items: ['a', 'b<'], note: 'n"' };

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-views-'));
    for (const [name, text] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("renders exactly what EJS renders: relative includes, nested, with the includer's locals and their own", async () => {
    const file = path.join(dir, 'pages/list.ejs');
    const expected = await ejs.renderFile(file, locals);
    assert.match(expected, /<li>b&lt; of Bedres &lt;&amp;&gt;<small>n&#34;<\/small><\/li>/);
    assert.match(expected, /<p>n&#34;<\/p>$/);
    assert.equal(await render(ejsViewEngine(), file, { ...locals, cache: true }), expected);
    assert.equal(await render(ejsViewEngine(), file, { ...locals, cache: false }), expected);
  });

  it("sends no indentation or blank lines of the template's own, and every value as it is", async () => {
    const file = path.join(dir, 'pages/indented.ejs');
    const html = await render(ejsViewEngine(), file, {
      items: ['a', 'b'],
      note: 'line one\n    line two  ',
      cache: true,
    });
    assert.equal(html, '<ul>\n<li>\na\n</li>\n<li>\nb\n</li>\n</ul>\n<pre>  line one\n    line two  </pre>');
  });

  it('keeps the line ends between text and tags, so words and inline elements stay apart', () => {
    const compact = compactTemplate(
      '  <p>\n    <a href="/">one</a>\n    <% if (two) { %>\n      <a href="/2">two</a> and\n    words\n    <% } %>\n  </p>\n',
    );
    assert.equal(
      compact,
      '<p>\n<a href="/">one</a>\n<% if (two) { %><a href="/2">two</a> and\nwords\n<% } %></p>',
    );
    // A tag that writes something, or text beside code, keeps its line end.
    assert.equal(compactTemplate('<% x() %> text\n<%= y %>\n<p>'), '<% x() %> text\n<%= y %>\n<p>');
    assert.equal(compactTemplate('<%\n  const a = 1;\n%>\n<p>'), '<%\nconst a = 1;\n%>\n<p>');
  });

  it('escapes as EJS does, and leaves text with nothing to escape as it is', () => {
    for (const value of [
      '',
      'plain',
      'Bedres <&>',
      `"quoted" and 'single'`,
      'ā ē ī ū ļ ž',
      42,
      0,
      null,
      undefined,
      true,
    ]) {
      assert.equal(escapeHtml(value), ejs.escapeXML(value as string), String(value));
    }
  });

  it('with the view cache on, finds each include once and compiles each template once', async () => {
    const checked: string[] = [];
    const read: string[] = [];
    const engine = ejsViewEngine({
      exists: (file) => (checked.push(file), fs.existsSync(file)),
      read: (file) => (read.push(file), fs.readFileSync(file, 'utf8')),
    });
    const file = path.join(dir, 'pages/list.ejs');
    for (let i = 0; i < 3; i++) await render(engine, file, { ...locals, cache: true });
    // Three names in the page and the partial ('../partials/item', '../partials/item.ejs', 'note'),
    // each looked up once however often it is included and the page rendered.
    assert.deepEqual(checked.map((item) => path.relative(dir, item)).sort(), [
      'partials/item.ejs',
      'partials/item.ejs',
      'partials/note.ejs',
    ]);
    assert.deepEqual(read.map((item) => path.relative(dir, item)).sort(), [
      'pages/list.ejs',
      'partials/item.ejs',
      'partials/note.ejs',
    ]);
  });

  it('with the view cache off, reads and resolves afresh on every render, so an edit shows', async () => {
    let checks = 0;
    const engine = ejsViewEngine({ exists: (file) => (checks++, fs.existsSync(file)) });
    const file = path.join(dir, 'pages/list.ejs');
    await render(engine, file, { ...locals, cache: false });
    const once = checks;
    assert.ok(once >= 3);
    fs.writeFileSync(path.join(dir, 'partials/note.ejs'), '<em><%= note %></em>');
    try {
      const html = await render(engine, file, { ...locals, cache: false });
      assert.equal(checks, once * 2);
      assert.match(html, /<em>n&#34;<\/em>/);
    } finally {
      fs.writeFileSync(path.join(dir, 'partials/note.ejs'), FILES['partials/note.ejs']!);
    }
  });

  it('reads globals as globals and a name the locals lack as undefined, as EJS does', async () => {
    const file = path.join(dir, 'pages/globals.ejs');
    const html = await render(ejsViewEngine(), file, { ...locals, cache: true });
    assert.equal(html, await ejs.renderFile(file, locals));
    assert.equal(html, '2 undefined http://a.example/x');
  });

  it('names the template (and the one that included it) in an error made while rendering', async () => {
    for (const cache of [true, false]) {
      await assert.rejects(
        render(ejsViewEngine(), path.join(dir, 'pages/broken.ejs'), { ...locals, cache }),
        (error: Error) => {
          assert.match(error.message, /pages\/broken\.ejs: .*partials\/broken\.ejs: /);
          assert.match(error.message, /Cannot read properties of undefined \(reading 'property'\)/);
          return true;
        },
      );
    }
  });

  it('answers an include that does not exist with an error naming it, cached or not', async () => {
    for (const cache of [true, false]) {
      await assert.rejects(
        render(ejsViewEngine(), path.join(dir, 'pages/missing.ejs'), { cache }),
        /Could not find the include file "\.\.\/partials\/nothing"/,
      );
    }
  });
});
