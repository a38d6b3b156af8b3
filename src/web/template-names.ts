import vm from 'node:vm';

/**
 * The names an EJS template may read from its locals, found in its source: every identifier of
 * its scriptlets that is not a property (`a.b`: `b`), a keyword, a global (GLOBALS: `Math`,
 * `JSON`, `URL`), a name the template declares itself (`const`, `let`, `var`, `function`, a
 * callback's parameters) or one of EJS's own names (`locals`, `include`, `__append`…).
 *
 * The view engine declares each as a variable of the compiled template (`let title =
 * locals.title`), so a template reads its locals as plain variables instead of through `with`,
 * where every name was a lookup along a chain of scopes and objects: the list page rendered 3–4×
 * faster. Finding too many is harmless (a variable nobody reads, `undefined`); one missed would be
 * a ReferenceError where the template reads it, so the rules lean towards finding more: words in
 * template literals and comments count, and a key of an object literal counts as a name. A
 * top-level declaration the rules do not see (the `b` of `let a, b`) would be declared twice: a
 * SyntaxError naming the template when it is first compiled, never a wrong page.
 */
const RESERVED = new Set(
  [
    // Keywords and literals that look like identifiers.
    'await async break case catch class const continue debugger default delete do else export',
    'extends false finally for function if import in instanceof let new null of return static',
    'super switch this throw true try typeof var void while with yield arguments eval get set',
    // EJS's own: the compiled function's parameters.
    'locals escapeFn include rethrow',
  ]
    .join(' ')
    .split(' '),
);

/**
 * The globals a template may use: JavaScript's own (from an empty context, so the same in every
 * process: a test runner's `after` or `it` must not hide a local of that name) and the two URL
 * classes of the platform. A template naming any other global (`process`) reads a local instead.
 */
const GLOBALS = new Set([
  ...(vm.runInNewContext('Object.getOwnPropertyNames(globalThis)') as string[]),
  'URL',
  'URLSearchParams',
]);

const IDENTIFIER = /[A-Za-z_$][\w$]*/g;
const SCRIPTLET = /<%([_=\-#%]?)([\s\S]*?)[-_]?%>/g;
const QUOTED = /'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"/g;

/** The JavaScript of a template's scriptlets (not comments `<%#`, not literal `<%%`), quotes emptied. */
function scriptletCode(source: string): string {
  const parts: string[] = [];
  for (const [, kind, code] of source.matchAll(SCRIPTLET)) {
    if (kind !== '#' && kind !== '%') parts.push(code!);
  }
  return parts.join(';\n').replace(QUOTED, '""');
}

const identifiersIn = (text: string) => text.match(IDENTIFIER) ?? [];

/** Names the template's code declares: variables, destructured variables, functions, parameters. */
function declaredNames(code: string): Set<string> {
  const declared = new Set<string>();
  const add = (names: Iterable<string>) => {
    for (const name of names) declared.add(name);
  };
  for (const [, name] of code.matchAll(/\b(?:const|let|var|function)\s+([A-Za-z_$][\w$]*)/g)) add([name!]);
  // const { a, b: c } = …, const [a, b] = …: every word of the pattern (a key too: harmless).
  for (const [, pattern] of code.matchAll(/\b(?:const|let|var)\s*[{[]([^=]*?)[}\]]\s*=/g)) {
    add(identifiersIn(pattern!));
  }
  // (a, b) => …, a => …, function (a, b) { … }
  for (const [, params] of code.matchAll(/\(([^()]*)\)\s*=>/g)) add(identifiersIn(params!));
  for (const [, param] of code.matchAll(/([A-Za-z_$][\w$]*)\s*=>/g)) add([param!]);
  for (const [, params] of code.matchAll(/\bfunction\b[^(]*\(([^)]*)\)/g)) add(identifiersIn(params!));
  // catch (error) { … }
  for (const [, name] of code.matchAll(/\bcatch\s*\(\s*([A-Za-z_$][\w$]*)/g)) add([name!]);
  return declared;
}

/** Whether the identifier at `index` is a property (`a.b`, `a?.b`), not a spread (`...b`). */
function isProperty(code: string, index: number): boolean {
  let at = index - 1;
  while (at >= 0 && /\s/.test(code[at]!)) at--;
  return code[at] === '.' && !code.startsWith('...', at - 2);
}

export function templateNames(source: string): string[] {
  const code = scriptletCode(source);
  const declared = declaredNames(code);
  const names = new Set<string>();
  for (const match of code.matchAll(IDENTIFIER)) {
    const name = match[0];
    // The tail of a number (`1e3`) is not a name, nor is a property.
    if (/[\w$]/.test(code[match.index - 1] ?? '') || isProperty(code, match.index)) continue;
    // A template literal's `${`.
    if (name === '$' && code[match.index + 1] === '{') continue;
    if (RESERVED.has(name) || declared.has(name) || name.startsWith('__') || GLOBALS.has(name)) continue;
    names.add(name);
  }
  return [...names];
}
