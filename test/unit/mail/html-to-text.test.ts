import assert from 'node:assert/strict';
import { htmlToText, MAX_HTML_LENGTH } from '../../../src/mail/inbound/html-to-text.js';
import { assertLinearGrowth } from '../../support/growth.js';
import { extractReplyText } from '../../../src/mail/inbound/quotes.js';

const reply = (html: string): string => extractReplyText({ html });

describe('turning reply HTML into safe plain text', () => {
  it('keeps paragraph breaks and line breaks', () => {
    assert.equal(reply('<p>Pirmā rindkopa.</p><p>Otrā<br>rinda.</p>'), 'Pirmā rindkopa.\n\nOtrā\nrinda.');
  });

  it("does not add up the breaks of nested blocks, but keeps Gmail's <div><br></div> blank line", () => {
    assert.equal(
      reply('<div><div><div>Viens</div></div></div><div>Divi<br></div><div><br></div><div>Trīs</div>'),
      'Viens\nDivi\n\nTrīs',
    );
  });

  it('collapses layout whitespace but keeps the text of inline elements together', () => {
    assert.equal(
      reply('<div>\n  Bedre   <b>aizbērta</b>,\n  <i>paldies</i>!\n</div>'),
      'Bedre aizbērta, paldies!',
    );
  });

  it('treats Outlook MsoNormal paragraphs as lines, and its &nbsp; paragraphs as blank lines', () => {
    const html =
      '<p class="MsoNormal">Labdien!<o:p></o:p></p>\n<p class="MsoNormal">Bedre aizbērta.<o:p></o:p></p>\n' +
      '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n<p class="MsoNormal">P.S. Paldies<o:p></o:p></p>';
    assert.equal(reply(html), 'Labdien!\nBedre aizbērta.\n\nP.S. Paldies');
  });

  it('puts each table cell on a line of its own, as a signature laid out in cells reads', () => {
    const html =
      '<p>Darīsim rīt.</p><table><tr><td><b>Anna Bērziņa</b><br>Vadītāja</td>' +
      '<td>T: +371 64612345<br>E: anna@example.org</td></tr></table>';
    assert.equal(
      htmlToText(html, { dropQuotes: true }).trim(),
      'Darīsim rīt.\n\nAnna Bērziņa\nVadītāja\nT: +371 64612345\nE: anna@example.org',
    );
    assert.equal(reply(html), 'Darīsim rīt.');
  });

  it('drops script, style, head and comment content entirely', () => {
    const html =
      '<html><head><title>t</title><style>p{color:red}</style></head><body>' +
      '<script>alert(1)</script><!-- secret --><p>Redzams</p><SCRIPT >if (a > b) x()</SCRIPT ></body></html>';
    assert.equal(reply(html), 'Redzams');
  });

  it('ends an unclosed head at the body, as browsers do', () => {
    assert.equal(reply('<html><head><meta charset="utf-8"><body><p>Redzams</p></body></html>'), 'Redzams');
  });

  it('drops content of an unterminated script to the end rather than leaking it', () => {
    assert.equal(reply('<p>Redzams</p><script>alert(1)'), 'Redzams');
  });

  it('keeps link text but never the URL, and drops images', () => {
    assert.equal(
      reply('<p>Skatīt <a href="javascript:alert(1)">karti</a><img src="x" onerror="alert(2)" alt="a"></p>'),
      'Skatīt karti',
    );
  });

  it('decodes named, decimal and hexadecimal references', () => {
    assert.equal(
      reply('<p>5 &lt; 7 &amp;&amp; &quot;x&quot; &ndash; &#257;&#x14D;&scaron; &euro; &amacr;&Ncedil;</p>'),
      '5 < 7 && "x" – āōš € āŅ',
    );
  });

  it('reads references as a browser reads text: legacy names without ";", unknown names left alone', () => {
    assert.equal(reply('<p>&bogus; &amp &copy 2026</p>'), '&bogus; & © 2026');
  });

  it('never yields a NUL or a lone surrogate, and reads &#150; as the windows-1252 dash', () => {
    assert.equal(reply('<p>a&#0;b&#xD800;c&#1114112;d &#150; e</p>'), 'a\ufffdb\ufffdc\ufffdd – e');
  });

  it('turns escaped markup into literal text, to be escaped again by the view', () => {
    assert.equal(reply('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'), '<script>alert(1)</script>');
  });

  it('drops a blockquote and the Gmail quote container, keeping the blank line Gmail writes as <br>', () => {
    const html =
      '<div dir="ltr">Labots.</div><br><div class="gmail_quote"><div class="gmail_attr">On Mon wrote:</div>' +
      '<blockquote class="gmail_quote"><div><div>Nested</div></div></blockquote></div><div>Pēc citāta</div>';
    assert.equal(reply(html), 'Labots.\n\nPēc citāta');
  });

  it('drops a Thunderbird cite prefix and signature', () => {
    const html =
      '<p>Labots.</p><div class="moz-signature">-- <br>Anna</div>' +
      '<div class="moz-cite-prefix">02.03.2026 10:15, Tilts rakstīja:<br></div><blockquote type="cite">x</blockquote>';
    assert.equal(reply(html), 'Labots.');
  });

  it('stops at the Outlook reply header, whose quoted message follows as siblings', () => {
    for (const marker of [
      '<div id="divRplyFwdMsg" dir="ltr"><b>No:</b> Tilts</div>',
      '<div id="x_divRplyFwdMsg">x</div>',
      '<hr style="display:inline-block;width:98%" tabindex="-1" id="stopSpelling">',
      '<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p>No: Tilts</p></div>',
    ]) {
      assert.equal(reply(`<div>Atbilde.</div>${marker}<div>Sākotnējais ziņojums</div>`), 'Atbilde.', marker);
    }
  });

  it('keeps quotes when asked to convert the whole message', () => {
    assert.match(htmlToText('<p>a</p><blockquote>b</blockquote>', { dropQuotes: false }), /b/);
  });

  it('keeps the line breaks inside pre', () => {
    assert.equal(reply('<pre>rinda 1\nrinda 2</pre>'), 'rinda 1\nrinda 2');
  });

  it('lists items on their own lines', () => {
    assert.equal(reply('<ul><li>viens</li><li>divi</li></ul>'), '- viens\n- divi');
  });

  it('copes with a tag whose attribute contains ">" and with stray "<" characters', () => {
    assert.equal(reply('<p title="a > b">Teksts</p><p>3 < 4</p>'), 'Teksts\n\n3 < 4');
  });

  // Each pattern at n units; the tests below take n = 10,000 and 100,000 (under the 2,000,000
  // characters read, MAX_HTML_LENGTH), the first one the sizes a hostile message would have.
  const PATHOLOGICAL: [string, (n: number) => string][] = [
    ['unclosed script tags', (n) => '<script>'.repeat(n)],
    ['nested quote blocks', (n) => '<div class="gmail_quote">'.repeat(n / 3)],
    ['an endless attribute', (n) => `<div class="${'id= '.repeat(n)}`],
    ['unclosed comments', (n) => '<!--'.repeat(n)],
    ['broken entities', (n) => '&#'.repeat(n)],
    // 180,000 and 1,800,000 characters: both past the CPU's cache, where the cost of a character
    // settles (40,000 fit in it and ran at half the cost per character of 400,000, so plain
    // linear work measured 21× for ten times the input).
    ['one long paragraph', (n) => `<p>${'a'.repeat(n * 18)}</p>`],
    ['a paragraph per word', (n) => '<p>vārds</p>'.repeat(n / 3)],
  ];

  it('handles pathological HTML', () => {
    for (const [, make] of PATHOLOGICAL) assert.equal(typeof reply(make(500_000)), 'string');
    assert.equal(typeof reply(`<p>${'a'.repeat(25_000_000)}</p>`), 'string');
  });

  for (const [name, make] of PATHOLOGICAL) {
    it(`converts ${name} in linear time (10× the HTML, at most 20× the time)`, () => {
      assert.ok(make(100_000).length <= MAX_HTML_LENGTH, 'the large input is read whole');
      assertLinearGrowth(name, (scale) => make(10_000 * scale), reply);
    });
  }
});
