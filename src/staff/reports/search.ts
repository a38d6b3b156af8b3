import type { Knex } from 'knex';
import { containing } from '../../db/like.js';
import { isPhoneNumber } from '../../web/phone-number.js';

/**
 * What the queue's search reads of a report (`reports as <alias>`), folded as the public search
 * folds (case and diacritics: "berzina" finds "Bērziņa", "vilani" finds "Viļāni"): its number, its
 * words as staff read them (as typed), and its reporter's name, email and phone, the phone as its
 * digits alone. The expression of the index `reports_staff_search` (migration 20270104010000),
 * written the same way so that the search reads it; whom it may show is the caller's scope.
 */
const staffSearchText = (alias: string) => `tilts_fold(${alias}.ref || ' ' || ${alias}.title
  || ' ' || ${alias}.description || ' ' || ${alias}.location
  || ' ' || coalesce(${alias}.reporter_name, '') || ' ' || coalesce(${alias}.reporter_email, '')
  || ' ' || coalesce(regexp_replace(${alias}.reporter_phone, '[^0-9]', '', 'g'), ''))`;

/**
 * A request for help is found by the name of the person it is for too (not only by its asker's,
 * the reporter's): the expression of the index `help_requests_staff_search` (migration
 * 20270104030200). Anyone who may see the request reads that name on its page.
 */
const HELPED_PERSON_TEXT = 'tilts_fold(h.subject_name)';

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

/**
 * Limits a query on `reports as r` to those the search finds: the reports whose own words match
 * and the requests whose helped person's name does, each read from its own index (one list of
 * ids, so neither side makes the other a scan).
 */
export function whereStaffSearch(query: Knex.QueryBuilder, q: string): Knex.QueryBuilder {
  const digits = phoneDigits(q);
  const pattern = containing(q);
  return query.whereIn('r.id', (found) => {
    void found
      .from('reports as s')
      .select('s.id')
      .where((where) => {
        void where.whereRaw(`${staffSearchText('s')} LIKE tilts_fold(?)`, [pattern]);
        if (digits && digits !== q)
          void where.orWhereRaw(`${staffSearchText('s')} LIKE ?`, [containing(digits)]);
      })
      .unionAll((helped) => {
        void helped
          .from('help_requests as h')
          .select('h.report_id')
          .whereRaw(`${HELPED_PERSON_TEXT} LIKE tilts_fold(?)`, [pattern]);
      });
  });
}
