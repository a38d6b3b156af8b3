import type { AlertHooks } from '../alerts/hooks.js';
import type { ContactRepository } from '../contacts/repository.js';
import type { Queryable } from '../db/transaction.js';
import { listUnsubscribeHeaders } from '../mail/address.js';
import type { Language } from '../i18n/index.js';
import type { MailQueue } from '../mail/outbox.js';
import type { ReferenceService } from '../reference/service.js';
import type { ReportLinks } from '../reports/links.js';
import { publishedPlaceOf } from '../reports/place-in-novads.js';
import { publicWriterOf, type PublicWords } from '../reports/public-words.js';
import type { ReportRepository } from '../reports/repository.js';
import type { Recipient, Report, Status } from '../reports/types.js';
import type { SubscriptionRepository } from '../subscriptions/repository.js';
import { helpOf, type HelpDetailsReader } from './help-details.js';
import { perLanguage } from './per-language.js';
import { readersOf } from './readers.js';
import { staffExtras } from './staff-extras.js';

export interface UpdateForMail {
  authorLabelKey: string;
  authorName: string | null;
  fromStatus: Status | null;
  toStatus: Status | null;
  text: string | null;
  /** The language of `text`, so a reader in another one is told. */
  language: Language | null;
  photoKeys: string[];
  /** Staff's words (a parish, a social worker): a private request's asker reads them as written. */
  fromStaff?: boolean;
}

/**
 * Who hears about what. Parish staff get every report and every word from the resident, in their
 * contact's language (Latvian unless an admin chose another), with a reply address and one-click
 * links; residents (the reporter and subscribers) get every public update in their own language,
 * with one-click unsubscribe.
 */
export interface NotifierDeps {
  mail: MailQueue;
  links: ReportLinks;
  reference: Pick<ReferenceService, 'category' | 'parish' | 'parishes'>;
  reports: Pick<ReportRepository, 'reporterMuted'>;
  contacts: Pick<ContactRepository, 'municipalityAdmins'>;
  subscriptions: Pick<SubscriptionRepository, 'confirmedSubscribers'>;
  /** Email alerts of the report's place and category hear of its public updates too. */
  alerts?: Pick<AlertHooks, 'publicUpdate'>;
  /** What a report's followers read of the reporter's and others' words: no contact in them. */
  publicWords: Pick<PublicWords, 'of' | 'toAsker'>;
  /** A request for help's title is Tilts's words, said in each reader's language. */
  titles?: { in(title: string, language: Language): string };
  /** A request for help's details (who, what, when, languages), for its new-request email. */
  helpDetails?: HelpDetailsReader;
  clock: () => Date;
}

export class Notifier {
  private readonly mail: MailQueue;
  private readonly links: ReportLinks;

  constructor(private readonly deps: NotifierDeps) {
    this.mail = deps.mail;
    this.links = deps.links;
  }

  async view(report: Report, language: Language) {
    const [category, parish, parishes] = await Promise.all([
      this.deps.reference.category(report.categoryCode),
      this.deps.reference.parish(report.parishCode),
      this.deps.reference.parishes(),
    ]);
    // A place stored far outside the novads (before the form refused it) gets no map link.
    const place = publishedPlaceOf(report, parishes);
    const isHelp = category?.kind === 'help';
    const titles = isHelp ? this.deps.titles : undefined;
    return {
      ref: report.ref,
      title: titles ? titles.in(report.title, language) : report.title,
      /** The title's language: the reader's own for a request for help, whose title Tilts words. */
      titleLanguage: titles ? language : report.textLanguage,
      description: report.description,
      location: report.location,
      language: report.textLanguage,
      status: report.status,
      closeReason: report.closeReason,
      categoryName: category?.names[language] ?? report.categoryCode,
      parishName: parish?.names[language] ?? report.parishCode,
      isPrivate: report.isPrivate,
      /** Withdrawn by its reporter: staff have nothing more to answer. */
      withdrawn: report.withdrawnAt !== null,
      isHelp,
      mapUrl: place ? this.links.map(place.lat, place.lon) : null,
    };
  }

