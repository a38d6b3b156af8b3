import { z } from 'zod';
import { isSingleAddress } from '../mail/address.js';
import { cleanAddress, cleanLine } from '../web/clean-text.js';
import { isOwnAddress, OWN_ADDRESS_ERROR } from '../web/own-address.js';
import type { ReferenceService } from '../reference/service.js';
import { firstString, LIMITS } from '../report-form/schema.js';
import type { AlertScope, Frequency } from './repository.js';

/** The form as typed: `place` is '', `parish:<code>` or `apvieniba:<code>`. */
export interface AlertFormValues {
  email: string;
  place: string;
  category: string;
  frequency: Frequency;
}

export type AlertField = 'email' | 'place' | 'category' | 'form';
export type AlertErrors = Partial<Record<AlertField, { key: string }[]>>;

// No length limits here: a value too long for any code or address is an error to show beside its
// field (checkAlertForm), with the form as typed, never a parse that throws.
const formSchema = z.object({
  email: z.string().transform(cleanAddress),
  place: z.string().transform(cleanLine),
  category: z.string().transform(cleanLine),
  frequency: z.enum(['immediate', 'daily']).catch('immediate'),
});
/** Longer than any parish, apvienība or category code: not looked up. */
const CODE_LIMIT = 40;

/** The form's values from a posted body, or from the query of a link (`?parish=…&category=…`). */
export function alertFormValues(input: Record<string, unknown>): AlertFormValues {
  const parish = firstString(input.parish);
  const apvieniba = firstString(input.apvieniba);
  const place =
    firstString(input.place) || (parish ? `parish:${parish}` : apvieniba ? `apvieniba:${apvieniba}` : '');
  return formSchema.parse({
    email: firstString(input.email),
    place,
    category: firstString(input.category),
    frequency: firstString(input.frequency),
  });
}

/**
 * Checks the form against the reference data and Tilts's own mail domain (no subscriber's address
 * is there): a wish, or the errors to show with the form.
 */
export async function checkAlertForm(
  reference: Pick<ReferenceService, 'parish' | 'apvienibas' | 'category'>,
  values: AlertFormValues,
  inboundDomain: string,
): Promise<{ wish?: AlertScope & { email: string; frequency: Frequency }; errors: AlertErrors }> {
  const errors: AlertErrors = {};
  if (!values.email) errors.email = [{ key: 'alerts.errors.emailMissing' }];
  else if (values.email.length > LIMITS.email || !isSingleAddress(values.email))
    errors.email = [{ key: 'alerts.errors.emailInvalid' }];
  else if (isOwnAddress(values.email, inboundDomain)) errors.email = [{ key: OWN_ADDRESS_ERROR }];
  const scope = await placeScope(reference, values.place);
  if (!scope) errors.place = [{ key: 'alerts.errors.placeUnknown' }];
  let categoryCode: string | null = null;
  if (values.category) {
    const category =
      values.category.length > CODE_LIMIT ? undefined : await reference.category(values.category);
    if (!category?.active) errors.category = [{ key: 'alerts.errors.categoryUnknown' }];
    else if (category.visibility === 'private') errors.category = [{ key: 'alerts.errors.categoryPrivate' }];
    else categoryCode = category.code;
  }
  if (Object.keys(errors).length > 0 || !scope) return { errors };
  return { wish: { ...scope, categoryCode, email: values.email, frequency: values.frequency }, errors };
}

async function placeScope(
  reference: Pick<ReferenceService, 'parish' | 'apvienibas'>,
  place: string,
): Promise<Omit<AlertScope, 'categoryCode'> | undefined> {
  if (!place) return { apvienibaCode: null, parishCode: null };
  const [kind, code = ''] = place.split(':', 2);
  if (code.length > CODE_LIMIT) return undefined;
  if (kind === 'parish') {
    const parish = await reference.parish(code);
    return parish ? { apvienibaCode: null, parishCode: parish.code } : undefined;
  }
  if (kind === 'apvieniba') {
    const found = (await reference.apvienibas()).find((apvieniba) => apvieniba.code === code);
    return found ? { apvienibaCode: found.code, parishCode: null } : undefined;
  }
  return undefined;
}
