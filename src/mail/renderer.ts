import path from 'node:path';
import type { i18n } from 'i18next';
import { dateAt, sentenceDate } from '../i18n/dates.js';
import { LANGUAGES, type Language } from '../i18n/index.js';
import { addLanguage } from '../i18n/language-url.js';
import { projectPath } from '../paths.js';
import { compileTemplate, escapeHtml } from '../web/compile-template.js';
import { templateFiles } from '../web/template-files.js';
import { toHeaderLine } from './address.js';
import { EMAIL_STYLES } from './email-styles.js';
import { withErasedTitleSaid } from './erasure.js';
import { recipientName, withUnprovenWordsHidden } from './unproven.js';
import { formatNumber } from '../i18n/numbers.js';

export interface RenderedEmail {
  /** One line, no CR/LF, at most SUBJECT_MAX_LENGTH characters. */
  subject: string;
  text: string;
  html: string;
}

export interface EmailRendererOptions {
  i18n: i18n;
  /** Every link in an email starts with it (no trailing slash). */
  publicUrl: string;
  /** Defaults to `views/emails` of the project. */
  templatesDir?: string;
  /** Keep compiled templates in memory (production); off, an edited template shows at once. */
  cache?: boolean;
}

export const SUBJECT_MAX_LENGTH = 300;
/** Rēzeknes novads: every date in an email is local time there. */
const TIME_ZONE = 'Europe/Riga';
const TEMPLATE_NAME = /^[a-z0-9][a-z0-9-]{0,60}$/;
const DEFAULT_TEMPLATES_DIR = projectPath('views', 'emails');

type Mode = 'text' | 'html';

/**
 * Emails to someone whose language Tilts does not know (the person another asked help for): one
 * email in Latvian, English and Russian, whatever language it is queued in.
 */
const IN_EVERY_LANGUAGE: ReadonlySet<string> = new Set(['help-request-subject']);
export const inEveryLanguage = (template: string): boolean => IN_EVERY_LANGUAGE.has(template);

// The text part is not HTML: `<` and `&` must reach the reader as typed. Header safety does not
// depend on this (the body is not a header; subjects are made one line separately).
const plain = (value: unknown): string =>
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- the same conversion as EJS's own escaping
  value === undefined || value === null ? '' : String(value);

/**
 * Email templates are compiled as pages are (locals read as variables, not through `with`; each
 * include found once), but keep their whitespace: a plain-text email's blank lines are its
 * paragraphs. A `.text.ejs` file writes values as typed and any other escapes them as HTML: the
 * rule follows each file, so a text part's partials (`partials/report.text.ejs`) write as typed too.
 */
const emailTemplates = () =>
  templateFiles({
    compile: (source, file) =>
      compileTemplate(source, file, {
        compact: false,
        escape: file.endsWith('.text.ejs') ? plain : escapeHtml,
      }),
  });

/**
 * Renders an email — subject, plain text and HTML — from `views/emails/<name>.text.ejs` and
 * `<name>.html.ejs`, each wrapped in the shared layout, in the recipient's language.
 */
export class EmailRenderer {
  private readonly templatesDir: string;
  private readonly files = emailTemplates();

  constructor(private readonly options: EmailRendererOptions) {
    this.templatesDir = options.templatesDir ?? DEFAULT_TEMPLATES_DIR;
  }

  render(template: string, language: Language, given: object): RenderedEmail {
    if (!TEMPLATE_NAME.test(template)) throw new Error(`email template name "${template}" is not valid`);
    const { i18n: i18nInstance } = this.options;
    const subjectKey = `mail.${template}.subject`;
    if (!i18nInstance.exists(subjectKey, { lng: language }))
      throw new Error(
        `email template "${template}" has no subject in the ${language} catalog (${subjectKey})`,
      );
    if (inEveryLanguage(template)) return this.renderInEveryLanguage(template, given);
    const locals = this.locals(template, language, given);
    const render = (mode: Mode) =>
      this.template('layout', mode, { ...locals, body: this.template(template, mode, locals) });
    return { subject: locals.subject, text: tidyText(render('text')), html: render('html') };
  }

  /** The name its To header gives the recipient of `template` (unproven.ts: none that holds a link or contact). */
  recipientName(template: string, name: string | null, data?: object): string | null {
    return recipientName(template, name, data);
  }

  /**
   * One email in Latvian, then English and Russian: each language's part is the template rendered
   * with that language's words and ends with its own reason; the subject says each, Latvian first.
   */
  private renderInEveryLanguage(template: string, given: object): RenderedEmail {
    const parts = LANGUAGES.map((language) => this.locals(template, language, given));
    const subject = toHeaderLine(parts.map((part) => part.subject).join(' / '), SUBJECT_MAX_LENGTH);
    const [latvian] = parts;
    const render = (mode: Mode) => {
      const body = parts
        .map((part) =>
          this.template('partials/in-language', mode, {
            ...part,
            body: this.template(template, mode, part),
          }),
        )
        .join(
          mode === 'html' ? '\n<hr style="border:0;border-top:1px solid #c9d0d8;margin:24px 0;">\n' : '\n\n',
        );
      // The layout is Latvian, its reason said by each part instead.
      return this.template('layout', mode, { ...latvian, subject, reason: '', body });
    };
    return { subject, text: tidyText(render('text')), html: render('html') };
  }

