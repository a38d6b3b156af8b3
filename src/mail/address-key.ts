import { domainToASCII, domainToUnicode } from 'node:url';

/*
 * One address, several spellings: a domain with non-Latin letters (`rēzekne.example`) travels as
 * punycode (`xn--rzekne-p3a.example`) in DNS and in DKIM's d=, mailparser hands it back decoded,
 * and an admin may have typed it either way. Whatever compares addresses or domains of inbound
 * mail compares them in one form: ASCII (A-labels), lower case.
 */

/** A domain as DNS names it: A-labels, lower case, no final dot; as given (lower-cased) when it is no domain. */
export function asciiDomain(domain: string): string {
  const bare = domain.trim().toLowerCase().replace(/\.$/, '');
  return domainToASCII(bare) || bare;
}

/** An address in the form addresses are compared in: the local part lower-cased, the domain as asciiDomain. */
export function addressKey(address: string): string {
  const bare = address.trim();
  const at = bare.lastIndexOf('@');
  if (at < 0) return bare.toLowerCase();
  return `${bare.slice(0, at).toLowerCase()}@${asciiDomain(bare.slice(at + 1))}`;
}

/**
 * An address as Tilts keeps it, in every table (contacts, staff accounts, reporters, followers,
 * alerts, volunteers, the people a request is for, emails in and out): lower-cased by JavaScript,
 * the same on every database, its domain in Unicode letters as people write it (`xn--bols-psa.example`
 * and `ĀBOLS.example` are both kept as `ābols.example`; a domain IDNA refuses is only lower-cased).
 * SQL's lower() changes non-Latin letters by the database's locale (`Ā` stays `Ā` under the C locale
 * PGlite has), so an address is looked up by this form of what was typed, never by lower() alone.
 */
export function storedAddress(address: string): string {
  const bare = address.trim();
  const at = bare.lastIndexOf('@');
  if (at < 0) return bare.toLowerCase();
  const ascii = asciiDomain(bare.slice(at + 1));
  const domain = ascii.includes('xn--') ? domainToUnicode(ascii).toLowerCase() || ascii : ascii;
  return `${bare.slice(0, at).toLowerCase()}@${domain}`;
}

/** A ban's value (an address, or a domain with or without its `@`) in storedAddress's form. */
export const storedBanValue = (value: string): string =>
  value.includes('@') ? storedAddress(value) : storedAddress(`x@${value}`).slice(2);

/** storedAddress of an address that may be missing. */
export const storedAddressOrNull = (address: string | null | undefined): string | null =>
  address == null ? null : storedAddress(address);

/** Whether two addresses are one, however their domains are spelled. */
export function sameAddress(a: string, b: string): boolean {
  return addressKey(a) === addressKey(b);
}

/**
 * The spellings an address may be stored in (lower case): as given, with its domain in ASCII, and
 * with it in Unicode letters; for finding a stored address by the form a message carries.
 */
export function addressSpellings(address: string): string[] {
  const key = addressKey(address);
  const at = key.lastIndexOf('@');
  const spellings = new Set([address.trim().toLowerCase(), key]);
  if (at >= 0) {
    const unicode = domainToUnicode(key.slice(at + 1));
    if (unicode) spellings.add(`${key.slice(0, at)}@${unicode.toLowerCase()}`);
  }
  return [...spellings];
}
