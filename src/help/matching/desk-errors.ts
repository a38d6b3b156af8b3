import type { MatchDeskError } from './desk.js';

/** A field of the desk's forms a refusal can be about. */
export type DeskField = 'offer' | 'need' | 'answer' | 'how';

/** A form of the desk refused, as the desk shows it again: what was sent and why. */
export interface DeskFormState {
  form: string;
  values: Record<string, string>;
  /** The message's catalog key (`helpMatch.errors.<code>`). */
  error: string;
  /** The field the refusal is about; none when it is about the form as a whole. */
  field?: DeskField;
  /** The match a match's form (the answer by phone) was sent for. */
  matchId?: number;
}

/** What of the desk page the errors point at. */
interface DeskShown {
  goingAhead: boolean;
  candidates: readonly { id: number }[];
  matches: readonly { id: number; can: { phone: boolean; outcome: boolean } }[];
}

/** Which field of the proposal form a refusal is about (the others are about the form as a whole). */
const PROPOSE_FIELD: Partial<Record<MatchDeskError['code'], DeskField>> = {
  offer: 'offer',
  paused: 'offer',
  parish: 'offer',
  twice: 'offer',
  need: 'need',
  needPrivate: 'need',
  needPlace: 'need',
};

/** The field a refusal of `form` is about, if it is one. */
export function fieldOf(form: string, code: MatchDeskError['code']): DeskField | undefined {
  if (form === 'propose') return PROPOSE_FIELD[code];
  if (form === 'phone' && code === 'choose') return 'answer';
  if (form === 'outcome' && code === 'how') return 'how';
  return undefined;
}

/** The id of the element a field's error leads to, while the page still shows that field. */
function targetOf(form: DeskFormState, desk: DeskShown): string | undefined {
  const proposing = !desk.goingAhead && desk.candidates.length > 0;
  if (form.field === 'need') return proposing ? 'propose-need' : undefined;
  if (form.field === 'offer') {
    if (!proposing) return undefined;
    const chosen = desk.candidates.find((offer) => String(offer.id) === form.values.offer);
    return `offer-${(chosen ?? desk.candidates[0])!.id}`;
  }
  if (form.field === 'answer') {
    const match = desk.matches.find((one) => one.id === form.matchId && one.can.phone);
    return match ? `phone-${match.id}-agree` : undefined;
  }
  if (form.field === 'how') {
    const match = desk.matches.find((one) => one.id === form.matchId && one.can.outcome);
    return match ? `outcome-${match.id}` : undefined;
  }
  return undefined;
}

/**
 * The refused form as the view shows it, and its error summary (views/partials/form-error-summary):
 * a field's error links to the field and is said at it only while the page shows that field.
 */
export function deskErrors(form: DeskFormState | undefined, desk: DeskShown) {
  if (!form) return { form: { form: '', values: {}, error: '' }, errorSummary: [] };
  const target = targetOf(form, desk);
  return {
    form: { ...form, field: target ? form.field : undefined },
    errorSummary: [{ key: form.error, href: target ? `#${target}` : null }],
  };
}
