/**
 * A phone number as people write it on a form: "29 123 456", "+371 29123456", "(29) 123-456",
 * "29.12.34.56", "64 60/0000": digits with spaces, dots, dashes, slashes, brackets and a leading
 * plus, at least six digits (a bare "+" or "-" is no number for a clerk to call).
 */
export function isPhoneNumber(value: string): boolean {
  return /^[0-9 +()./-]+$/.test(value) && (value.match(/\d/g)?.length ?? 0) >= 6;
}
