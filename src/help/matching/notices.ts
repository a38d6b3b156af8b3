import type { ContactRepository } from '../../contacts/repository.js';
import type { Queryable } from '../../db/transaction.js';
import type { Language } from '../../i18n/index.js';
import { textLanguage } from '../../reports/text-language.js';
import type { MailQueue } from '../../mail/outbox.js';
import type { ReferenceService } from '../../reference/service.js';
import type { Report } from '../../reports/types.js';
import { writerOf, type PublicWords } from '../../reports/public-words.js';
import type { ReportLinks } from '../../reports/links.js';
import type { RoutingService } from '../../routing/service.js';
import type { HelpOfferLinks } from '../offers/links.js';
import type { HelpOffer, HelpRequestDetails } from '../types.js';
import { aboutBeforeAgreement } from './before-sharing.js';
import type { MatchNews } from './emails.js';
import type { MatchLinks } from './links.js';
import { contactsForVolunteer, personDetailsShared } from './shared-contacts.js';
import type { HelpMatch } from './repository.js';

export interface NoticeDeps {
  mail: MailQueue;
  links: MatchLinks;
  routing: Pick<RoutingService, 'recipients'>;
  contacts: Pick<ContactRepository, 'socialWorkers'>;
  reference: Pick<ReferenceService, 'parish'>;
  translate: (key: string, language: Language) => string;
  publicWords: Pick<PublicWords, 'of'>;
  publicUrl: string;
  /** Each reader's own page, by the private link its first email already gave them. */
  offerLinks: Pick<HelpOfferLinks, 'manage'>;
  reportLinks: Pick<ReportLinks, 'reporterPage'>;
}

/** A request as both halves: its report and its help details. */
export interface RequestCase {
  report: Report;
  details: HelpRequestDetails;
}

/**
 * The name the person is told before both agreed: an organisation's, which is no one's own; a
 * volunteer helping alone is named only with their contact, as the offer form promises them.
 */
export const nameBeforeAgreement = (offer: Pick<HelpOffer, 'name' | 'offeredBy'>): string | null =>
  offer.offeredBy === 'organisation' ? offer.name : null;

/**
 * Every email of matching, each in its reader's language. What goes to one side before both
 * agreed is built from the other side's kinds, days and languages and the social worker's own
 * words, never from a name, an address or a contact.
 */
export class HelpMatchNotices {
  constructor(private readonly deps: NoticeDeps) {}

  private words(keys: readonly string[], prefix: string, language: Language) {
    return keys.map((key) => this.deps.translate(`${prefix}.${key}`, language));
  }

  async proposal(trx: Queryable, match: HelpMatch, offer: HelpOffer, request: RequestCase, now: Date) {
    const { language } = offer;
    const parish = await this.deps.reference.parish(request.report.parishCode);
    await this.deps.mail.enqueue(trx, {
      kind: 'help-proposal',
      helpOfferId: offer.id,
      to: { email: offer.email, name: offer.name },
      language,
      template: 'help-proposal',
      data: {
        need: {
          kinds: this.words(request.details.kinds, 'help.kinds', language),
          parishName: parish ? parish.names[language] : request.report.parishCode,
          days: this.words(request.details.days, 'help.days', language),
          speaks: this.words(request.details.speaks, 'help.speaks', language),
          // The desk refuses a contact or a name in these words; any written before it did is masked.
          description: this.deps.publicWords.of(match.needText, writerOf(request.report)),
          descriptionLanguage: match.needLanguage,
          // The asker's own words on when: a volunteer needs them before saying yes, but no contact.
          times: this.deps.publicWords.of(request.details.times, writerOf(request.report)),
          timesLanguage: textLanguage(request.details.times, request.report.language),
        },
        acceptUrl: this.deps.links.url(match.id, 'volunteer', 'accept', now),
        declineUrl: this.deps.links.url(match.id, 'volunteer', 'decline', now),
        concernUrl: this.deps.links.url(match.id, 'volunteer', 'concern', now),
        // Their offer's own page, as its confirmation email gave it: a page, which answers nothing.
        ownUrl: this.deps.offerLinks.manage(offer.id),
      },
    });
  }

  /** Asks the one who asked for help whether they (or the person) agree; false when there is no email. */
  async consent(trx: Queryable, match: HelpMatch, offer: HelpOffer, request: RequestCase, now: Date) {
    const { report } = request;
    if (!report.reporterEmail) return false;
    await this.deps.mail.enqueue(trx, {
      kind: 'help-consent',
      helpOfferId: offer.id,
      to: { email: report.reporterEmail, name: report.reporterName ?? undefined },
      language: report.language,
      template: 'help-consent',
      reportId: report.id,
      data: {
        ref: report.ref,
        forOther: request.details.forWhom === 'other',
        personShared: personDetailsShared(request),
        volunteer: {
          name: nameBeforeAgreement(offer),
          kinds: this.words(offer.kinds, 'help.kinds', report.language),
          speaks: this.words(offer.speaks, 'help.speaks', report.language),
          // Their own words, but no contact or link in them before both agreed.
          about: aboutBeforeAgreement(this.deps.publicWords, offer),
          aboutLanguage: textLanguage(offer.about, offer.language),
        },
        agreeUrl: this.deps.links.url(match.id, 'person', 'agree', now),
        refuseUrl: this.deps.links.url(match.id, 'person', 'refuse', now),
        concernUrl: this.deps.links.url(match.id, 'person', 'concern', now),
        // The asker's own request page, as the email that received it gave it: a page only.
        ownUrl: this.deps.reportLinks.reporterPage(report.ref),
      },
    });
    return true;
  }

