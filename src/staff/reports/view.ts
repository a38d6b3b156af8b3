import type { Language, Translate } from '../../i18n/index.js';
import type { HelpTitles } from '../../help/requests/title.js';
import { shownTitle } from '../../mail/erasure.js';
import type { ReferenceService } from '../../reference/service.js';
import { photoUrls } from '../../report-pages/page-photos.js';
import { statusLabel } from '../../report-pages/status-words.js';
import { dateFormats } from '../../report-pages/dates.js';
import type { ReportLinks } from '../../reports/links.js';
import { ABSOLUTE_MS } from '../auth/service.js';
import { heldReasonInWords } from '../../reports/held-reason.js';
import type { Photo, ReportUpdate, Status } from '../../reports/types.js';
import { readSystemNote, type SystemNote } from '../../timeline/system-note.js';
import type { QueueItem, StaffReportView } from './service.js';

/** Names of categories and parishes in the reader's language, for lists and pages. */
export async function referenceNames(
  reference: Pick<ReferenceService, 'categories' | 'apvienibas'>,
  language: Language,
) {
  const [categories, apvienibas] = await Promise.all([
    reference.categories(language),
    reference.apvienibas(language),
  ]);
  const parishes = apvienibas.flatMap((apvieniba) => apvieniba.parishes);
  return {
    categories,
    apvienibas,
    category: (code: string) => categories.find((item) => item.code === code)?.names[language] ?? code,
    parish: (code: string) => parishes.find((item) => item.code === code)?.names[language] ?? code,
  };
}

export type Names = Awaited<ReturnType<typeof referenceNames>>;

/** An internal note in words: a person's as written, one Tilts wrote in the reader's language. */
export function noteText(t: Translate, text: string | null, names: Names): string | null {
  const note: SystemNote | undefined = readSystemNote(text);
  if (!note) return text;
  const place = (value: string) => {
    const [category = '', parish = ''] = value.split('/');
    return `${names.category(category)}, ${names.parish(parish)}`;
  };
  switch (note.note) {
    case 'moved':
      return t('staff.notes.moved', {
        from: place(note.from),
        to: place(note.to),
        recipients: note.recipients.join(', ') || '—',
      });
    case 'rerouted':
      return t('staff.notes.rerouted', { parish: names.parish(note.parish) });
    case 'public':
      return t('staff.notes.public', { reason: note.reason });
    case 'assigned':
      return note.name ? t('staff.notes.assigned', { name: note.name }) : t('staff.notes.unassigned');
    case 'duplicateOfThis':
      return t('staff.notes.duplicateOfThis', { ref: note.ref });
    case 'masked':
      return t('staff.notes.masked', {
        kinds: note.kinds.map((kind) => t(`staff.notes.maskKinds.${kind}`)).join(', '),
      });
    case 'taken':
      return t(`staff.notes.taken.${note.source}`);
    case 'private':
      return t('staff.notes.private');
    case 'released':
      return t('staff.notes.released', { held: heldReasonInWords(note.held, t) });
    case 'published':
      return t('staff.notes.published', { from: note.from || '?', id: note.inboundId });
  }
}

export function queueView(
  items: QueueItem[],
  names: Names,
  t: Translate,
  language: Language,
  titles: Pick<HelpTitles, 'in'>,
) {
  const { date } = dateFormats(language);
  return items.map((item) => ({
    ...item,
    // A request's title is Tilts's words, said in the reader's language; a resident's is in theirs.
    title: item.isHelp ? titles.in(item.title, language) : item.title,
    titleLanguage: item.isHelp ? language : item.language,
    categoryName: names.category(item.categoryCode),
    parishName: names.parish(item.parishCode),
    statusLabel: statusLabel(t, item.status),
    routedText: item.routedAt ? date(item.routedAt) : '',
  }));
}

/** Whose page it is, and when: its photo links are signed for them, to end a session's length later. */
export interface PageViewer {
  staffId: number;
  now: Date;
}

