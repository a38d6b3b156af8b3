import type { Knex } from 'knex';
import type { Queryable } from '../db/transaction.js';
import type { Language } from '../i18n/index.js';
import { listUnsubscribeHeaders } from '../mail/address.js';
import { storedAddress } from '../mail/address-key.js';
import type { MailQueue } from '../mail/outbox.js';
import type { ReferenceService } from '../reference/service.js';
import type { ReportLinks } from '../reports/links.js';
import { publicWriterOf, type PublicWords } from '../reports/public-words.js';
import type { ReportRepository } from '../reports/repository.js';
import { CONFIRM_VALID_MS } from '../reports/service.js';
import { textLanguage } from '../reports/text-language.js';
import type { Report } from '../reports/types.js';
import { isPublic } from '../reports/visibility.js';
import type { Signer } from '../security/signing.js';
import type { AlertHooks, MovedFrom } from './hooks.js';
import { AlertWords } from './words.js';
import type { Alert, AlertRepository, AlertScope, Frequency } from './repository.js';

export const DIGEST_EVERY_MS = 24 * 60 * 60 * 1000;

export interface AlertServiceDeps {
  knex: Knex;
  alerts: AlertRepository;
  reports: Pick<ReportRepository, 'senderBan'>;
  reference: Pick<ReferenceService, 'category' | 'parish' | 'apvienibas'>;
  mail: MailQueue;
  signer: Pick<Signer, 'expiring' | 'readExpiring'>;
  links: ReportLinks;
  /** What strangers' inboxes may read of a resident's words: no contact, link or name (open data's rule). */
  publicWords: Pick<PublicWords, 'of'>;
  clock?: () => Date;
}

export type AlertWish = AlertScope & { email: string; language: Language; frequency: Frequency };

/**
 * What an alert's confirmation link did: the scope of the running alert, or why it does nothing.
 * `gone`: a good link whose alert was deleted since (an erasure on request); `unsubscribed`: a good
 * link sent before its alert was stopped, which does not start it again.
 */
export type AlertConfirmed =
  { outcome: 'confirmed'; scope: AlertScope } | { outcome: 'expired' | 'invalid' | 'gone' | 'unsubscribed' };

const scopeOf = ({ apvienibaCode, parishCode, categoryCode }: AlertScope): AlertScope => ({
  apvienibaCode,
  parishCode,
  categoryCode,
});

/**
 * Email alerts for a place and category: confirmed by an emailed link before anything else is
 * sent, then an email per event (`immediate`) or one a day (`daily`), each with one-click
 * unsubscribe.
 */
export class AlertService implements AlertHooks {
  private readonly clock: () => Date;
  private readonly words: AlertWords;

  constructor(private readonly deps: AlertServiceDeps) {
    this.clock = deps.clock ?? (() => new Date());
    this.words = new AlertWords(deps);
  }

  /** Stores the wish and sends its confirmation link; a banned sender is answered alike, unstored. */
  async request(wish: AlertWish): Promise<void> {
    const { knex, alerts, mail, signer, links } = this.deps;
    if (await this.deps.reports.senderBan(wish.email)) return;
    const now = this.clock();
    await knex.transaction(async (trx) => {
      const id = await alerts.request(trx, wish, now);
      const expiresAt = new Date(now.getTime() + CONFIRM_VALID_MS);
      const token = signer.expiring('confirm-alert', String(id), expiresAt);
      await mail.enqueue(trx, {
        kind: 'alert-confirm',
        to: { email: wish.email },
        language: wish.language,
        template: 'alert-confirm',
        headers: listUnsubscribeHeaders(links.alertUnsubscribe(id)),
        data: {
          scope: await this.words.scopeName(wish, wish.language),
          frequency: wish.frequency,
          confirmUrl: links.confirmAlert(token),
          expiresAt,
          unsubscribeUrl: links.alertUnsubscribe(id),
        },
      });
    });
  }

  /**
   * What the alert's confirmation link would do, changing nothing (mail scanners open links):
   * `pending` when its button would start the alert; a running alert's scope, as the button shows it.
   */
  async checkConfirm(token: string): Promise<{ outcome: 'pending' } | AlertConfirmed> {
    const link = await this.readConfirmLink(token, this.clock());
    return link.outcome === 'pending' ? { outcome: 'pending' } : link;
  }

