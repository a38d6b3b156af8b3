import type { Knex } from 'knex';
import { listUnsubscribeHeaders } from '../mail/address.js';
import type { MailQueue } from '../mail/outbox.js';
import type { Language } from '../i18n/index.js';
import type { Notifier } from '../notifications/notifier.js';
import type { ReferenceService } from '../reference/service.js';
import { ReportError } from '../reports/errors.js';
import type { ReportLinks } from '../reports/links.js';
import type { ReportRepository } from '../reports/repository.js';
import { CONFIRM_VALID_MS } from '../reports/service.js';
import { isOpen } from '../reports/states.js';
import { canBeFollowed, isPublic } from '../reports/visibility.js';
import type { Report } from '../reports/types.js';
import { wordsAbout } from '../reports/words-about.js';
import type { Signer } from '../security/signing.js';
import type { SubscriptionRepository } from './repository.js';

/** What a follow's confirmation link did: the report now followed, or why it does nothing. */
export type FollowConfirmed = {
  /** `gone`: a good link whose follow was deleted since (an erasure on request, or its report's). */
  outcome: 'confirmed' | 'expired' | 'invalid' | 'gone' | 'unsubscribed' | 'withdrawn';
  ref?: string;
};

export interface SubscriptionServiceDeps {
  knex: Knex;
  reports: Pick<ReportRepository, 'byId' | 'byRef' | 'muteReporter' | 'reporterMuted' | 'senderBan'>;
  reference: Pick<ReferenceService, 'category'>;
  subscriptions: Pick<SubscriptionRepository, 'request' | 'state' | 'confirm' | 'unsubscribe'>;
  notifier: Pick<Notifier, 'strangerView'>;
  mail: MailQueue;
  signer: Pick<Signer, 'expiring' | 'readExpiring'>;
  links: ReportLinks;
  clock?: () => Date;
}

/**
 * Who follows a report by email besides its reporter: residents who said "this is my problem
 * too" and confirmed it, until they (or the reporter) press an unsubscribe link.
 */
export class SubscriptionService {
  private readonly clock: () => Date;

