import type { Request, Response } from 'express';
import { LANGUAGES, isLanguage } from '../i18n/index.js';
import { languageUrls } from './i18n.js';

/** The name of the language switcher's buttons on a form shown again (views/layouts/top.ejs). */
export const LANGUAGE_SWITCH_FIELD = '_lang';

/** Which form a page's language switcher sends again, and the address it is sent to. */
export interface SwitchForm {
  /** The `id` of the form on the page. */
  id: string;
  /** The form's own action, which answers the switch. */
  action: string;
}

/**
 * A form shown again from a POST (with its errors, or after a switch) holds what the person typed,
 * and a plain link to the page in another language loses it. There the switcher's entries become
 * buttons of that form (views/layouts/top.ejs): each sends it to its own address with `?lang=`,
 * which picks the language as every link does (src/web/i18n.ts), and `_lang`, which the handler
 * reads as "show this form again in that language" (`isLanguageSwitch`): its fields are checked
 * again, so their errors are said in that language too, but nothing is saved, sent or counted. A
 * page answering a GET keeps its links; nothing here needs JavaScript.
 */
export function switchWithForm(req: Request, res: Response, form: SwitchForm): void {
  if (req.method !== 'POST') return;
  const urls = languageUrls(form.action);
  res.locals.languages = LANGUAGES.map((code) => ({
    code,
    url: urls[code],
    current: code === req.language,
    form: form.id,
  }));
}

/** Whether a POST came from the language switcher of a form shown again, not from its own button. */
export const isLanguageSwitch = (body: Record<string, unknown> | undefined): boolean =>
  isLanguage(body?.[LANGUAGE_SWITCH_FIELD]);
