import type { Knex } from 'knex';
import { containing } from '../../db/like.js';
import { isPhoneNumber } from '../../web/phone-number.js';

/**
 * What the queue's search reads of a report (`reports as r`), folded as the public search folds
 * (case and diacritics: "berzina" finds "Bērziņa", "vilani" finds "Viļāni"): its number, its
 * words as staff read them (as typed), and its reporter's name, email and phone, the phone as its
 * digits alone. The expression of the index `reports_staff_search` (migration 20270104010000),
 * written the same way so that the search reads it; whom it may show is the caller's scope.
 */
const STAFF_SEARCH_TEXT = `tilts_fold(r.ref || ' ' || r.title || ' ' || r.description || ' ' || r.location
  || ' ' || coalesce(r.reporter_name, '') || ' ' || coalesce(r.reporter_email, '')
  || ' ' || coalesce(regexp_replace(r.reporter_phone, '[^0-9]', '', 'g'), ''))`;

const LATVIA = '371';

/**
 * A phone number typed in the search as the digits a reporter's phone is kept as, without
 * Latvia's country code ("+371 29 12 34 56" → "29123456", found in "+371 29123456" and in
 * "29 123 456" alike); undefined for anything that is not a phone number.
 */
export function phoneDigits(q: string): string | undefined {
  if (!isPhoneNumber(q)) return undefined;
  const digits = q.replace(/\D/g, '');
  return digits.length === 11 && digits.startsWith(LATVIA) ? digits.slice(LATVIA.length) : digits;
}

/** Limits a query on `reports as r` to those the search finds. */
export function whereStaffSearch(query: Knex.QueryBuilder, q: string): Knex.QueryBuilder {
  const digits = phoneDigits(q);
  return query.where((where) => {
    void where.whereRaw(`${STAFF_SEARCH_TEXT} LIKE tilts_fold(?)`, [containing(q)]);
    if (digits && digits !== q) void where.orWhereRaw(`${STAFF_SEARCH_TEXT} LIKE ?`, [containing(digits)]);
  });
}
