import type { Language, Translate } from '../../i18n/index.js';
import type { ReferenceService } from '../../reference/service.js';
import { dateFormats } from '../../report-pages/dates.js';
import type { Report } from '../../reports/types.js';
import type { StaffUser } from '../../staff/types.js';
import { errorSummary } from '../../web/error-summary.js';
import { DAYS, HELP_KINDS, SPOKEN, type HelpRequestDetails } from '../types.js';
import type { HelpRequestRecord } from './repository.js';
import { KNOWS, LIMITS, WANTS } from './schema.js';

/** A message of a form: a catalog key (and its values). */
export interface Message {
  key: string;
  vars?: Record<string, string | number>;
}

/**
 * A failed form's errors for the shared form partials: one message per field, and a summary that
 * links each to its field (`#field-<name>`, or the first box of a group), in the form's order.
 */
export function formErrors(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  order: readonly string[],
  extra: readonly { field: string; message: Message }[] = [],
) {
  const byField = new Map<string, Message>();
  for (const { field, message } of extra) if (!byField.has(field)) byField.set(field, message);
  for (const issue of issues) {
    const field = String(issue.path[0] ?? 'form');
    if (!byField.has(field)) byField.set(field, { key: issue.message });
  }
  const fields: Record<string, Message[]> = {};
  for (const [field, message] of byField) fields[field] = [message];
  return { errors: fields, errorSummary: errorSummary(fields, ['form', ...order]) };
}

export const noErrors = () => ({ errors: {}, errorSummary: [] });

/** The choices of the help details, named in the page's language (shared words of help). */
export function detailChoices(t: Translate) {
  const named = (prefix: string) => (code: string) => ({ code, name: t(`${prefix}.${code}`) });
  return {
    kinds: HELP_KINDS.map(named('help.kinds')),
    days: DAYS.map(named('help.days')),
    speaks: SPOKEN.map(named('help.speaks')),
    wants: WANTS.map(named('helpRequest.wants')),
    knows: KNOWS.map(named('helpRequest.knows')),
    limits: LIMITS,
  };
}

/** What the public form needs besides the values: help categories and parishes by apvienība. */
export async function requestChoices(
  reference: Pick<ReferenceService, 'categories' | 'apvienibas'>,
  t: Translate,
  language: Language,
) {
  const [categories, apvienibas] = await Promise.all([
    reference.categories(language),
    reference.apvienibas(language),
  ]);
  return {
    ...detailChoices(t),
    categories: categories
      .filter((category) => category.active && category.kind === 'help')
      .map((category) => ({ code: category.code, name: category.names[language] })),
    apvienibas: apvienibas.map((apvieniba) => ({
      label: apvieniba.names[language],
      options: apvieniba.parishes.map((parish) => ({ code: parish.code, name: parish.names[language] })),
    })),
  };
}

/** A phone number as a `tel:` link dials it. */
const telHref = (phone: string) => `tel:${phone.replace(/[^+\d]/g, '')}`;

/** The help details of a request for the staff page, in the reader's language. */
export function helpRequestView(
  details: HelpRequestDetails & { erasedAt?: Date | null },
  t: Translate,
  language: Language,
) {
  const { dateTime, dateTimeOn } = dateFormats(language);
  const other = details.forWhom === 'other';
  const told = details.subjectToldAt ? dateTime(details.subjectToldAt) : null;
  return {
    forWhom: t(`helpRequest.panel.forWhom.${details.forWhom}`),
    subject: other
      ? {
          name: details.subjectName,
          knows: details.subjectKnows ? t(`helpRequest.knows.${details.subjectKnows}`) : null,
          phone: details.subjectPhone,
          phoneHref: details.subjectPhone ? telHref(details.subjectPhone) : null,
          email: details.subjectEmail,
        }
      : null,
    /** When they were told; else how staff should tell them (by phone, or when they reach them). */
    told,
    tellBy: other && !told && !details.erasedAt ? (details.subjectPhone ? 'phone' : 'none') : null,
    kinds: details.kinds.map((kind) => t(`help.kinds.${kind}`)),
    wants: t(`helpRequest.wants.${details.wants}`),
    days: details.days.map((day) => t(`help.days.${day}`)),
    times: details.times,
    speaks: details.speaks.map((code) => t(`help.speaks.${code}`)),
    created: dateTime(details.createdAt),
    // Said after "were erased" ("izdzēsti 2026. gada 30. novembrī 12:15"), a Latvian locative.
    erased: details.erasedAt ? dateTimeOn(details.erasedAt) : null,
  };
}

export type HelpRequestView = ReturnType<typeof helpRequestView>;

/**
 * The locals of `views/help/requests/staff-panel.ejs` on the staff report page: the request's
 * details (null when the report is no request), and what this user may do there.
 */
export function helpPanel(
  details: HelpRequestRecord | HelpRequestDetails | undefined,
  options: {
    t: Translate;
    language: Language;
    report: Pick<Report, 'ref' | 'isPrivate'>;
    user: Pick<StaffUser, 'role'>;
    /** `canHandleReport` for this user and report (the staff page knows it). */
    canHandle: boolean;
  },
) {
  const { t, language, report, user, canHandle } = options;
  const canManage = canHandle && (user.role === 'admin' || user.role === 'social_worker');
  return {
    help: details ? helpRequestView(details, t, language) : null,
    ref: report.ref,
    canManage,
    canConvert: canManage && !details && report.isPrivate,
  };
}

export type HelpPanelLocals = ReturnType<typeof helpPanel>;
