import { privateWordsContext, type PrivateReaders } from '../reports/private-readers.js';
import { officeRole } from '../contacts/office-role.js';
import type { Language, Translate } from '../i18n/index.js';
import { isErasedRequest } from '../mail/erasure.js';
import type { ReferenceService } from '../reference/service.js';
import type { ReportLinks } from '../reports/links.js';
import { publishedPlaceOf } from '../reports/place-in-novads.js';
import { publicWriterOf, type PublicWords } from '../reports/public-words.js';
import { canReporterReopen, canReporterResolve } from '../reports/states.js';
import { canBeFollowed, isPublic } from '../reports/visibility.js';
import type { Photo, Report, ReportUpdate } from '../reports/types.js';
import { dateFormats } from './dates.js';
import { abuseUrl, pagePhotos, photoUrls, type PagePhotoView } from './page-photos.js';
import { readSystemNote } from '../timeline/system-note.js';
import { change, changeText, isPublished, statusLabel } from './status-words.js';

/** Words written by staff: from the workspace, or a routing contact's (a parish, a social worker). */
const fromStaff = (update: Pick<ReportUpdate, 'authorKind'>) =>
  update.authorKind === 'staff' || update.authorKind === 'recipient';

/**
 * Who wrote an update, in words, with a name only where it is public: the reporter's own (when
 * they chose to show it), or an institution's (`office`: its official name, which is Latvian).
 */
function author(
  t: Translate,
  update: ReportUpdate,
  report: Report,
  help: boolean,
): { who: string; name: string | null; office: boolean } {
  switch (update.authorKind) {
    case 'reporter':
      return {
        // The one who asked for help is no reporter of a problem.
        who: t('timeline.who.reporter', { context: help ? 'help' : '' }),
        name: report.showName ? update.authorName : null,
        office: false,
      };
    case 'subscriber':
      return { who: t('timeline.who.resident'), name: null, office: false };
    case 'system':
      return { who: t('timeline.who.system'), name: null, office: false };
    default:
      // A social worker is a person handling sensitive matters: their role is enough.
      if (update.authorRole === 'social_worker')
        return { who: t('timeline.who.socialWorker'), name: null, office: false };
      if (update.authorRole === 'parish_admin') {
        // Viļāni is a town: its administration is no parish's.
        const town = officeRole(update.authorRole, update.authorParishType) === 'town_admin';
        return {
          who: t(town ? 'timeline.who.town' : 'timeline.who.parish'),
          name: update.authorName,
          office: true,
        };
      }
      return {
        who: t('timeline.who.municipality'),
        name: update.authorRole ? update.authorName : null,
        office: true,
      };
  }
}

/**
 * A resident's name they chose to show is their words as any other: one stored holding a phone
 * number or an address (before the form refused it) reaches the public masked.
 */
function shownAuthor(
  who: ReturnType<typeof author>,
  words: (text: string, update: ReportUpdate) => string,
  update: ReportUpdate,
): ReturnType<typeof author> {
  return who.name !== null && update.authorKind === 'reporter'
    ? { ...who, name: words(who.name, update) }
    : who;
}

/**
 * One timeline entry; a hidden one keeps its time, author and status change, and shows the date
 * it was hidden instead of its words and photos (never why).
 */
function timelineEntry(
  update: ReportUpdate,
  options: {
    report: Report;
    t: Translate;
    abuse: boolean;
    photos: (photos: Photo[]) => PagePhotoView[];
    /** The words of an update as this reader reads them (a reporter their own as typed). */
    words: (text: string, update: ReportUpdate) => string;
    /** The update that closed the report as it stands: its change says why ("Closed (Duplicate)"). */
    closingId: number | null;
    /** A request for help: its first entry says it went to the social worker. */
    help: boolean;
    /** A parish's name in the reader's language (where a moved report now goes). */
    parishName: (code: string) => string;
  },
  formats: ReturnType<typeof dateFormats>,
) {
  const { report, t } = options;
  const closing = update.id === options.closingId;
  const hidden = update.hiddenAt ? formats.date(update.hiddenAt) : null;
  const text = hidden || update.publicText === null ? null : options.words(update.publicText, update);
  const photos = hidden ? [] : options.photos(update.photos);
  // Tilts's public word of a move to another parish: where it goes, never who moved it.
  const note = update.authorKind === 'system' ? readSystemNote(update.internalNote) : undefined;
  const rerouted =
    note?.note === 'rerouted' ? t('timeline.rerouted', { parish: options.parishName(note.parish) }) : null;
  return {
    id: update.id,
    iso: update.createdAt.toISOString(),
    when: formats.dateTime(update.createdAt),
    ...shownAuthor(author(t, update, report, options.help), options.words, update),
    change: rerouted
      ? rerouted
      : closing
        ? changeText(t, update.fromStatus, update.toStatus, report.closeReason)
        : options.help && isPublished(update)
          ? t('timeline.published_help')
          : change(t, update),
    text,
    language: text ? update.language : null,
    photos,
    hidden,
    abuseUrl:
      options.abuse && (text || photos.length > 0) ? abuseUrl(report.ref, { update: update.id }) : null,
  };
}

/** The names, in the reader's language, of the parishes the timeline says the report moved to. */
async function movedToNames(
  reference: Pick<ReferenceService, 'parish'>,
  timeline: readonly ReportUpdate[],
  language: Language,
): Promise<Map<string, string>> {
  const codes = new Set<string>();
  for (const update of timeline) {
    const note = update.authorKind === 'system' ? readSystemNote(update.internalNote) : undefined;
    if (note?.note === 'rerouted') codes.add(note.parish);
  }
  const parishes = await Promise.all([...codes].map((code) => reference.parish(code)));
  return new Map([...codes].map((code, index) => [code, parishes[index]?.names[language] ?? code]));
}

