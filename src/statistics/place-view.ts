import { officeWords } from '../contacts/office-role.js';
import type { Language, Translate } from '../i18n/index.js';
import { addLanguage } from '../i18n/language-url.js';
import { dateFormats } from '../report-pages/dates.js';
import { summaryView } from '../report-pages/summary-view.js';
import type { PublicWords } from '../reports/public-words.js';
import type { ApvienibaPage, ListedReports, ParishPage } from './place-service.js';
import { rowView, trendView } from './view.js';

/** The lists of reports, as the public list shows each item (never a reporter's contact). */
function listsView(
  page: ParishPage | ApvienibaPage,
  t: Translate,
  language: Language,
  publicWords: Pick<PublicWords, 'of'>,
) {
  const formats = dateFormats(language);
  const parishes = new Map(
    page.apvieniba.parishes.map((parish) => [parish.code, parish.names[language]] as const),
  );
  const categoryNames = new Map(page.categories.map((category) => [category.code, category.names[language]]));
  const names = {
    category: (code: string) => categoryNames.get(code) ?? code,
    parish: (code: string) => parishes.get(code) ?? code,
  };
  const items = (listed: ListedReports) => ({
    total: listed.total,
    items: listed.reports.map((summary) => summaryView(summary, names, t, formats, publicWords)),
  });
  return { open: items(page.open), resolved: items(page.resolved) };
}

/** Who receives each place's reports, in words: an office by name and role, a social worker by role. */
function recipientsView(page: ParishPage | ApvienibaPage, t: Translate, language: Language, suffix: string) {
  return page.recipients.map(({ parish, groups }) => ({
    code: parish.code,
    name: parish.names[language],
    href: `/parishes/${parish.code}${suffix}`,
    groups: groups.map((group) => ({
      categories: group.categories.map((category) => category.names[language]),
      private: group.categories.every((category) => category.visibility === 'private'),
      // An office by its official (Latvian) name, the words around it in the reader's language.
      recipients: group.recipients.map((recipient) => {
        const role = t(`placePage.roles.${recipient.role}`);
        if (!recipient.name) return { name: null, before: role, after: '' };
        return { name: recipient.name, ...officeWords(t, 'placePage.officeWithRole', role) };
      }),
    })),
  }));
}

/** Everything a parish's or an apvienība's page shows. */
export function placePageView(
  page: ParishPage | ApvienibaPage,
  t: Translate,
  language: Language,
  suffix: string,
  publicWords: Pick<PublicWords, 'of'>,
) {
  const isParish = page.level === 'parish';
  const name = isParish ? page.parish.names[language] : page.apvieniba.names[language];
  const filter = isParish ? `parish=${page.parish.code}` : `apvieniba=${page.apvieniba.code}`;
  return {
    title: name,
    level: page.level,
    code: isParish ? page.parish.code : page.apvieniba.code,
    name,
    apvieniba: {
      code: page.apvieniba.code,
      name: page.apvieniba.names[language],
      href: `/apvienibas/${page.apvieniba.code}${suffix}`,
    },
    reportsUrl: `/reports?${filter}`,
    feeds: {
      // A feed always says its language, Latvian too: a feed reader has no cookie.
      atom: addLanguage(`/feeds/reports.atom?${filter}`, language),
      rss: addLanguage(`/feeds/reports.rss?${filter}`, language),
      alerts: `/alerts/new?${filter}`,
    },
    newReportUrl: isParish ? `/reports/new?parish=${page.parish.code}` : '/reports/new',
    empty: page.statistics.empty,
    row: rowView(page.row, t, language, suffix),
    parishRows: isParish ? [] : page.parishRows.map((row) => rowView(row, t, language, suffix)),
    trend: trendView(page.row, page.statistics.period, t, language),
    recipients: recipientsView(page, t, language, suffix),
    ...listsView(page, t, language, publicWords),
  };
}