  /**
   * The report as someone other than its reporter reads it by email (a follower, one asking to
   * follow): its words as its page shows them, contacts and a name kept back masked.
   */
  async strangerView(report: Report, language: Language) {
    const view = await this.view(report, language);
    const words = (text: string) => this.deps.publicWords.of(text, publicWriterOf(report));
    return {
      ...view,
      title: words(view.title),
      description: words(view.description),
      location: words(view.location),
    };
  }

  async newReport(
    trx: Queryable,
    report: Report,
    recipients: Recipient[],
    photoKeys: string[],
  ): Promise<void> {
    const views = perLanguage((language) => this.view(report, language));
    const help = await helpOf(this.deps.helpDetails, trx, report);
    for (const recipient of recipients) {
      const extras = staffExtras(this.links, this.deps.clock(), report, recipient);
      const view = await views(recipient.language);
      await this.mail.enqueue(trx, {
        kind: 'report-new',
        to: { email: recipient.email, name: recipient.name },
        language: recipient.language,
        template: 'report-new',
        reportId: report.id,
        replyTo: extras.replyTo,
        data: {
          ...extras.data,
          report: view,
          helpDeskUrl: view.isHelp ? this.links.helpDesk(report.ref) : null,
          help,
          reporter: {
            name: report.reporterName,
            email: report.reporterEmail,
            phone: report.reporterPhone,
            showName: report.showName,
          },
          photoUrls: photoKeys.map((key) => this.links.recipientPhoto(key, this.deps.clock())),
        },
      });
    }
  }

  /** Tells the municipality's administrators (the `municipality` contacts) about something to act on. */
  async alertAdmins(
    trx: Queryable,
    alert: { kind: 'bounce-alert' | 'not-ours-alert' | 'inbound-alert'; data: object; reportId?: number },
  ): Promise<void> {
    for (const admin of await this.deps.contacts.municipalityAdmins(trx)) {
      await this.mail.enqueue(trx, {
        kind: alert.kind,
        to: { email: admin.email, name: admin.name },
        language: admin.language,
        template: alert.kind,
        data: alert.data,
        ...(alert.reportId !== undefined ? { reportId: alert.reportId } : {}),
      });
    }
  }

  /** The resident said something (a comment, "fixed", "not fixed"): the parish hears it too. */
  async relayToRecipients(
    trx: Queryable,
    report: Report,
    recipients: Recipient[],
    update: UpdateForMail,
  ): Promise<void> {
    const views = perLanguage((language) => this.view(report, language));
    for (const recipient of recipients) {
      const extras = staffExtras(this.links, this.deps.clock(), report, recipient);
      const view = await views(recipient.language);
      await this.mail.enqueue(trx, {
        kind: 'report-relay',
        to: { email: recipient.email, name: recipient.name },
        language: recipient.language,
        template: 'report-relay',
        reportId: report.id,
        replyTo: extras.replyTo,
        data: { ...extras.data, report: view, update: this.updateView(update, report, 'recipient') },
      });
    }
  }

