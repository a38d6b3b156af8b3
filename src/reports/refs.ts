const REF_PATTERN = /^RZN-\d{4}-\d{5,}$/;
/** A number shorter than `formatRef` pads it: `RZN-2026-299`. */
const SHORT_REF = /^(RZN-\d{4})-(\d{1,4})$/;

/** A report's public reference: `RZN-2026-00042` (year of filing, then a number that never repeats). */
export function formatRef(year: number, number: number): string {
  return `RZN-${year}-${String(number).padStart(5, '0')}`;
}

/**
 * Accepts what a person might type or a mail client might change: any case, surrounding spaces,
 * a number without the zeros that pad it to five digits (`rzn-2026-299`, as the list's search
 * takes it), answered padded as `formatRef` writes it, so each report has one address.
 */
export function normaliseRef(input: unknown): string | undefined {
  if (typeof input !== 'string') return undefined;
  const ref = input.trim().toUpperCase();
  if (REF_PATTERN.test(ref)) return ref;
  const short = SHORT_REF.exec(ref);
  return short && Number(short[2]) > 0 ? `${short[1]}-${short[2]!.padStart(5, '0')}` : undefined;
}

const SEARCHED_REF = /^(?:RZN[\s-]?)?(\d{4})[\s-](\d{1,9})$/i;

/**
 * The report a search names by its number, with or without the prefix and its zeros:
 * "RZN-2026-00042", "rzn-2026-00042", "2026-00042" and "2026-42" all name RZN-2026-00042.
 */
export function refInSearch(input: string): string | undefined {
  const match = SEARCHED_REF.exec(input.trim());
  if (!match) return undefined;
  const number = Number(match[2]);
  return number > 0 ? formatRef(Number(match[1]), number) : undefined;
}
