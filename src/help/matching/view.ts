import type { Language, Translate } from '../../i18n/index.js';
import type { ReferenceService } from '../../reference/service.js';
import { statusLabel } from '../../report-pages/status-words.js';
import { dateFormats } from '../../report-pages/dates.js';
import type { DeskPage } from './desk.js';
import type { Reason } from './rank.js';
import type { MatchEventRow } from './repository.js';

const list = (t: Translate, prefix: string, codes: readonly string[]) =>
  codes.map((code) => t(`${prefix}.${code}`)).join(', ');

/** A ranking reason in words. */
export function reasonText(t: Translate, reason: Reason): string {
  switch (reason.code) {
    case 'kinds':
      return t('helpMatch.reasons.kinds', { kinds: list(t, 'help.kinds', reason.kinds) });
    case 'days':
      return t('helpMatch.reasons.days', { days: list(t, 'help.days', reason.days) });
    case 'speaks':
      return t('helpMatch.reasons.speaks', { languages: list(t, 'help.speaks', reason.speaks) });
    case 'load':
      return t('helpMatch.reasons.load', { helping: reason.helping, count: reason.capacity });
    case 'full':
      return t('helpMatch.reasons.full', { helping: reason.helping, capacity: reason.capacity });
    default:
      return t(`helpMatch.reasons.${reason.code}`);
  }
}

function eventText(t: Translate, event: MatchEventRow): string {
  const what = t(`helpMatch.events.${event.event}`);
  const detail = event.detail ? ` (${t(`helpMatch.details.${event.detail.replace(':', '.')}`)})` : '';
  const who = event.staffName ?? t(`helpMatch.actors.${event.actor}`);
  return `${what}${detail} · ${who} · ${t(`helpMatch.via.${event.via}`)}`;
}

/** Everything the matching page shows, in the reader's language. */
export async function deskView(
  page: DeskPage,
  options: {
    t: Translate;
    language: Language;
    reference: Pick<ReferenceService, 'parish'>;
    titles: { in(title: string, language: Language): string };
  },
) {
  const { t, language } = options;
  const { dateTime, dateTimeOn } = dateFormats(language);
  const { report, details } = page;
  const parish = await options.reference.parish(report.parishCode);
  return {
    ref: report.ref,
    title: options.titles.in(report.title, language),
    description: report.description,
    /** What the asker wrote in: their words carry it where the page is in another. */
    language: report.textLanguage,
    parishName: parish?.names[language] ?? report.parishCode,
    /** The village or address the asker typed (staff only: a volunteer learns it once both agree). */
    village: report.location,
    status: statusLabel(t, report.status, report.closeReason),
    /** Who asked and how the social worker reaches them (staff only, never a volunteer). */
    asker: { name: report.reporterName, phone: report.reporterPhone, email: report.reporterEmail },
    /** For someone else: that person, as the asker gave them. */
    subject:
      details.forWhom === 'other'
        ? { name: details.subjectName, phone: details.subjectPhone, email: details.subjectEmail }
        : null,
    forWhom: t(`helpMatch.forWhom.${details.forWhom}`),
    /** For someone else: whether that person knows of the request and agrees (as the asker said). */
    knows:
      details.forWhom === 'other'
        ? details.subjectKnows
          ? t(`helpRequest.knows.${details.subjectKnows}`)
          : '—'
        : null,
    wants: t(`helpMatch.wants.${details.wants}`),
    kinds: list(t, 'help.kinds', details.kinds),
    days: details.days.length > 0 ? list(t, 'help.days', details.days) : t('helpMatch.anyDay'),
    times: details.times,
    speaks: details.speaks.length > 0 ? list(t, 'help.speaks', details.speaks) : '—',
    goingAhead: page.goingAhead,
    candidates: page.candidates.map((one) => ({
      id: one.offer.id,
      name: one.offer.name,
      organisation: one.offer.offeredBy === 'organisation',
      fits: one.fits,
      /** No language in common with the person: marked beside the name, and ranked after every other. */
      noCommonLanguage: !one.speaks,
      reasons: one.reasons.map((reason) => reasonText(t, reason)),
    })),
    matches: page.matches.map((match) => ({
      id: match.id,
      state: match.state,
      stateText: t(`helpMatch.states.${match.state}`),
      // An erased volunteer's name is '' now: named as the offer page names them.
      volunteer: match.offer?.name || t('helpOffer.staff.erasedName', { id: match.offerId }),
      offerId: match.offerId,
      need: match.needText,
      needLanguage: match.needLanguage,
      // Said after "Proposed" ("Piedāvāts 2026. gada 30. novembrī 12:15"), a Latvian locative.
      when: dateTimeOn(match.createdAt),
      events: match.events.map((event) => ({ when: dateTime(event.at), text: eventText(t, event) })),
      /**
       * Contacts shared, and no email took the volunteer's contact to the one who asked: the social
       * worker phones them with it, as the volunteer agreed to pass it on (their offer's page lists
       * every contact, some the volunteer never agreed to give). Null for an erased volunteer.
       */
      tellByPhone:
        match.state === 'shared' && !report.reporterEmail && match.offer?.name
          ? {
              name: match.offer.name,
              phone: match.offer.sharePhone ? match.offer.phone : null,
              email: match.offer.shareEmail ? match.offer.email : null,
            }
          : null,
      can: {
        cancel: ['proposed', 'accepted', 'agreed'].includes(match.state),
        phone: match.state === 'accepted',
        outcome: match.state === 'shared',
      },
    })),
    concerns: page.concerns.map((concern) => ({
      matchId: concern.matchId,
      side: t(`helpMatch.actors.${concern.side}`),
      text: concern.text,
      when: dateTime(concern.createdAt),
    })),
  };
}
