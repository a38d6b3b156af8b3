import type { Knex } from 'knex';
import { MASK, maskReporterContact } from '../mail/inbound/mask.js';
import { nameForms } from '../reports/name-forms.js';

/** The person a report's words are taken out of: its reporter as they were before erasure. */
export interface Forgotten {
  name: string | null;
  email: string | null;
  phone: string | null;
}

/** `text` without the person's own name (in any of its forms) and contact; nothing else changes. */
export function withoutPerson(text: string, person: Forgotten): string {
  const out = maskReporterContact(text, person);
  const forms = nameForms(person.name);
  return forms?.mayHold(out) ? out.replace(forms.pattern, MASK) : out;
}

const REPORT_WORDS = ['title', 'description', 'location'] as const;

/**
 * The reporter taken out of a public report's stored words: its own and every public update's
 * (a reply of theirs, an answer that greets them). Every public surface masked a name they kept
 * back, and their contact, by the name and contact on the report; once those are erased nothing
 * knows what to mask, and the name stood in clear on its page, in the feeds, open data and
 * Open311. A name they chose to show goes too: it no longer stands beside their words.
 */
export async function forgetPersonInWords(
  trx: Knex.Transaction,
  id: number,
  person: Forgotten,
): Promise<void> {
  if (!person.name && !person.email && !person.phone) return;
  const report = (await trx('reports')
    .where({ id })
    .first(...REPORT_WORDS)) as Record<(typeof REPORT_WORDS)[number], string | null> | undefined;
  const changes: Record<string, string> = {};
  for (const column of REPORT_WORDS) {
    const before = report?.[column];
    const after = before ? withoutPerson(before, person) : before;
    if (after && after !== before) changes[column] = after;
  }
  if (Object.keys(changes).length > 0) await trx('reports').where({ id }).update(changes);
  const updates = (await trx('report_updates')
    .where({ report_id: id })
    .whereNotNull('public_text')
    .select('id', 'public_text')) as { id: number; public_text: string }[];
  for (const update of updates) {
    const after = withoutPerson(update.public_text, person);
    // Written again from the new words by the search's catch-up (reports/search-words.ts).
    if (after !== update.public_text)
      await trx('report_updates').where({ id: update.id }).update({ public_text: after, search_text: null });
  }
}
