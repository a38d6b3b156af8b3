import type { Language, Translate } from '../i18n/index.js';
import type { ReferenceService } from '../reference/service.js';
import type { ReportLinks } from '../reports/links.js';
import { canReporterReopen, canReporterResolve } from '../reports/states.js';
import type { Photo, Report, ReportSummary, ReportUpdate, Status } from '../reports/types.js';

const TIME_ZONE = 'Europe/Riga';
// British English writes dates the way Latvians read them (23 November 2026).
const LOCALE: Record<Language, string> = { lv: 'lv', en: 'en-GB', ru: 'ru' };

function makeDateFormats(language: Language) {
  const date = new Intl.DateTimeFormat(LOCALE[language], { dateStyle: 'long', timeZone: TIME_ZONE });
  const dateTime = new Intl.DateTimeFormat(LOCALE[language], {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  });
  return { date: (value: Date) => date.format(value), dateTime: (value: Date) => dateTime.format(value) };
}

// Building a formatter costs far more than using one: made once per language, not per page.
const DATE_FORMATS: Record<Language, ReturnType<typeof makeDateFormats>> = {
  lv: makeDateFormats('lv'),
  en: makeDateFormats('en'),
  ru: makeDateFormats('ru'),
};

/** Date formatters for one language, in Latvian time whatever the server's zone. */
export function dateFormats(language: Language) {
  return DATE_FORMATS[language];
}

export interface PhotoView {
  thumbUrl: string;
  fullUrl: string;
  thumbWidth: number;
  thumbHeight: number;
}

/**
 * Photo URLs for a page: plain for a public report (cacheable by anyone), signed on the
 * reporter's private page so their own private report's photos load too.
 */
export function photoUrls(links: ReportLinks, signed: boolean) {
  return (photo: Pick<Photo, 'storageKey' | 'thumbWidth' | 'thumbHeight'>): PhotoView => {
    const sig = signed ? `?sig=${links.photoSignature(photo.storageKey)}` : '';
    return {
      thumbUrl: `/photos/${photo.storageKey}/thumb${sig}`,
      fullUrl: `/photos/${photo.storageKey}${sig}`,
      thumbWidth: photo.thumbWidth,
      thumbHeight: photo.thumbHeight,
    };
  };
}

/** "Closed (duplicate)": the word is always there, so the badge never relies on colour. */
export function statusLabel(t: Translate, status: Status, closeReason: Report['closeReason'] = null): string {
  const word = t(`status.${status}`);
  return status === 'closed' && closeReason ? `${word} (${t(`closeReason.${closeReason}`)})` : word;
}

/** Who wrote an update, in words, with a name only where it is public and an institution's. */
function author(t: Translate, update: ReportUpdate, report: Report): { who: string; name: string | null } {
  switch (update.authorKind) {
    case 'reporter':
      return { who: t('timeline.who.reporter'), name: report.showName ? update.authorName : null };
    case 'subscriber':
      return { who: t('timeline.who.resident'), name: null };
    case 'system':
      return { who: t('timeline.who.system'), name: null };
    default:
      // A social worker is a person handling sensitive matters: their role is enough.
      if (update.authorRole === 'social_worker') return { who: t('timeline.who.socialWorker'), name: null };
      if (update.authorRole === 'parish_admin')
        return { who: t('timeline.who.parish'), name: update.authorName };
      return { who: t('timeline.who.municipality'), name: update.authorRole ? update.authorName : null };
  }
}

function change(t: Translate, update: ReportUpdate): string | null {
  if (!update.toStatus || update.fromStatus === update.toStatus) return null;
  if (update.fromStatus === 'unconfirmed' || (!update.fromStatus && update.toStatus === 'open')) {
    return t('timeline.published');
  }
  return update.fromStatus
    ? t('timeline.change', { from: t(`status.${update.fromStatus}`), to: t(`status.${update.toStatus}`) })
    : t('timeline.changeTo', { to: t(`status.${update.toStatus}`) });
}

/**
 * Everything the report page shows, picked field by field from the report: the view never
 * receives the reporter's email or phone, so no template change can leak them.
 */
export async function reportPageView(options: {
  report: Report;
  timeline: ReportUpdate[];
  photos: Photo[];
  asReporter: boolean;
  language: Language;
  t: Translate;
  reference: ReferenceService;
  links: ReportLinks;
}) {
  const { report, language, t, links } = options;
  const [category, parish] = await Promise.all([
    options.reference.category(report.categoryCode),
    options.reference.parish(report.parishCode),
  ]);
  const formats = dateFormats(language);
  const photo = photoUrls(links, options.asReporter);
  return {
    ref: report.ref,
    title: report.title,
    description: report.description,
    location: report.location,
    isPrivate: report.isPrivate,
    withdrawn: report.withdrawnAt !== null,
    reporterName: report.showName ? report.reporterName : null,
    categoryName: category?.names[language] ?? report.categoryCode,
    parishName: parish?.names[language] ?? report.parishCode,
    mapUrl: report.lat !== null && report.lon !== null ? links.map(report.lat, report.lon) : null,
    status: report.status,
    statusLabel: statusLabel(t, report.status, report.closeReason),
    createdIso: report.createdAt.toISOString(),
    createdText: formats.date(report.createdAt),
    photos: options.photos.filter((item) => item.updateId === null).map(photo),
    timeline: options.timeline.map((update) => ({
      id: update.id,
      iso: update.createdAt.toISOString(),
      when: formats.dateTime(update.createdAt),
      ...author(t, update, report),
      change: change(t, update),
      text: update.publicText,
      language: update.publicText ? update.language : null,
      photos: update.photos.map(photo),
    })),
  };
}

export type ReportPageView = Awaited<ReturnType<typeof reportPageView>>;

/** What the reporter may do now; nothing once the report is withdrawn. */
export function reporterActions(report: Report) {
  const active = report.withdrawnAt === null && report.status !== 'unconfirmed';
  return {
    comment: active,
    resolve: active && canReporterResolve(report.status),
    reopen: active && canReporterReopen(report.status),
    withdraw: active,
  };
}

/** One list item, with names in the reader's language. */
export function summaryView(
  summary: ReportSummary,
  names: { category: (code: string) => string; parish: (code: string) => string },
  t: Translate,
  formats: ReturnType<typeof dateFormats>,
) {
  return {
    ref: summary.ref,
    title: summary.title,
    location: summary.location,
    categoryName: names.category(summary.categoryCode),
    parishName: names.parish(summary.parishCode),
    status: summary.status,
    statusLabel: statusLabel(t, summary.status),
    createdIso: summary.createdAt.toISOString(),
    createdText: formats.date(summary.createdAt),
    thumbUrl: summary.thumbKey ? `/photos/${summary.thumbKey}/thumb` : null,
  };
}
