import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import { firstString } from '../report-form/schema.js';
import { checkCsrf } from '../staff/session.js';
import { cleanLine, cleanText } from '../web/clean-text.js';
import { NotFoundError } from '../web/errors.js';
import { parseForm } from '../web/uploads.js';
import { formatWhen, formatWhenAt } from './dates.js';

/*
 * What every admin form shares: the body is parsed and its CSRF token checked, the typed text is
 * cleaned (control characters and NUL bytes go, as everywhere in Tilts), checked by one zod schema
 * per form, and a failed form is shown again with the input and a translated message per field.
 */

/** Before every admin POST handler: the urlencoded body, then its token. */
export const postForm: RequestHandler[] = [parseForm, checkCsrf];

export interface FieldError {
  key: string;
  vars?: Record<string, unknown>;
}
export type FieldErrors = Record<string, FieldError[]>;

/** A form as its page shows it: what was typed, and what was wrong with it. */
export interface FormState<V> {
  values: V;
  errors: FieldErrors;
}

/** A problem only the service can see (a code taken, an admin demoting themselves): one field's error. */
export class FormProblem extends Error {
  constructor(
    readonly field: string,
    readonly key: string,
  ) {
    super(key);
    this.name = 'FormProblem';
  }
}

/** Who did it, for the audit log. */
export interface Actor {
  staffId: number;
  ip: string | null;
}

export const actorOf = (req: Request): Actor => ({ staffId: req.staff!.id, ip: req.ip ?? null });

export const bodyOf = (req: Request): Record<string, unknown> => (req.body ?? {}) as Record<string, unknown>;

/** One line of text as typed: whitespace runs collapsed, control characters gone. */
export const line = (value: unknown): string => cleanLine(firstString(value));

/** Text of several lines as typed, trimmed. */
export const paragraphs = (value: unknown): string => cleanText(firstString(value)).trim();

/** A ticked checkbox sends its value; an unticked one sends nothing. */
export const ticked = (value: unknown): boolean => {
  const given = firstString(value);
  return given !== '' && given !== '0';
};

/** Ids in URLs and forms: a positive integer PostgreSQL's `integer` holds. */
export const ID_PATTERN = /^[1-9]\d{0,8}$/;

/** The id in a URL, or the translated 404 page: an id that cannot exist names nothing. */
export function idParam(value: unknown): number {
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) throw new NotFoundError();
  return Number(value);
}

/** The message keys of a failed parse, by field; a length limit carries its number. */
export function errorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    // A length limit carries its number; a rule of our own, what its message names.
    const vars =
      'maximum' in issue
        ? { max: Number(issue.maximum) }
        : issue.code === 'custom' && issue.params
          ? (issue.params as Record<string, unknown>)
          : undefined;
    (errors[field] ??= []).push(vars ? { key: issue.message, vars } : { key: issue.message });
  }
  return errors;
}

/** A required line of at most `max` characters. */
export const requiredText = (max: number) =>
  z.string().min(1, 'admin.errors.required').max(max, 'admin.errors.tooLong');

/** One of these values, or a translated "choose one of the list". */
export const oneOf = <T extends string>(values: readonly [T, ...T[]]) =>
  z.enum(values, { error: 'admin.errors.choose' });

export interface FormSpec<V, D> {
  /** The cleaned input, which is also what the form shows again. */
  read(body: Record<string, unknown>, req: Request): V;
  check(values: V, req: Request): Promise<z.ZodSafeParseResult<D>> | z.ZodSafeParseResult<D>;
  /** Saves and answers where to go next; throws `FormProblem` for what only it can see. */
  save(data: D, req: Request): Promise<string>;
  show(req: Request, res: Response, status: number, form: FormState<V>): Promise<void>;
}

/** The POST handler of a form: check, save and redirect, or show the form again with its errors. */
export function submitForm<V, D>(spec: FormSpec<V, D>): RequestHandler {
  return async (req, res) => {
    const values = spec.read(bodyOf(req), req);
    const parsed = await spec.check(values, req);
    if (!parsed.success) return spec.show(req, res, 422, { values, errors: errorsOf(parsed.error) });
    try {
      res.redirect(303, await spec.save(parsed.data, req));
    } catch (error) {
      if (!(error instanceof FormProblem)) throw error;
      await spec.show(req, res, 422, { values, errors: { [error.field]: [{ key: error.key }] } });
    }
  };
}

/** The notes a page may show after a redirect (`?done=saved`); anything else shows nothing. */
const NOTICES = [
  'saved',
  'added',
  'removed',
  'retried',
  'fixed',
  'deactivated',
  'addresses',
  'unchanged',
  'twoFactorReset',
] as const;
export type Notice = (typeof NOTICES)[number];

export const withNotice = (path: string, notice: Notice) =>
  `${path}${path.includes('?') ? '&' : '?'}done=${notice}`;

/** The number a counted notice says (`?done=addresses&changed=3`), or null. */
export const changedOf = (req: Request): number | null => {
  const given = req.query.changed;
  return typeof given === 'string' && /^[1-9]\d{0,5}$/.test(given) ? Number(given) : null;
};

export const noticeOf = (req: Request): Notice | null => {
  const asked = req.query.done;
  if (asked === 'addresses' && changedOf(req) === null) return null;
  return (NOTICES as readonly unknown[]).includes(asked) ? (asked as Notice) : null;
};

/** Renders an admin page under the workspace's "Settings" menu item. */
export function render(
  res: Response,
  view: string,
  locals: Record<string, unknown>,
  status = 200,
  current: 'admin' | 'audit' = 'admin',
): void {
  const language: unknown = res.locals.lang;
  const when = (date: Date) => formatWhen(date, language);
  // After "since" ("kopš"): the Latvian genitive.
  const whenSince = (date: Date) => formatWhenAt(date, language, 'from');
  res.status(status).render(`admin/${view}`, { staffCurrent: current, when, whenSince, ...locals });
}

/** Whether the second step of an action that asks first was sent (its form's confirm=yes). */
export const confirmed = (req: Request): boolean => bodyOf(req).confirm === 'yes';

/** The page that asks before an action (views/admin/confirm.ejs); its form posts confirm=yes. */
export function confirmPage(
  res: Response,
  page: {
    heading: string;
    facts?: [string, string][];
    paragraphs: string[];
    action: string;
    submit: string;
    danger?: boolean;
    cancelHref: string;
    cancelLabel: string;
  },
): void {
  render(res, 'confirm', { facts: [], danger: false, ...page });
}