/**
 * Photos for staff: links signed for the member reading the page, so a private report's photos
 * load; they end as long after as a session can last (a page open until the end of a shift still
 * shows them) and with the member's deactivation. One a moderator hid is served to nobody, so it is
 * only a notice here (moderators see it in their own pages).
 */
function staffPhotos(links: ReportLinks, viewer: PageViewer, date: (value: Date) => string) {
  const url = photoUrls(links, {
    staffId: viewer.staffId,
    expiresAt: new Date(viewer.now.getTime() + ABSOLUTE_MS),
  });
  return (photo: Photo) =>
    photo.hiddenAt ? { hidden: date(photo.hiddenAt) } : { ...url(photo), hidden: null, abuseUrl: null };
}

function timelineEntry(
  update: ReportUpdate,
  t: Translate,
  names: Names,
  language: Language,
  links: ReportLinks,
  viewer: PageViewer,
) {
  const { dateTime, date, dateOn } = dateFormats(language);
  const change =
    update.toStatus && update.fromStatus !== update.toStatus
      ? update.fromStatus
        ? t('timeline.change', { from: t(`status.${update.fromStatus}`), to: t(`status.${update.toStatus}`) })
        : t('timeline.changeTo', { to: t(`status.${update.toStatus}`) })
      : null;
  return {
    id: update.id,
    iso: update.createdAt.toISOString(),
    when: dateTime(update.createdAt),
    who: t(`staff.report.authors.${update.authorKind}`),
    name: update.authorName,
    writer: update.staffName ?? null,
    // Tilts writing by itself needs saying once ("Tilts"), not as both author and channel.
    channel:
      update.authorKind === 'system' && update.channel === 'system'
        ? null
        : t(`staff.report.channels.${update.channel}`),
    change,
    text: update.publicText,
    language: update.publicText ? update.language : null,
    note: noteText(t, update.internalNote, names),
    isPublic: update.isPublic,
    // Staff who handle the report still read what a moderator hid; the page says it is hidden.
    hidden: update.hiddenAt ? dateOn(update.hiddenAt) : null,
    photos: update.photos.map(staffPhotos(links, viewer, date)),
  };
}

/** Everything the staff report page shows, in the reader's language. */
export function detailView(
  view: StaffReportView,
  options: { t: Translate; names: Names; language: Language; links: ReportLinks; viewer: PageViewer },
) {
  const { t, names, language, links, viewer } = options;
  const { dateTime, date, dateOn } = dateFormats(language);
  const { report } = view;
  return {
    ...view,
    categoryName: names.category(report.categoryCode),
    parishName: names.parish(report.parishCode),
    statusLabel: statusLabel(t, report.status, report.closeReason),
    createdText: dateTime(report.createdAt),
    publicUrl: report.isPrivate ? null : `/reports/${report.ref}`,
    photos: view.photos.filter((photo) => photo.updateId === null).map(staffPhotos(links, viewer, date)),
    // Said after a verb ("… paslēpa 2026. gada 5. decembrī"): the locative in Latvian.
    hidden: report.hiddenAt ? dateOn(report.hiddenAt) : null,
    // Why it is held, kept in Tilts's own words (`ban #12: domain …`), in the reader's.
    heldReason: report.heldReason ? heldReasonInWords(report.heldReason, t) : '—',
    timeline: view.timeline.map((update) => timelineEntry(update, t, names, language, links, viewer)),
    emails: view.emails.map((email) => ({
      ...email,
      subject: shownTitle(email.subject, t),
      when: dateTime(email.createdAt),
    })),
    inbound: view.inbound.map((message) => ({ ...message, when: dateTime(message.receivedAt) })),
  };
}

export const STAFF_STATUSES: readonly Status[] = [
  'open',
  'acknowledged',
  'in_progress',
  'resolved',
  'closed',
];
