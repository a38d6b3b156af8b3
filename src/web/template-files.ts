import fs from 'node:fs';
import ejs from 'ejs';
import { compileTemplate, type CompiledTemplate, type Include, type Locals } from './compile-template.js';

export interface TemplateFilesOptions {
  /** Whether a file is there; `fs.existsSync` unless a test counts the calls. */
  exists?: (file: string) => boolean;
  /** A template's source; `fs.readFileSync` unless a test counts the calls. */
  read?: (file: string) => string;
  /** How a file's source becomes a function; `compileTemplate` (a web page's) unless given. */
  compile?: (source: string, file: string) => CompiledTemplate;
}

/**
 * EJS template files, each compiled once and each `include` found once. EJS itself resolves every
 * `include('../partials/x')` on every render, with a file-system check (`existsSync`) each time,
 * even with its cache on: a report page made a dozen of those per request. With `cache` on
 * (production), the file an include names is looked up once per (template, name) and the compiled
 * templates are kept; with it off (development) every render reads and resolves afresh, so an edit
 * shows at once. Pages (the view engine) and emails (EmailRenderer) are both rendered here.
 *
 * Includes keep EJS's meaning: relative to the including template (`.ejs` added when the name has
 * no extension), seeing the includer's locals with the include's data on top.
 */
export function templateFiles(options: TemplateFilesOptions = {}) {
  const exists = options.exists ?? ((file: string) => fs.existsSync(file));
  const read = options.read ?? ((file: string) => fs.readFileSync(file, 'utf8'));
  const compileSource = options.compile ?? compileTemplate;
  const templates = new Map<string, CompiledTemplate>();
  const found = new Map<string, string>();

  const compile = (file: string): CompiledTemplate => compileSource(read(file), file);

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

  return {
    /** The file rendered with these locals; `cache` keeps what was compiled and found. */
    render: (file: string, locals: Locals, cache: boolean): string => render(file, locals, undefined, cache),
  };
}
