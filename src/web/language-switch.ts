import type { Request, Response } from 'express';
import { LANGUAGES, isLanguage } from '../i18n/index.js';
import { languageUrls } from './i18n.js';

/** The name of the language switcher's buttons on a form page (views/layouts/top.ejs). */
export const LANGUAGE_SWITCH_FIELD = '_lang';
/** Sent with a form nobody has sent yet: its switch shows it again without checking it. */
export const FRESH_FORM_FIELD = '_fresh';

/** Which form a page's language switcher sends again, and the address it is sent to. */
export interface SwitchForm {
  /** The `id` of the form on the page. */
  id: string;
  /** The form's own action, which answers the switch. */
  action: string;
}

/**
 * A form page holds what the person typed, and a plain link to the page in another language loses
 * it. There the switcher's entries are buttons of that form (views/layouts/top.ejs): each sends it
 * to its own address with `?lang=`, which picks the language as every link does (src/web/i18n.ts),
 * and `_lang`, which the handler reads as "show this form again in that language"
 * (`isLanguageSwitch`): nothing is saved, sent or counted. A form shown again from a POST has its
 * fields checked again, so their errors are said in that language too; a form not yet sent (opened
 * by a GET, then only switched) carries `_fresh` and comes back unchecked (`isFreshSwitch`), as a
 * switch is no sending. Nothing here needs JavaScript; pages without a long form keep their links.
 */
export function switchWithForm(req: Request, res: Response, form: SwitchForm): void {
  const fresh = req.method !== 'POST' || isFreshSwitch(req.body as Record<string, unknown> | undefined);
  const urls = languageUrls(form.action);
  res.locals.languages = LANGUAGES.map((code) => ({
    code,
    url: urls[code],
    current: code === req.language,
    form: form.id,
  }));
  res.locals.freshForm = fresh ? form.id : null;
}

/** Whether a POST came from the language switcher of a form page, not from its own button. */
export const isLanguageSwitch = (body: Record<string, unknown> | undefined): boolean =>
  isLanguage(body?.[LANGUAGE_SWITCH_FIELD]);

/** Whether that form had not been sent yet: shown again as typed, with no errors. */
export const isFreshSwitch = (body: Record<string, unknown> | undefined): boolean =>
  isLanguageSwitch(body) && body?.[FRESH_FORM_FIELD] === '1';
