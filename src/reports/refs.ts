const REF_PATTERN = /^RZN-(\d{4})-(\d{5,})$/;

/** A report's public reference: `RZN-2026-00042` (year of filing, then a number that never repeats). */
export function formatRef(year: number, number: number): string {
  return `RZN-${year}-${String(number).padStart(5, '0')}`;
}

/** Accepts what a person might type or a mail client might change: any case, surrounding spaces. */
export function normaliseRef(input: unknown): string | undefined {
  if (typeof input !== 'string') return undefined;
  const ref = input.trim().toUpperCase();
  return REF_PATTERN.test(ref) ? ref : undefined;
}
