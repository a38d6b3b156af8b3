/*
 * Who reads a private report, as its reporter is told. A report in a private category is routed to
 * the social worker alone; one staff made private (or moved into a private category) keeps the
 * recipients it had, and a parish clerk among them still reads it (staff/access.ts).
 */

/** `social`: the social worker and the municipality's administrators; `office`: an administration too. */
export type PrivateReaders = 'social' | 'office';

/** Who reads a private report with these recipients, besides its reporter. */
export function privateReaders(recipients: readonly { role: string }[]): PrivateReaders {
  return recipients.some((recipient) => recipient.role === 'parish_admin') ? 'office' : 'social';
}

/**
 * i18next's context of what a private report's own page says of withdrawing it: `office` for a
 * problem report an administration handles (not "a request", not "the social worker" alone); ''
 * for a request for help, or a report the social worker alone reads.
 */
export function privateWordsContext(
  readers: PrivateReaders | null | undefined,
  wordsFor: 'help' | '',
): 'office' | '' {
  return readers === 'office' && wordsFor === '' ? 'office' : '';
}
