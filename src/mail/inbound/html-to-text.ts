// decodeHTML follows the HTML spec for text content: legacy names without ';' (`&amp`), and
// numeric references in 0x80–0x9F as windows-1252, as old Outlook wrote them.
import { decodeHTML } from 'entities';

/*
 * Turns the HTML of a reply into plain text. The sender's HTML is never rendered anywhere, so this
 * only has to keep the words and the paragraph breaks. It is a single forward scan with indexOf
 * and sticky regexes, so its cost is linear in the input whatever the input looks like.
 */

// Outlook's HTML carries tens of kilobytes of <style> before the first word; 2 MB is plenty.
export const MAX_HTML_LENGTH = 2_000_000;
const MAX_OUTPUT_LENGTH = 200_000;

// Elements whose content is never text worth keeping (raw-text elements are matched by end tag).
const RAW_TEXT = words('script style title textarea xmp iframe noembed noframes noscript');
const DROPPED = words('head svg math template object select video audio');
const VOID = words('area base br col embed hr img input link meta param source track wbr');
const PARAGRAPH = words('p h1 h2 h3 h4 h5 h6 table ul ol pre blockquote');
// A table cell is a line of its own: a signature laid out in cells (name and title beside phone
// and email) reads as the card it is, not as one line that runs them together.
const LINE = words('div tr td th li hr section article header footer address dd dt');
// Only these can carry the class or id that marks a quote; parsing attributes of an <img> with a
// 5 MB data: URL would be wasted work.
const MARKABLE = words('div blockquote span hr table section pre p body');

// Containers whose whole content is quoted text or a signature.
const QUOTE_CLASSES =
  /(?:^|\s)(?:x_)?(?:gmail_quote|gmail_quote_container|gmail_signature|gmail_extra|moz-cite-prefix|moz-signature|yahoo_quoted|protonmail_quote|zmail_extra)(?:\s|$)/i;
// Markers after which everything is the quoted original (Outlook puts it in sibling elements).
const STOP_IDS =
  /^(?:x_)?(?:divRplyFwdMsg|appendonsend|stopSpelling|mail-editor-reference-message-container|OLK_SRC_BODY_SECTION)$/i;
const STOP_CLASSES = /(?:^|\s)OutlookMessageHeader(?:\s|$)/i;
const OUTLOOK_LINE_CLASS = /(?:^|\s)MsoNormal(?:\s|$)/i;
const OUTLOOK_HEADER_STYLE = /border-top\s*:\s*solid\s+#(?:e1e1e1|b5c4df)/i;

