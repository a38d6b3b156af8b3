import ejs from 'ejs';
import { templateNames } from './template-names.js';

export type Locals = Record<string, unknown>;
export type Include = (name: string, data?: Locals) => string;
/** A compiled template: its locals in, HTML out; its includes go to `include`. */
export type CompiledTemplate = (locals: Locals, include: Include) => string;

type Body = (locals: Locals, escapeFn: (value: unknown) => string, include: Include) => string;

/**
 * Compiles an EJS template to a function that reads its locals as variables: each name the
 * template uses (templateNames) is declared once per render from `locals`, instead of EJS's
 * default of running the whole template inside `with (locals)`, which made every name a lookup
 * through a chain of scopes and objects (the list page rendered 3–4× faster without it).
 *
 * EJS writes the function's body (`Template#source`); we make the function ourselves, so that an
 * `include(…)` in the template calls the view engine's include (EJS would pass its own, which
 * resolves the file on every call and copies the locals). Output is EJS's own, byte for byte.
 *
 * A name the template reads that is one of the globals templates may use (`Math`, `URL`: GLOBALS
 * in template-names) is the global, even if a local has that name; every other name is a local.
 */
export function compileTemplate(source: string, filename: string): CompiledTemplate {
  const text = source.replace(/^\uFEFF/, '');
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
      return body(locals, ejs.escapeXML, include);
    } catch (error) {
      if (error instanceof Error && !error.message.startsWith(filename)) {
        error.message = `${filename}: ${error.message}`;
      }
      throw error;
    }
  };
}