  /** What a template reads in one language: the caller's data, its words, dates and links. */
  private locals(template: string, language: Language, given: object) {
    const { i18n: i18nInstance, publicUrl } = this.options;
    const t = i18nInstance.getFixedT(language);
    // An address still to be proven reads no link or contact in a report's words (unproven.ts).
    const data = withUnprovenWordsHidden(template, withErasedTitleSaid(given, t), t);
    const wordsFor = wordsOf(data);
    const subject = toHeaderLine(
      t(`mail.${template}.subject`, { ...data, context: wordsFor }),
      SUBJECT_MAX_LENGTH,
    );
    const reasonKey = i18nInstance.exists(`mail.${template}.reason`, { lng: language })
      ? `mail.${template}.reason`
      : 'mail.layout.reason';
    const { dates, times } = dateFormats(language);
    return {
      ...data,
      // The caller's data as given, also under names the renderer's own locals hide (publicUrl).
      data,
      t,
      lang: language,
      publicUrl,
      subject,
      style: EMAIL_STYLES,
      reason: t(reasonKey, { ...data, context: footerOf(data) ?? (wordsFor || readerOf(data)) }),
      /** i18next's context of the email's words: `help` for a request for help, so `key_help` is said. */
      wordsFor,
      /** The site's front page in the email's language, Latvian too: an email is read away from any cookie. */
      homeUrl: addLanguage(`${publicUrl}/`, language),
      /** An absolute link for a path of the site: `link('/reports/RZN-2026-00042')`. */
      link: (pathname: string) => `${publicUrl}${pathname.startsWith('/') ? '' : '/'}${pathname}`,
      /** A date (and time) as the recipient reads it, in Latvian time. */
      formatDate: (value: Date | string) => sentenceDate(language, dates.format(new Date(value))),
      /** A date after "until": "līdz 2026. gada 30. novembrim" (the dative), "до 30 ноября 2026". */
      formatDateUntil: (value: Date | string) =>
        dateAt(language, 'until', dates.formatToParts(new Date(value))),
      /** A date a verb follows: "2026. gada 30. novembrī" (the locative), "30 ноября 2026 г.". */
      formatDateOn: (value: Date | string) => dateAt(language, 'on', dates.formatToParts(new Date(value))),
      formatDateTime: (value: Date | string) => times.format(new Date(value)),
      /** A count as the recipient writes numbers: "5 000" (lv, ru), "5,000" (en). */
      formatNumber: (value: number) => formatNumber(value, language),
    };
  }

  private template(name: string, mode: Mode, locals: Record<string, unknown>): string {
    const file = path.join(this.templatesDir, `${name}.${mode}.ejs`);
    return this.files.render(file, locals, this.options.cache !== false);
  }
}

/**
 * An automatic answer to whoever wrote in (`footer` in its data) says why they got it as fits
 * them: `reason_staff` to a contact for reports, its plain `reason` to anyone else.
 */
function footerOf(data: object): 'staff' | undefined {
  return (data as { footer?: unknown }).footer === 'staff' ? 'staff' : undefined;
}

/**
 * Why a report's update reaches this reader, as is true of them: `follower` for one who chose to
 * follow it (its `reason_follower`), `duplicate` for one whose report was closed as a duplicate of
 * it, `joined` for one who followed such a report, '' for its reporter (who reported it).
 */
function readerOf(data: object): 'follower' | 'duplicate' | 'joined' | '' {
  const reader = (data as { reader?: unknown }).reader;
  return reader === 'follower' || reader === 'duplicate' || reader === 'joined' ? reader : '';
}

/** An email about a request for help (its report view says `isHelp`) says "request", not "report". */
function wordsOf(data: object): 'help' | '' {
  const report = (data as { report?: { isHelp?: unknown } }).report;
  return report?.isHelp === true ? 'help' : '';
}

/**
 * Dates as each language writes them in a sentence: "2026. gada 30. novembris" (declined where
 * the sentence asks: `formatDateUntil`), "30 November 2026", "30 ноября 2026 г."; with a time,
 * Latvian writes the date in figures ("30.11.2026 12:15").
 */
function dateFormats(language: Language) {
  const locale = language === 'en' ? 'en-GB' : language;
  const numeric = { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: TIME_ZONE } as const;
  return {
    dates: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: TIME_ZONE }),
    times:
      language === 'lv'
        ? new Intl.DateTimeFormat('lv', { ...numeric, hour: '2-digit', minute: '2-digit' })
        : new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: TIME_ZONE }),
  };
}

/** Blank-line runs collapsed, trailing spaces dropped (but not the "-- " signature separator). */
export function tidyText(text: string): string {
  return `${text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => (line === '-- ' ? line : line.trimEnd()))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