  /** Confirms the alert of an emailed link; a confirmed one's scope, for the link to its reports. */
  async confirm(token: string): Promise<AlertConfirmed> {
    const now = this.clock();
    const link = await this.readConfirmLink(token, now);
    if (link.outcome !== 'pending') return link;
    await this.deps.alerts.confirm(link.alert.id, now);
    return { outcome: 'confirmed', scope: scopeOf(link.alert) };
  }

  private async readConfirmLink(
    token: string,
    now: Date,
  ): Promise<{ outcome: 'pending'; alert: Alert } | AlertConfirmed> {
    const read = this.deps.signer.readExpiring('confirm-alert', token, now);
    if (!read.ok) return { outcome: read.reason };
    const alert = await this.deps.alerts.byId(Number(read.subject));
    // The link is ours and signed: only its alert is gone, and with it the address.
    if (!alert) return { outcome: 'gone' };
    // A link sent before its owner unsubscribed does not subscribe them again; a new one does.
    // The signed expiry tells when it was sent, so it is a good link, not a forged one.
    const sentAt = read.expiresAt.getTime() - CONFIRM_VALID_MS;
    if (alert.unsubscribedAt && sentAt <= alert.unsubscribedAt.getTime()) return { outcome: 'unsubscribed' };
    if (!alert.confirmedAt || alert.unsubscribedAt) return { outcome: 'pending', alert };
    return { outcome: 'confirmed', scope: scopeOf(alert) };
  }

  async unsubscribe(subject: string): Promise<void> {
    await this.deps.alerts.unsubscribe(Number(subject.slice(1)), this.clock());
  }

  /**
   * What an unsubscribe link's alert is about, in words ("Kaunatas pagasts, Ceļi"; null for
   * everything, or when it is gone), and whether it was used already (`done`) or its alert deleted
   * since (`gone`: by the retention job or an erasure): either way the page says no more will come.
   */
  async unsubscribeState(
    subject: string,
    language: Language,
  ): Promise<{ scope: string | null; done: boolean; gone: boolean }> {
    const alert = await this.deps.alerts.byId(Number(subject.slice(1)));
    if (!alert) return { scope: null, done: true, gone: true };
    const scope = await this.words.scopeName(scopeOf(alert), language);
    return { scope, done: alert.unsubscribedAt !== null, gone: false };
  }

  async reportPublished(trx: Queryable, report: Report): Promise<void> {
    if (!isPublic(report)) return;
    // Its reporter knows of their own report: an alert of theirs is not told it is new.
    await this.tellOf(
      trx,
      report,
      new Set(report.reporterEmail ? [storedAddress(report.reporterEmail)] : []),
    );
  }

  /**
   * A public report moved to another place or category is news to the alerts of its new scope:
   * each is told it was moved there, and from where; not an address an alert already told of it
   * (before this move or an earlier one: the outbox keeps every email's row), nor its reporter or
   * followers, who know it, nor an alert whose scope held it before the move too (one of the whole
   * novads, of an apvienība it stays in, of its category only): nothing was moved into it, as its
   * daily digest also reads a move (`movedInto`).
   */
  async reportMoved(trx: Queryable, report: Report, from: MovedFrom): Promise<void> {
    if (!isPublic(report)) return;
    const before = await this.deps.reference.parish(from.parishCode);
    const heldBefore = await this.deps.alerts.matchingActive(
      trx,
      from,
      before?.apvienibaCode ?? '',
      'immediate',
    );
    const held = new Set(heldBefore.map((alert) => alert.id));
    const known = await this.deps.alerts.whoKnows(trx, report.id);
    if (report.reporterEmail) known.add(storedAddress(report.reporterEmail));
    // Only what changed is said of the place it left ("Kaunatas pagasts"), in each reader's words.
    const left = {
      apvienibaCode: null,
      parishCode: from.parishCode !== report.parishCode ? from.parishCode : null,
      categoryCode: from.categoryCode !== report.categoryCode ? from.categoryCode : null,
    };
    await this.tellOf(
      trx,
      report,
      known,
      'alert-moved',
      async (language) => ({ from: await this.words.scopeName(left, language) }),
      (alert) => !held.has(alert.id),
    );
  }

