import { StaffActionError } from './action-kit.js';
import { FormProblem } from './forms.js';
import { answersNamed, PrivateAnswersProblem } from './private-answers.js';
import type { Language } from '../../i18n/index.js';
import { PublicAnswerProblem } from '../../reports/public-answer.js';

/**
 * Which field of a report's page a refused form's error belongs to, so the page's error summary
 * links to it and the field says it is invalid. A form's own fields only; an error of the whole
 * form (a report that stays private, one no longer held) links nowhere.
 */
const FIELD_IDS: Record<string, Record<string, string>> = {
  update: {
    status: 'update-status',
    closeReason: 'update-reason',
    duplicateOf: 'update-duplicate',
    publicText: 'update-text',
    internalNote: 'update-note',
  },
  move: { category: 'move-category', parish: 'move-parish' },
  privacy: { reason: 'privacy-reason' },
  assign: { staffId: 'assign-to' },
};

/** The field a refused action (`StaffActionError`'s code) is about, per form. */
const ACTION_FIELDS: Record<string, Record<string, string>> = {
  update: {
    nothing: 'status',
    nothingPrivate: 'status',
    state: 'status',
    statusAlready: 'status',
    closeReasonAlone: 'closeReason',
    duplicate_missing: 'duplicateOf',
    duplicate_unknown: 'duplicateOf',
    duplicate_self: 'duplicateOf',
  },
  move: { unmoved: 'category', category: 'category', parish: 'parish' },
  privacy: { publicReason: 'reason' },
  assign: { colleague: 'staffId' },
};

/** The field of `form` a refused action's `code` is about, if any. */
export function actionField(form: string, code: string): string | undefined {
  return Object.hasOwn(ACTION_FIELDS, form) ? ACTION_FIELDS[form]![code] : undefined;
}

/** The id of `field` in `form` on the report's page, if the page shows it. */
export function fieldId(form: string, field: string | undefined): string | undefined {
  if (!field || !Object.hasOwn(FIELD_IDS, form) || !Object.hasOwn(FIELD_IDS[form]!, field)) return undefined;
  return FIELD_IDS[form]![field];
}

/** A refused form's error (its key), what the message names, and the field it is in. */
export interface Refusal {
  error: string;
  vars?: Record<string, string> | undefined;
  field?: string | undefined;
}

/** What a form of the report's page says when `error` refused it; undefined for any other error. */
export function refusal(form: string, error: unknown, language: Language): Refusal | undefined {
  // The answers to hide before the report may be public, named in the reader's language.
  if (error instanceof PrivateAnswersProblem)
    return {
      error: 'staff.report.errors.privateAnswers',
      vars: { answers: answersNamed(error.answers, language) },
    };
  if (error instanceof StaffActionError)
    return { error: `staff.report.errors.${error.code}`, field: actionField(form, error.code) };
  if (error instanceof FormProblem) return { error: error.key, field: error.field };
  if (error instanceof PublicAnswerProblem)
    return { error: error.key, vars: error.vars, field: 'publicText' };
  return undefined;
}
