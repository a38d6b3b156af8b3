import type { Translate } from '../i18n/index.js';
import type { PublicFilters } from '../reports/types.js';

/**
 * The list's page title (WCAG 2.4.2): its name, then what it is filtered by, then which page, so
 * page 2 and a filtered list are told apart in tabs, history and a screen reader's first words.
 * `names` give each code in the reader's language.
 */
export function listTitle(
  t: Translate,
  base: string,
  filters: PublicFilters,
  names: {
    parish: (code: string) => string;
    apvieniba: (code: string) => string;
    category: (code: string) => string;
  },
  pagination: { shown: boolean; page: number | null; summary: string },
): string {
  const parts = [
    filters.apvieniba && names.apvieniba(filters.apvieniba),
    filters.parish && names.parish(filters.parish),
    filters.category && names.category(filters.category),
    filters.status && t(`status.${filters.status}`),
    filters.q && t('reports.list.titleSearch', { q: filters.q }),
  ].filter((part): part is string => Boolean(part));
  const title = parts.length > 0 ? `${base}: ${parts.join(', ')}` : base;
  return pagination.shown && pagination.page !== 1 ? `${title} — ${pagination.summary}` : title;
}