  constructor(private readonly deps: SubscriptionServiceDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  /** The report by its ref, if a resident may ask to follow it (canBeFollowed). */
  async followable(ref: string): Promise<Report | undefined> {
    const report = await this.deps.reports.byRef(ref);
    return report && canBeFollowed(report) ? report : undefined;
  }

  /** Whether `ref` is a public report that was resolved or closed, and so can be followed no more. */
  async hasEnded(ref: string): Promise<boolean> {
    const report = await this.deps.reports.byRef(ref);
    return report !== undefined && isPublic(report) && !isOpen(report.status);
  }

  /**
   * "This is my problem too": a subscription that starts when its emailed link is confirmed, so
   * nobody can sign another person up for emails.
   */
  async subscribe(ref: string, who: { email: string; name: string; language: Language }): Promise<Report> {
    const { knex, reports, mail, signer, links } = this.deps;
    const report = await this.followable(ref);
    if (!report) throw new ReportError('not_found');
    // A banned sender is answered as anyone else, and nothing is stored or sent.
    if (await reports.senderBan(who.email)) return report;
    const now = this.clock();
    await knex.transaction(async (trx) => {
      // Asking again changes only the language: an address that unsubscribed stays unsubscribed
      // until its owner confirms anew, so nobody can sign another person up again.
      const id = await this.deps.subscriptions.request(trx, { reportId: report.id, ...who }, now);
      const token = signer.expiring(
        'confirm-subscription',
        String(id),
        new Date(now.getTime() + CONFIRM_VALID_MS),
      );
      await mail.enqueue(trx, {
        kind: 'subscription-confirm',
        to: { email: who.email, name: who.name },
        language: who.language,
        template: 'subscription-confirm',
        reportId: report.id,
        headers: listUnsubscribeHeaders(links.unsubscribe('s', id)),
        data: {
          unsubscribeUrl: links.unsubscribe('s', id),
          // Whoever asks to follow is a stranger to the reporter until shown otherwise.
          report: await this.deps.notifier.strangerView(report, who.language),
          confirmUrl: links.confirmSubscription(token),
        },
      });
    });
    return report;
  }

  /**
   * What a follow's confirmation link would do, changing nothing (mail scanners open links):
   * `pending` when its button would start the follow; otherwise what the button would say.
   */
  async checkSubscription(token: string): Promise<{ outcome: 'pending' } | FollowConfirmed> {
    const link = await this.readConfirmLink(token, this.clock());
    return link.outcome === 'pending' ? { outcome: 'pending' } : link;
  }

  async confirmSubscription(token: string): Promise<FollowConfirmed> {
    const now = this.clock();
    const link = await this.readConfirmLink(token, now);
    if (link.outcome !== 'pending') return link;
    await this.deps.subscriptions.confirm(link.id, now);
    return { outcome: 'confirmed', ref: link.ref };
  }

  private async readConfirmLink(
    token: string,
    now: Date,
  ): Promise<{ outcome: 'pending'; id: number; ref: string } | FollowConfirmed> {
    const read = this.deps.signer.readExpiring('confirm-subscription', token, now);
    if (!read.ok) return { outcome: read.reason };
    const subscription = await this.deps.subscriptions.state(Number(read.subject));
    // The link is ours and signed: only its follow is gone, and with it the address.
    if (!subscription) return { outcome: 'gone' };
    // A link sent before its owner unsubscribed does not subscribe them again; a new one does.
    const sentAt = read.expiresAt.getTime() - CONFIRM_VALID_MS;
    const { unsubscribedAt } = subscription;
    if (unsubscribedAt && sentAt <= new Date(unsubscribedAt).getTime()) return { outcome: 'unsubscribed' };
    // Its reporter withdrew it: there is nothing left to follow, and nobody is told of it again.
    if (subscription.withdrawn) return { outcome: 'withdrawn' };
    if (!subscription.confirmedAt || unsubscribedAt)
      return { outcome: 'pending', id: subscription.id, ref: subscription.ref };
    return { outcome: 'confirmed', ref: subscription.ref };
  }

  /**
   * i18next's context of an unsubscribe link's page: `help` when it stops the emails of a request
   * for help to the one who asked, who is told of their request, not of a report.
   */
  /**
   * What a one-click unsubscribe link is about, for its page: the report's ref (its words are not
   * repeated: the link may be forwarded) and whether it is a request for help (`wordsFor`).
   */
  /**
   * What an unsubscribe link is about, and whether it was used already (`done`): opened again, it
   * says so rather than offering the button once more. A follow deleted since (`gone`: by the
   * retention job, an erasure or its report's) is done too: nothing more will come.
   */
  async unsubscribeTarget(
    subject: string,
  ): Promise<{ ref: string | null; wordsFor: 'help' | ''; done: boolean; gone: boolean }> {
    const id = Number(subject.slice(1));
    if (subject.startsWith('s')) {
      const state = await this.deps.subscriptions.state(id);
      if (!state) return { ref: null, wordsFor: '', done: true, gone: true };
      return { ref: state.ref, wordsFor: '', done: Boolean(state.unsubscribedAt), gone: false };
    }
    const report = await this.deps.reports.byId(id);
    if (!report) return { ref: null, wordsFor: '', done: false, gone: false };
    return {
      ref: report.ref,
      wordsFor: await wordsAbout(report, this.deps.reference),
      done: await this.deps.reports.reporterMuted(this.deps.knex, report.id),
      gone: false,
    };
  }

  /**
   * A one-click unsubscribe link was used (its signature checked by the route): `r<id>` mutes the
   * reporter of report <id>, `s<id>` ends subscription <id>.
   */
  async unsubscribe(subject: string, now: Date): Promise<void> {
    const id = Number(subject.slice(1));
    if (subject.startsWith('r')) {
      await this.deps.reports.muteReporter(id, now);
    } else {
      await this.deps.subscriptions.unsubscribe(id, now);
    }
  }
}
