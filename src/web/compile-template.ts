import ejs from 'ejs';
import { templateNames } from './template-names.js';

export type Locals = Record<string, unknown>;
export type Include = (name: string, data?: Locals) => string;
/** A compiled template: its locals in, HTML out; its includes go to `include`. */
export type CompiledTemplate = (locals: Locals, include: Include) => string;

type Body = (locals: Locals, escapeFn: (value: unknown) => string, include: Include) => string;

const NEEDS_ESCAPING = /[&<>'"]/;

/**
 * EJS's own escaping (same entities), called only for text that has something to escape: most
 * values on a page (names, dates, numbers, codes) have nothing, and EJS's replace with a function
 * per match cost the list page a tenth of its rendering time even when nothing matched.
 */
export function escapeHtml(value: unknown): string {
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- as EJS: a template prints any value
  const text = value === undefined || value === null ? '' : String(value);
  return NEEDS_ESCAPING.test(text) ? ejs.escapeXML(text) : text;
}

const TAG = /<%[\s\S]*?%>/g;
/** A line that is only code (`<% if (…) { %>`, `<% } %>`, a comment): it writes nothing but its line end. */
const isCodeLine = (line: string) =>
  /^<%[^=\-%]/.test(line) && !/<%[=-]/.test(line) && line.replace(TAG, '') === '';

/**
 * The template's own whitespace that a page does not need: each line's indentation and trailing
 * spaces, blank lines, and the line ends of lines that are only code (a fifth of a list page was
 * these). Line ends between text and tags stay, so words and inline elements keep the space between
 * them. Only the template's text changes: a value (a resident's words in a <pre>) is written as is.
 */
export function compactTemplate(text: string): string {
  const lines = text
    .replace(/[\r\n]+/g, '\n')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return lines
    .map((line, index) => (isCodeLine(line) || index === lines.length - 1 ? line : `${line}\n`))
    .join('');
}

export interface CompileOptions {
  /** How `<%= %>` writes a value: HTML-escaped (escapeHtml) unless given, as is for plain text. */
  escape?: (value: unknown) => string;
  /** Whether the template's own whitespace is dropped (compactTemplate): yes for pages, not for emails. */
  compact?: boolean;
}

/**
 * Compiles an EJS template to a function that reads its locals as variables: each name the
 * template uses (templateNames) is declared once per render from `locals`, instead of EJS's
 * default of running the whole template inside `with (locals)`, which made every name a lookup
 * through a chain of scopes and objects (the list page rendered 3–4× faster without it).
 *
 * EJS writes the function's body (`Template#source`); we make the function ourselves, so that an
 * `include(…)` in the template calls templateFiles' include (EJS would pass its own, which
 * resolves the file on every call and copies the locals). Output is EJS's own for the template
 * (for a page, as compactTemplate leaves it; an email keeps its whitespace).
 *
 * A name the template reads that is one of the globals templates may use (`Math`, `URL`: GLOBALS
 * in template-names) is the global, even if a local has that name; every other name is a local.
 */
export function compileTemplate(
  source: string,
  filename: string,
  { escape = escapeHtml, compact = true }: CompileOptions = {},
): CompiledTemplate {
  const bare = source.replace(/^\uFEFF/, '');
  const text = compact ? compactTemplate(bare) : bare;
  const template = new ejs.Template(text, {
    filename,
    _with: false,
    localsName: 'locals',
    destructuredLocals: templateNames(text),
    // Line tracking is EJS's wrapper around the body, which we do not use: an error names the file.
    compileDebug: false,
  });
  void template.compile();
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- EJS's compiled template, from our own views
  const body = new Function('locals, escapeFn, include', template.source) as Body;
  return (locals, include) => {
    try {
      return body(locals, escape, include);
    } catch (error) {
      if (error instanceof Error && !error.message.startsWith(filename)) {
        error.message = `${filename}: ${error.message}`;
      }
      throw error;
    }
  };
}