const TAG_NAME = /<(\/?)([A-Za-z][A-Za-z0-9:-]{0,40})/y;
const ATTRIBUTE = /(?:^|[\s"'/])(class|id|style)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;

export interface HtmlToTextOptions {
  /** Drop blockquotes, client quote containers and everything after an Outlook reply header. */
  dropQuotes: boolean;
}

export function htmlToText(html: string, options: HtmlToTextOptions): string {
  const input = html.length > MAX_HTML_LENGTH ? html.slice(0, MAX_HTML_LENGTH) : html;
  return new HtmlTextScanner(input, options).run();
}

// One pass over the input; the fields are the little state a browser would keep for text.
class HtmlTextScanner {
  private readonly out: string[] = [];
  private outLength = 0;
  private trailingNewlines = 0;
  private preDepth = 0;
  // Outlook writes every line as <p class=MsoNormal> with zero margins: a line, not a paragraph.
  private inOutlookLine = false;
  private skip: { tag: string; depth: number } | undefined;
  private position = 0;

  constructor(
    private readonly input: string,
    private readonly options: HtmlToTextOptions,
  ) {}

  run(): string {
    const { input } = this;
    while (this.position < input.length && this.outLength < MAX_OUTPUT_LENGTH) {
      const lt = input.indexOf('<', this.position);
      if (lt === -1) {
        this.emitText(input.slice(this.position));
        break;
      }
      this.emitText(input.slice(this.position, lt));
      if (!this.readMarkup(lt)) break;
    }
    return this.out.join('');
  }

  // Reads the comment, declaration or tag at `lt`; false when an Outlook reply header ends the reply.
  private readMarkup(lt: number): boolean {
    const { input } = this;
    if (input.startsWith('<!--', lt)) {
      this.position = endOf(input, '-->', lt + 4);
      return true;
    }
    const next = input.charAt(lt + 1);
    if (next === '!' || next === '?') {
      this.position = endOf(input, '>', lt + 2);
      return true;
    }
    TAG_NAME.lastIndex = lt;
    const match = TAG_NAME.exec(input);
    if (match === null) {
      this.emitText('<');
      this.position = lt + 1;
      return true;
    }
    const closing = match[1] === '/';
    const tag = match[2]!.toLowerCase();
    const tagEnd = findTagEnd(input, TAG_NAME.lastIndex);
    const attributes = input.slice(TAG_NAME.lastIndex, tagEnd);
    this.position = tagEnd + 1;
    if (!closing && RAW_TEXT.has(tag)) {
      this.position = skipRawText(input, tag, this.position);
      return true;
    }
    return this.readTag(tag, closing, attributes);
  }

  private readTag(tag: string, closing: boolean, attributes: string): boolean {
    const selfClosing = attributes.endsWith('/') || VOID.has(tag);
    // Browsers end an unclosed <head> at <body>; so must we, or the whole message is lost.
    if (this.skip?.tag === 'head' && tag === 'body' && !closing) this.skip = undefined;
    if (this.skip !== undefined) {
      if (tag === this.skip.tag && !selfClosing) this.skip.depth += closing ? -1 : 1;
      if (this.skip.depth === 0) this.skip = undefined;
      return true;
    }
    if (closing) {
      if (tag === 'pre') this.preDepth = Math.max(0, this.preDepth - 1);
      this.breakLines(tag);
      return true;
    }
    return this.openTag(tag, selfClosing, attributes);
  }

  private openTag(tag: string, selfClosing: boolean, attributes: string): boolean {
    const marks = MARKABLE.has(tag) ? readMarks(attributes) : undefined;
    const { dropQuotes } = this.options;
    if (dropQuotes && marks !== undefined && isStopMarker(tag, marks)) return false;
    const quoted =
      dropQuotes && (tag === 'blockquote' || (marks !== undefined && QUOTE_CLASSES.test(marks.class)));
    if (!selfClosing && (DROPPED.has(tag) || quoted)) {
      this.skip = { tag, depth: 1 };
      return true;
    }
    if (tag === 'pre') this.preDepth += 1;
    if (tag === 'p') this.inOutlookLine = marks !== undefined && OUTLOOK_LINE_CLASS.test(marks.class);
    if (tag === 'br') this.emit('\n');
    else this.breakLines(tag);
    if (tag === 'li') this.emit('- ');
    return true;
  }

  private emit(piece: string): void {
    this.out.push(piece);
    this.outLength += piece.length;
    let newlines = 0;
    while (newlines < piece.length && piece[piece.length - 1 - newlines] === '\n') newlines += 1;
    this.trailingNewlines = newlines === piece.length ? this.trailingNewlines + newlines : newlines;
  }

  // Block boundaries ask for "at least n line breaks here", so nested blocks do not add up.
  private breakLines(tag: string): void {
    const wanted = tag === 'p' && this.inOutlookLine ? 1 : PARAGRAPH.has(tag) ? 2 : LINE.has(tag) ? 1 : 0;
    if (this.outLength > 0 && wanted > this.trailingNewlines)
      this.emit('\n'.repeat(wanted - this.trailingNewlines));
  }

  private emitText(raw: string): void {
    if (this.skip !== undefined || raw.length === 0) return;
    if (this.preDepth > 0) return this.emit(decodeHTML(raw));
    const collapsed = raw.replace(/[ \t\n\r\f]+/g, ' ');
    // Whitespace between block tags is layout, not a line of its own (&nbsp; still is one).
    if (collapsed === ' ' && (this.out.length === 0 || /[\n ]$/.test(this.out[this.out.length - 1]!))) return;
    this.emit(decodeHTML(collapsed));
  }
}

function endOf(input: string, terminator: string, from: number): number {
  const at = input.indexOf(terminator, from);
  return at === -1 ? input.length : at + terminator.length;
}

// The closing '>' of a tag, skipping quoted attribute values that may contain '>'.
function findTagEnd(input: string, from: number): number {
  let quote: string | undefined;
  for (let j = from; j < input.length; j += 1) {
    const char = input[j];
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '>') {
      return j;
    }
  }
  return input.length;
}

function skipRawText(input: string, tag: string, from: number): number {
  const end = new RegExp(`</${tag}[\\s/>]`, 'gi');
  end.lastIndex = from;
  const found = end.exec(input);
  if (found === null) return input.length;
  return endOf(input, '>', found.index);
}

interface Marks {
  class: string;
  id: string;
  style: string;
}

// Capped because an unterminated quote makes the attribute text run to the end of the input.
const MAX_ATTRIBUTES_LENGTH = 4000;

function readMarks(attributes: string): Marks {
  const marks: Marks = { class: '', id: '', style: '' };
  const text = attributes.slice(0, MAX_ATTRIBUTES_LENGTH);
  ATTRIBUTE.lastIndex = 0;
  for (let found = ATTRIBUTE.exec(text); found !== null; found = ATTRIBUTE.exec(text)) {
    const name = found[1]!.toLowerCase() as keyof Marks;
    if (marks[name] === '') marks[name] = found[2] ?? found[3] ?? found[4] ?? '';
  }
  return marks;
}

function isStopMarker(tag: string, marks: Marks): boolean {
  if (STOP_IDS.test(marks.id.trim()) || STOP_CLASSES.test(marks.class)) return true;
  return tag === 'div' && OUTLOOK_HEADER_STYLE.test(marks.style);
}

function words(list: string): ReadonlySet<string> {
  return new Set(list.split(' '));
}
