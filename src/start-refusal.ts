import { ConfigError } from './config-rules.js';
import { cliLanguage } from './i18n/cli.js';
import { createI18nNow } from './i18n/index.js';

/** A refusal's problem begins with the setting it is about (`SECRET: must be set in production`). */
const SETTING = /^([A-Z][A-Z0-9_]*): /;

/**
 * `english`, then, on the same line, what to do in the operator's language: the setting `problem`
 * is about, and where the detail is (`section`'s `checkSetting`, or its `refused` when it names
 * none). The language is the locale's, read as the command-line tools read it (LC_ALL,
 * LC_MESSAGES, LANG), Latvian when it names none of ours (a service's is often C.UTF-8, or unset);
 * with an English locale the English alone is said.
 */
function withWhatToDo(
  english: string,
  problem: string,
  env: Readonly<Record<string, string | undefined>>,
  section: 'cli.start' | 'cli.config',
): string {
  const language = cliLanguage(env);
  if (language === 'en') return english;
  const t = createI18nNow().getFixedT(language);
  const setting = SETTING.exec(problem)?.[1];
  return `${english} — ${setting ? t(`${section}.checkSetting`, { setting }) : t(`${section}.refused`)}`;
}

/**
 * The one line a refused start prints (exit 78 and the like; systemd's journal keeps it). English
 * first, as before: the operations guide quotes these lines and explains each, and a search finds
 * them. Then what to do in the operator's language (`withWhatToDo`).
 */
export function refusalLine(problem: string, env: Readonly<Record<string, string | undefined>>): string {
  return withWhatToDo(`Tilts cannot start: ${problem}`, problem, env, 'cli.start');
}

/**
 * The line a command-line tool (migrate, staff, backup) prints when the settings it read are
 * refused (a `ConfigError`): the problem in English, as the operations guide quotes it, then what
 * to do in the operator's language, as a refused start says it.
 */
export function configErrorLine(problem: string, env: Readonly<Record<string, string | undefined>>): string {
  return withWhatToDo(problem, problem, env, 'cli.config');
}

/** What a command-line tool prints of the error it stopped on: a refused setting as above. */
export function toolErrorText(error: unknown, env: Readonly<Record<string, string | undefined>>): unknown {
  if (error instanceof ConfigError) return configErrorLine(error.message, env);
  return error instanceof Error ? error.message : error;
}
