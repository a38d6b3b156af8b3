import type { Language } from '../../i18n/index.js';
import type { ReferenceService } from '../../reference/service.js';
import { errorSummary } from '../../web/error-summary.js';
import { DAYS, HELP_KINDS, SPOKEN } from '../types.js';
import {
  LIMITS,
  MAX_CAPACITY,
  OFFER_FIELDS,
  crossFieldIssues,
  offerDetails,
  offerFormSchema,
  type OfferField,
  type OfferFormValues,
} from './schema.js';
import type { OfferDetails } from './repository.js';

/** Where a message belongs: a field, or the form as a whole (a rate limit). */
export type OfferErrorField = OfferField | 'form';
type Message = { key: string };

/** The errors of one submission, one per field, in the order the form shows them. */
export class OfferFormErrors {
  private readonly byField = new Map<OfferErrorField, Message>();

  add(field: OfferErrorField, key: string): void {
    if (!this.byField.has(field)) this.byField.set(field, { key });
  }

  addIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): void {
    for (const issue of issues) {
      const field = String(issue.path[0] ?? 'form');
      this.add(
        (OFFER_FIELDS as readonly string[]).includes(field) ? (field as OfferField) : 'form',
        issue.message,
      );
    }
  }

  get any(): boolean {
    return this.byField.size > 0;
  }

  /** For the views: each field's message (as a list), and the summary linking to each field. */
  toView() {
    const fields: Partial<Record<OfferErrorField, Message[]>> = {};
    for (const [field, message] of this.byField) fields[field] = [message];
    return { errors: fields, errorSummary: errorSummary(fields, ['form', ...OFFER_FIELDS]) };
  }
}

/** Checks the form: the details to store, or the errors to show with the values again. */
export async function checkOfferForm(
  reference: Pick<ReferenceService, 'parishes'>,
  values: OfferFormValues,
  inboundDomain: string,
): Promise<{ details?: OfferDetails; errors: OfferFormErrors }> {
  const errors = new OfferFormErrors();
  const parishes = (await reference.parishes()).map((parish) => parish.code);
  const parsed = offerFormSchema(parishes, inboundDomain).safeParse(values);
  if (!parsed.success) errors.addIssues(parsed.error.issues);
  errors.addIssues(crossFieldIssues(values));
  return parsed.success && !errors.any ? { details: offerDetails(parsed.data), errors } : { errors };
}

/** What the form shows besides the values: every choice, parishes grouped by apvienība. */
export async function offerFormChoices(reference: Pick<ReferenceService, 'apvienibas'>, language: Language) {
  const apvienibas = await reference.apvienibas(language);
  return {
    kinds: HELP_KINDS,
    days: DAYS,
    spoken: SPOKEN,
    apvienibas: apvienibas.map((apvieniba) => ({
      code: apvieniba.code,
      name: apvieniba.names[language],
      parishes: apvieniba.parishes.map((parish) => ({ code: parish.code, name: parish.names[language] })),
    })),
    limits: LIMITS,
    maxCapacity: MAX_CAPACITY,
  };
}