/**
 * Everything the report page shows, picked field by field from the report: the view never
 * receives the reporter's email or phone, nor why a moderator hid anything, so no template
 * change can leak them. Links to report abuse are for the public page only.
 */
export async function reportPageView(options: {
  report: Report;
  timeline: ReportUpdate[];
  photos: Photo[];
  asReporter: boolean;
  /** On the reporter's own page of a private report: who else reads it. */
  privateReaders?: PrivateReaders | undefined;
  language: Language;
  t: Translate;
  reference: ReferenceService;
  links: ReportLinks;
  publicWords: PublicWords;
  /** A request for help's title is Tilts's words: said in the reader's language. */
  titles?: { in(title: string, language: Language): string } | undefined;
}) {
  const { report, language, t, links } = options;
  // The resident's words as anyone else reads them: no contact in them, nor a name they kept back.
  const masked = (text: string) => options.publicWords.of(text, publicWriterOf(report));
  // Their own page (only they hold its token, and no cache keeps it) shows them their words as typed.
  const own = (text: string) => (options.asReporter ? text : masked(text));
  // Staff's answers on a private request have one reader besides staff, its asker: what they were
  // told (a phone number to call) reaches them as written.
  const toAsker = options.asReporter && report.isPrivate;
  const words = (text: string, update: ReportUpdate) =>
    update.authorKind === 'reporter'
      ? own(text)
      : toAsker && fromStaff(update)
        ? options.publicWords.toAsker(text)
        : masked(text);
  // The timeline is oldest first: the last change to "closed" is the one the reason belongs to.
  const closings = options.timeline.filter((update) => update.toStatus === 'closed');
  const closingId = report.status === 'closed' && report.closeReason ? (closings.at(-1)?.id ?? null) : null;
  const [category, parish, parishes] = await Promise.all([
    options.reference.category(report.categoryCode),
    options.reference.parish(report.parishCode),
    options.reference.parishes(),
  ]);
  // A place stored far outside the novads (before the form refused it) gets no map link.
  const place = publishedPlaceOf(report, parishes);
  const parishNames = await movedToNames(options.reference, options.timeline, language);
  // A request's title is Tilts's words (an erased one's too, whatever its category).
  const helpTitle =
    (category?.kind === 'help' || isErasedRequest(report)) && options.titles
      ? options.titles.in(report.title, language)
      : undefined;
  const formats = dateFormats(language);
  const abuse = !options.asReporter;
  const url = photoUrls(links, options.asReporter ? { reporter: true } : null);
  const photos = (list: readonly Photo[]) =>
    pagePhotos(list, { ref: report.ref, abuse, url, date: formats.date });
  return {
    ref: report.ref,
    title: helpTitle ?? own(report.title),
    /** The title's language: the reader's for a request for help's, the reporter's otherwise. */
    titleLanguage: helpTitle ? language : report.textLanguage,
    description: own(report.description),
    location: own(report.location),
    /**
     * On the reporter's own page: whether others read some of their words masked, as it says. A
     * private request has no such others: only staff read it, and they read it as typed.
     */
    maskedForOthers:
      options.asReporter &&
      !report.isPrivate &&
      [
        ...(helpTitle ? [] : [report.title]),
        report.description,
        report.location,
        ...options.timeline.flatMap((update) =>
          update.authorKind === 'reporter' && update.publicText && !update.hiddenAt
            ? [update.publicText]
            : [],
        ),
      ].some((text) => masked(text) !== text),
    /** What the reporter wrote in: title, description and place carry it as `lang`. */
    language: report.textLanguage,
    isPrivate: report.isPrivate,
    /** i18next's context for the words of the reporter's own page: a request's, or a report's. */
    wordsFor: category?.kind === 'help' ? 'help' : '',
    /** Who else reads a private report, on its reporter's page: `office`, an administration too. */
    readers: options.privateReaders ?? null,
    /** The context of what its page says of withdrawing a private report (private-readers.ts). */
    privateContext: privateWordsContext(options.privateReaders, category?.kind === 'help' ? 'help' : ''),
    withdrawn: report.withdrawnAt !== null,
    reporterName: report.showName ? own(report.reporterName) : null,
    categoryName: category?.names[language] ?? report.categoryCode,
    parishName: parish?.names[language] ?? report.parishCode,
    mapUrl: place ? links.map(place.lat, place.lon) : null,
    status: report.status,
    statusLabel: statusLabel(t, report.status, report.closeReason),
    createdIso: report.createdAt.toISOString(),
    createdText: formats.date(report.createdAt),
    photos: photos(options.photos.filter((item) => item.updateId === null)),
    timeline: options.timeline.map((update) =>
      timelineEntry(
        update,
        {
          report,
          t,
          abuse,
          photos,
          words,
          closingId,
          help: category?.kind === 'help',
          parishName: (code) => parishNames.get(code) ?? code,
        },
        formats,
      ),
    ),
    /** On the reporter's own page of a report a moderator hid: when. */
    hiddenText: report.hiddenAt ? formats.date(report.hiddenAt) : null,
    abuseUrl: abuse ? abuseUrl(report.ref) : null,
    /** A public report's feed (Atom and RSS); none for anything the public cannot see. */
    feedPath: isPublic(report) ? `/reports/${report.ref}/feed` : null,
    /** Where a visitor asks to follow an open public report by email (its reporter hears already). */
    followUrl: !options.asReporter && canBeFollowed(report) ? `/reports/${report.ref}/follow` : null,
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