  /**
   * Both agreed: each side gets the other's contact. The volunteer gets the person's
   * (contactsForVolunteer: the same their own page shows them); the person gets what the volunteer
   * chose to share. False when the one who asked has no email (the social worker tells them by phone).
   */
  async contacts(trx: Queryable, match: HelpMatch, offer: HelpOffer, request: RequestCase, now: Date) {
    const { report } = request;
    const parish = await this.deps.reference.parish(report.parishCode);
    await this.deps.mail.enqueue(trx, {
      kind: 'help-contacts',
      helpOfferId: offer.id,
      to: { email: offer.email, name: offer.name },
      language: offer.language,
      template: 'help-contacts',
      // About the request: erasing it empties this email too (it names the person).
      reportId: report.id,
      data: {
        side: 'volunteer',
        ...contactsForVolunteer(request),
        parishName: parish ? parish.names[offer.language] : report.parishCode,
        need: match.needText,
        needLanguage: match.needLanguage,
        concernUrl: this.deps.links.url(match.id, 'volunteer', 'concern', now),
      },
    });
    if (!report.reporterEmail) return false;
    await this.deps.mail.enqueue(trx, {
      kind: 'help-contacts',
      helpOfferId: offer.id,
      to: { email: report.reporterEmail, name: report.reporterName ?? undefined },
      language: report.language,
      template: 'help-contacts',
      reportId: report.id,
      data: {
        side: 'person',
        other: {
          name: offer.name,
          email: offer.shareEmail ? offer.email : null,
          phone: offer.sharePhone ? offer.phone : null,
          location: null,
        },
        need: match.needText,
        needLanguage: match.needLanguage,
        concernUrl: this.deps.links.url(match.id, 'person', 'concern', now),
      },
    });
    return true;
  }

  async cancelled(
    trx: Queryable,
    match: HelpMatch,
    offer: HelpOffer,
    reason: 'cancelled' | 'refused' | 'taken' | 'closed',
    now: Date,
  ) {
    // An erased volunteer has no address left, and nothing more to hear.
    if (!offer.email) return;
    await this.deps.mail.enqueue(trx, {
      kind: 'help-cancelled',
      helpOfferId: offer.id,
      to: { email: offer.email, name: offer.name },
      language: offer.language,
      template: 'help-cancelled',
      data: { why: reason, concernUrl: this.deps.links.url(match.id, 'volunteer', 'concern', now) },
    });
  }

  async followup(trx: Queryable, match: HelpMatch, offer: HelpOffer, request: RequestCase, now: Date) {
    const sides: { side: 'volunteer' | 'person'; email: string | null; name: string; language: Language }[] =
      [
        { side: 'volunteer', email: offer.email, name: offer.name, language: offer.language },
        {
          side: 'person',
          email: request.report.reporterEmail,
          name: request.report.reporterName ?? '',
          language: request.report.language,
        },
      ];
    for (const { side, email, name, language } of sides) {
      if (!email) continue;
      const answer = (code: string) => this.deps.links.url(match.id, side, `followup/${code}`, now);
      await this.deps.mail.enqueue(trx, {
        kind: 'help-followup',
        helpOfferId: offer.id,
        to: { email, name },
        language,
        template: 'help-followup',
        ...(side === 'person' ? { reportId: request.report.id } : {}),
        data: {
          sharedAt: match.sharedAt ?? match.createdAt,
          answerUrls: {
            helped: answer('helped'),
            not_happened: answer('not_happened'),
            need_more: answer('need_more'),
          },
          concernUrl: this.deps.links.url(match.id, side, 'concern', now),
        },
      });
    }
  }

  /**
   * To the request's social workers, each in their contact's language. `forOther`: the one who
   * answers the consent is the asker, on someone else's behalf, and the news says so.
   */
  async news(trx: Queryable, report: Report, news: MatchNews, forOther = false) {
    await this.toSocialWorkers(trx, report, 'help-match-news', { ref: report.ref, news, forOther });
  }

  /** Words from one side, marked with their language where the social worker's differs. */
  async concern(
    trx: Queryable,
    report: Report,
    side: 'volunteer' | 'person',
    words: { text: string; language: Language },
  ) {
    await this.toSocialWorkers(trx, report, 'help-concern', {
      ref: report.ref,
      side,
      text: words.text,
      textLanguage: words.language,
    });
  }

  private async toSocialWorkers(trx: Queryable, report: Report, template: string, data: object) {
    const routed = (await this.deps.routing.recipients(report.id, trx)).filter(
      (recipient) => recipient.role === 'social_worker',
    );
    const to = routed.length > 0 ? routed : await this.deps.contacts.socialWorkers(report.parishCode);
    const workspaceUrl = `${this.deps.publicUrl}/staff/help/requests/${report.ref}`;
    for (const person of to) {
      await this.deps.mail.enqueue(trx, {
        kind: template,
        to: { email: person.email, name: person.name },
        language: person.language,
        template,
        reportId: report.id,
        data: { ...data, workspaceUrl },
      });
    }
  }
}
