import fs from 'node:fs';
import ejs from 'ejs';
import { compileTemplate, type CompiledTemplate, type Include, type Locals } from './compile-template.js';

type Callback = (error: Error | null, html?: string) => void;

export interface ViewEngineOptions {
  /** Whether a file is there; `fs.existsSync` unless a test counts the calls. */
  exists?: (file: string) => boolean;
  /** A template's source; `fs.readFileSync` unless a test counts the calls. */
  read?: (file: string) => string;
}

/**
 * EJS for Express, with each template compiled once and each `include` found once. EJS itself
 * resolves every `include('../partials/x')` on every render, with a file-system check
 * (`existsSync`) each time, even with its cache on: a report page made a dozen of those per
 * request. Here, when Express's `view cache` is on (production), the file an include names is
 * looked up once per (template, name) and the compiled templates are kept; with it off
 * (development) every render reads and resolves afresh, so an edit shows on reload.
 *
 * Includes keep EJS's meaning: relative to the including template (`.ejs` added when the name has
 * no extension), seeing the includer's locals with the include's data on top. Templates are
 * compiled to read their locals as variables, not through `with` (compileTemplate).
 */
export function ejsViewEngine(options: ViewEngineOptions = {}) {
  const exists = options.exists ?? ((file: string) => fs.existsSync(file));
  const read = options.read ?? ((file: string) => fs.readFileSync(file, 'utf8'));
  const templates = new Map<string, CompiledTemplate>();
  const found = new Map<string, string>();

  const compile = (file: string): CompiledTemplate => compileTemplate(read(file), file);

  const template = (file: string, cache: boolean): CompiledTemplate => {
    if (!cache) return compile(file);
    let compiled = templates.get(file);
    if (!compiled) {
      compiled = compile(file);
      templates.set(file, compiled);
    }
    return compiled;
  };

  const locate = (from: string, name: string): string => {
    // As EJS: `/x` is from the file system's root, anything else from the including template.
    const file = name.startsWith('/')
      ? ejs.resolveInclude(name.replace(/^\/+/, ''), '/', true)
      : ejs.resolveInclude(name, from);
    if (!exists(file)) throw new Error(`Could not find the include file "${name}" (from ${from})`);
    return file;
  };

  const resolve = (from: string, name: string, cache: boolean): string => {
    if (!cache) return locate(from, name);
    const key = `${from}\n${name}`;
    let file = found.get(key);
    if (file === undefined) {
      file = locate(from, name);
      found.set(key, file);
    }
    return file;
  };

  // An include sees its includer's locals with its own data on top: a new object whose prototype
  // is the includer's locals, so nothing is copied per include (a template reads each name once,
  // inherited or not; what it assigns stays in its own variables).
  const render = (file: string, base: Locals, data: Locals | undefined, cache: boolean): string => {
    const locals = Object.assign(Object.create(base) as Locals, data);
    const include: Include = (name, own) => render(resolve(file, name, cache), locals, own, cache);
    return template(file, cache)(locals, include);
  };

  /** Express's engine signature; `cache` is Express's `view cache` setting, passed in the options. */
  return (file: string, locals: object, callback: Callback) => {
    let html: string;
    try {
      html = render(file, locals as Locals, undefined, (locals as { cache?: unknown }).cache === true);
    } catch (error) {
      callback(error as Error);
      return;
    }
    callback(null, html);
  };
}
