import {
  DEFAULT_LANGUAGE,
  createI18n,
  createI18nNow,
  isLanguage,
  type Language,
  type Translate,
} from './index.js';

/** The locale variables a shell sets, in the order POSIX reads them for messages. */
const LOCALE_VARIABLES = ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const;

/**
 * The language a command-line tool speaks: the shell's locale (`lv_LV.UTF-8`, `en_GB.UTF-8`,
 * `ru_RU.UTF-8`), read as POSIX does (the first of LC_ALL, LC_MESSAGES and LANG that is set);
 * Latvian, as on the site, for any other locale (`C.UTF-8`, `POSIX`) or none.
 */
export function cliLanguage(env: Readonly<Record<string, string | undefined>>): Language {
  for (const name of LOCALE_VARIABLES) {
    const value = env[name];
    if (!value) continue;
    const code = value.slice(0, 2).toLowerCase();
    return isLanguage(code) && /^[a-z]{2}(?:[_.@-]|$)/i.test(value) ? code : DEFAULT_LANGUAGE;
  }
  return DEFAULT_LANGUAGE;
}

/** The texts of the command-line tools (the `cli` section of the catalogs) in the shell's language. */
export async function cliTranslator(env: Readonly<Record<string, string | undefined>>): Promise<Translate> {
  return (await createI18n()).getFixedT(cliLanguage(env));
}

let english: Translate | undefined;

/** The tools' texts in English, made once: what an error says in logs and tests, whatever the shell. */
export function englishTranslator(): Translate {
  english ??= createI18nNow().getFixedT('en');
  return english;
}

/** An option node:util parseArgs does not know, or one without its value. */
function isParseArgsError(error: unknown): boolean {
  return String((error as { code?: unknown } | null)?.code).startsWith('ERR_PARSE_ARGS');
}

/**
 * A command line the tool cannot read (an unknown command or option, a missing one): its message
 * is the usage. The tools exit with 2 for it, as with 1 for a refusal of what was asked.
 */
export class UsageError extends Error {}

/** The exit status of a tool that failed with `error`: 2 for a command line it could not read, else 1. */
export function exitCodeOf(error: unknown): number {
  return error instanceof UsageError ? 2 : 1;
}

/**
 * Runs a command line's parse (node:util parseArgs); an option it does not know, or one without
 * its value, is answered with the tool's usage in the shell's language instead of Node's words.
 */
export function parsedOrUsage<T>(parse: () => T, usage: string): T {
  try {
    return parse();
  } catch (error) {
    if (isParseArgsError(error)) {
      throw new UsageError(usage, { cause: error });
    }
    throw error;
  }
}