  /**
   * The email of a report new to the scope (`alert-report`) or moved into it (`alert-moved`) to
   * each "at once" alert of the report's scope, one an address.
   */
  private async tellOf(
    trx: Queryable,
    report: Report,
    skip: ReadonlySet<string>,
    template: 'alert-report' | 'alert-moved' = 'alert-report',
    more: (language: Language) => Promise<object> = () => Promise.resolve({}),
    tells: (alert: Alert) => boolean = () => true,
  ): Promise<void> {
    const told = new Set(skip);
    for (const alert of (await this.immediateAlerts(trx, report, skip)).filter(tells)) {
      if (told.has(storedAddress(alert.email))) continue;
      told.add(storedAddress(alert.email));
      await this.send(trx, alert, template, report.id, {
        report: await this.words.reportView(report, publicWriterOf(report), alert.language),
        description: this.deps.publicWords.of(report.description, publicWriterOf(report)),
        ...(await more(alert.language)),
      });
    }
  }

  async publicUpdate(
    trx: Queryable,
    report: Report,
    update: { authorLabelKey: string; toStatus: string | null; text: string | null },
    told: ReadonlySet<string> = new Set(),
  ): Promise<void> {
    // The reporter's own words and actions are theirs to share, not news for strangers' inboxes.
    if (!isPublic(report) || update.authorLabelKey === 'mail.author.reporter') return;
    // One who heard of it as its reporter or a follower is not told it twice by an alert.
    for (const alert of await this.immediateAlerts(trx, report, told)) {
      await this.send(trx, alert, 'alert-update', report.id, {
        report: await this.words.reportView(report, publicWriterOf(report), alert.language),
        toStatus: update.toStatus,
        closeReason: update.toStatus === 'closed' ? report.closeReason : null,
        text: update.text === null ? null : this.deps.publicWords.of(update.text, publicWriterOf(report)),
        // A parish writes Latvian unless its words say otherwise: the timeline's own rule.
        textLanguage: update.text ? textLanguage(update.text, 'lv') : null,
      });
    }
  }

  /** Each confirmed daily alert whose day has passed: the day's news (if any), and the mark. */
  async sendDigests(): Promise<number> {
    const { knex, alerts } = this.deps;
    const now = this.clock();
    let sent = 0;
    const due = await alerts.dueDigests(now, DIGEST_EVERY_MS);
    const sinceOf = (alert: Alert) => alert.lastDigestAt ?? alert.confirmedAt ?? now;
    // The moves of the widest window, read once for the whole run; each alert takes its own.
    const widest = due.reduce((min, alert) => (sinceOf(alert) < min ? sinceOf(alert) : min), now);
    const moves = due.length > 0 ? await alerts.moves(widest, now) : [];
    for (const alert of due) {
      const parishes = await this.parishesOf(alert);
      const items = await alerts.digestItems(alert, parishes, { from: sinceOf(alert), to: now, moves });
      await knex.transaction(async (trx) => {
        if (items.length > 0) {
          const view = await this.words.digest(items, alert.language);
          await this.send(trx, alert, 'alert-digest', null, { ...view, since: sinceOf(alert) });
          sent += 1;
        }
        await alerts.markDigested(trx, alert.id, now);
      });
    }
    return sent;
  }

  private async immediateAlerts(trx: Queryable, report: Report, skip: ReadonlySet<string>): Promise<Alert[]> {
    const parish = await this.deps.reference.parish(report.parishCode);
    const alerts = await this.deps.alerts.matchingActive(
      trx,
      report,
      parish?.apvienibaCode ?? '',
      'immediate',
    );
    return alerts.filter((alert) => !skip.has(storedAddress(alert.email)));
  }

  private async send(
    trx: Queryable,
    alert: Alert,
    template: 'alert-report' | 'alert-moved' | 'alert-update' | 'alert-digest',
    reportId: number | null,
    data: object,
  ): Promise<void> {
    const unsubscribeUrl = this.deps.links.alertUnsubscribe(alert.id);
    await this.deps.mail.enqueue(trx, {
      // A moved report is told of as a new one is, by its own words: the same kind, so who knows of
      // it (`whoKnows`) and what an address's erasure forgets read both alike.
      kind: template === 'alert-moved' ? 'alert-report' : template,
      to: { email: alert.email },
      language: alert.language,
      template,
      ...(reportId !== null ? { reportId } : {}),
      headers: listUnsubscribeHeaders(unsubscribeUrl),
      data: { ...data, scope: await this.words.scopeName(alert, alert.language), unsubscribeUrl },
    });
  }

  private async parishesOf(scope: AlertScope): Promise<string[] | null> {
    if (scope.parishCode || !scope.apvienibaCode) return null;
    const apvieniba = (await this.deps.reference.apvienibas()).find((a) => a.code === scope.apvienibaCode);
    return apvieniba ? apvieniba.parishes.map((p) => p.code) : [];
  }
}