  /** A public update reaches the reporter and every confirmed subscriber, except its own author. */
  async publicUpdate(
    trx: Queryable,
    report: Report,
    update: UpdateForMail,
    options: { skipReporter?: boolean } = {},
  ): Promise<void> {
    // Each language's view is made once, however many followers read it.
    const own = perLanguage((language) => this.view(report, language));
    const stranger = perLanguage((language) => this.strangerView(report, language));
    const readers = await readersOf(this.deps, trx, report, options);
    for (const person of readers) {
      const view = await (person.isReporter ? own : stranger)(person.language);
      // A follower's photo links are the public ones: a signed link would keep working, forwarded
      // or not, after the report is made private, hidden or withdrawn. Its reporter may see it then.
      const shown = this.updateView(update, report, person.isReporter ? 'reporter' : 'public');
      const { publicWords } = this.deps;
      // The answer is not the reader's own words (a reporter is never sent their own): everyone reads
      // it as the page shows it, whether it came by email (masked as it arrived) or from the workspace;
      // the asker of a private request reads staff's words as their own page shows them, as written.
      if (shown.text !== null)
        shown.text =
          person.isReporter && report.isPrivate && update.fromStaff
            ? publicWords.toAsker(shown.text)
            : publicWords.of(shown.text, publicWriterOf(report));
      await this.mail.enqueue(trx, {
        kind: 'report-update',
        to: { email: person.email, ...(person.name ? { name: person.name } : {}) },
        language: person.language,
        template: 'report-update',
        reportId: report.id,
        headers: listUnsubscribeHeaders(person.unsubscribeUrl),
        data: {
          report: view,
          update: shown,
          reportUrl: person.isReporter ? this.links.reporterPage(report.ref) : this.links.report(report.ref),
          unsubscribeUrl: person.unsubscribeUrl,
          reader: person.reader,
        },
      });
    }
    const told = new Set(readers.map((person) => person.email.toLowerCase()));
    await this.deps.alerts?.publicUpdate(trx, report, update, told);
  }

  /**
   * Its sender withdrew a public report: its followers hear it once, as its page now says it is
   * gone. Their reason (private) is not told; no more news will come, so no unsubscribe link.
   */
  async withdrawn(trx: Queryable, report: Report): Promise<void> {
    const stranger = perLanguage((language) => this.strangerView(report, language));
    for (const person of await readersOf(this.deps, trx, report, { skipReporter: true })) {
      await this.mail.enqueue(trx, {
        kind: 'report-withdrawn',
        to: { email: person.email, ...(person.name ? { name: person.name } : {}) },
        language: person.language,
        template: 'report-withdrawn',
        reportId: report.id,
        data: { report: await stranger(person.language) },
      });
    }
  }

  /**
   * Staff moved a report to another parish: its reporter and (of a public report) its followers
   * hear once where it now goes, each in their own language, with the page they read it on.
   */
  async moved(trx: Queryable, report: Report): Promise<void> {
    const own = perLanguage((language) => this.view(report, language));
    const stranger = perLanguage((language) => this.strangerView(report, language));
    for (const person of await readersOf(this.deps, trx, report, {})) {
      await this.mail.enqueue(trx, {
        // An update of the report as any other: kept and erased as the others are (retention).
        kind: 'report-update',
        to: { email: person.email, ...(person.name ? { name: person.name } : {}) },
        language: person.language,
        template: 'report-moved',
        reportId: report.id,
        headers: listUnsubscribeHeaders(person.unsubscribeUrl),
        data: {
          report: await (person.isReporter ? own : stranger)(person.language),
          reportUrl: person.isReporter ? this.links.reporterPage(report.ref) : this.links.report(report.ref),
          unsubscribeUrl: person.unsubscribeUrl,
          reader: person.reader,
        },
      });
    }
  }

  /** An update as an email shows it, its photos linked as its reader may open them. */
  private updateView(update: UpdateForMail, report: Report, reader: 'recipient' | 'reporter' | 'public') {
    return {
      /** Why it was closed ("Closed (Duplicate)"), as the report's page says it. */
      closeReason: update.toStatus === 'closed' ? report.closeReason : null,
      authorLabelKey: update.authorLabelKey,
      authorName: update.authorName,
      fromStatus: update.fromStatus,
      toStatus: update.toStatus,
      text: update.text,
      language: update.language,
      photoUrls: update.photoKeys.map((key) =>
        reader === 'recipient'
          ? this.links.recipientPhoto(key, this.deps.clock())
          : reader === 'reporter'
            ? this.links.photo(key)
            : this.links.publicPhoto(key),
      ),
    };
  }
}
