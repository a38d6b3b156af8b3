import { cliLanguage } from './i18n/cli.js';
import { createI18nNow } from './i18n/index.js';

/** A refusal's problem begins with the setting it is about (`SECRET: must be set in production`). */
const SETTING = /^([A-Z][A-Z0-9_]*): /;

/**
 * The one line a refused start prints (exit 78 and the like; systemd's journal keeps it). English
 * first, as before: the operations guide quotes these lines and explains each, and a search finds
 * them. Then, on the same line, what to do in the operator's language: the setting to check, and
 * where the detail is. The language is the locale's, read as the command-line tools read it
 * (LC_ALL, LC_MESSAGES, LANG), Latvian when it names none of ours (a service's is often C.UTF-8, or
 * unset); with an English locale the English alone is said.
 */
export function refusalLine(problem: string, env: Readonly<Record<string, string | undefined>>): string {
  const english = `Tilts cannot start: ${problem}`;
  const language = cliLanguage(env);
  if (language === 'en') return english;
  const t = createI18nNow().getFixedT(language);
  const setting = SETTING.exec(problem)?.[1];
  return `${english} — ${setting ? t('cli.start.checkSetting', { setting }) : t('cli.start.refused')}`;
}
