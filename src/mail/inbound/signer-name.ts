import { answerAbove } from './contact-card.js';
import { foldName } from './given-names.js';

/*
 * A reply signed with its sender's own name alone ("Labojām.\n\nGunita"), a name too rare for the
 * bundled set of given names (given-names.ts): the email's From says who wrote it ("Gunita
 * Bērziņa <…>"), and so does the contact it came from, so a last line of one or two of those
 * words is their signature. Nothing else of the answer is touched, and a name the answer leads
 * to ("Darbus veiks:\nGunita") stays, as with any signed name.
 */

// Words of a name, capitalised, of three letters or more: "Gunita", "Bērziņa"; not "SIA" or "un".
const NAME_WORD = /^\p{Lu}\p{Ll}{2,}(?:-\p{Lu}\p{Ll}{2,})?$/u;
const MAX_WORDS = 2;

/**
 * The words of a person's name ("Gunita Bērziņa <gunita@…>" → Gunita, Bērziņa), or none for an
 * office's ("Kaunatas pagasta pārvalde"), whose words a last line may use for something else.
 */
function personWords(name: string | null | undefined): string[] {
  const words = (name ?? '')
    .replace(/<[^>]*>/gu, ' ')
    .split(/[\s,"()]+/u)
    .filter((word) => word !== '');
  return words.length > 0 && words.length <= 4 && words.every((word) => NAME_WORD.test(word)) ? words : [];
}

/** The last line, when it is only the signer's own name (a line of `lines`' index), or undefined. */
function signerNameAt(
  lines: readonly string[],
  names: readonly (string | null | undefined)[],
): number | undefined {
  const own = new Set(names.flatMap(personWords).map(foldName));
  if (own.size === 0) return undefined;
  let end = lines.length;
  while (end > 0 && lines[end - 1]!.trim() === '') end -= 1;
  if (end === 0) return undefined;
  // A dash before the name is a signature's too ("— Gunita").
  const last = lines[end - 1]!.trim().replace(/^(?:--|[–—])\s*/u, '');
  const words = last.split(/\s+/u);
  const signed =
    words.length <= MAX_WORDS && words.every((word) => NAME_WORD.test(word) && own.has(foldName(word)));
  return signed && answerAbove(lines, end - 1) ? end - 1 : undefined;
}

/** The reply without its last line when that line is only the signer's own name, or as it is. */
export function withoutSignerName(text: string, names: readonly (string | null | undefined)[]): string {
  const lines = text.split('\n');
  const at = signerNameAt(lines, names);
  return at === undefined ? text : lines.slice(0, at).join('\n').replace(/\s+$/u, '');
}

/** The signer's own name alone on the last line, as typed (trimmed), or undefined: for a typed answer. */
export function signerNameLine(
  text: string,
  names: readonly (string | null | undefined)[],
): string | undefined {
  const lines = text.split(/\r?\n/u);
  const at = signerNameAt(lines, names);
  return at === undefined ? undefined : lines[at]!.trim();
}
