import type { Translate } from '../i18n/index.js';
import { writerNamed, type PublicWords } from '../reports/public-words.js';
import type { ReportSummary } from '../reports/types.js';
import { statusLabel } from './status-words.js';
import type { dateFormats } from './dates.js';

/** A list's report as the public reads it: no contact, and not its writer's name, in its title or place. */
export function publicSummary(summary: ReportSummary, publicWords: Pick<PublicWords, 'of'>): ReportSummary {
  const writer = writerNamed(summary.writerName);
  return {
    ...summary,
    title: publicWords.of(summary.title, writer),
    location: publicWords.of(summary.location, writer),
    // Its only use is done: the name goes no further, not even to a template.
    writerName: null,
  };
}

/** One list item, with names in the reader's language. */
export function summaryView(
  summary: ReportSummary,
  names: { category: (code: string) => string; parish: (code: string) => string },
  t: Translate,
  formats: ReturnType<typeof dateFormats>,
  publicWords: Pick<PublicWords, 'of'>,
) {
  const { title, location } = publicSummary(summary, publicWords);
  return {
    ref: summary.ref,
    title,
    location,
    /** The reporter's language: the title and place carry it as `lang` when it is not the page's. */
    language: summary.language,
    categoryName: names.category(summary.categoryCode),
    parishName: names.parish(summary.parishCode),
    status: summary.status,
    statusLabel: statusLabel(t, summary.status),
    createdIso: summary.createdAt.toISOString(),
    createdText: formats.date(summary.createdAt),
    thumbUrl: summary.thumbKey ? `/photos/${summary.thumbKey}/thumb` : null,
  };
}
