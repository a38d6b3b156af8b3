import type { Knex } from 'knex';
import type { Queryable } from '../db/transaction.js';
import { listUnsubscribeHeaders } from '../mail/address.js';
import type { OutgoingEmail } from '../mail/outbox.js';
import type { Language } from '../i18n/index.js';
import type { PendingPhoto, PhotoService } from '../photos/service.js';
import type { ReferenceService } from '../reference/service.js';
import type { Signer } from '../security/signing.js';
import type { ReportLinks } from './links.js';
import type { Notifier } from './notifier.js';
import type { ReportRepository } from './repository.js';
import { chooseRecipients } from './routing.js';
import { canConfirm, isOpen } from './states.js';
import type { PublicFilters, Recipient, Report, ReportSummary, ReportUpdate } from './types.js';

const DAY_MS = 24 * 60 * 60 * 1000;
export const CONFIRM_VALID_MS = 7 * DAY_MS;
export const UNCONFIRMED_KEPT_MS = 14 * DAY_MS;
export const NEARBY_RADIUS_METRES = 300;

/** What the outbox needs to queue an email in the caller's transaction. */
export interface MailQueue {
  enqueue(trx: Queryable, message: OutgoingEmail): Promise<unknown>;
}

export interface NewReportInput {
  categoryCode: string;
  parishCode: string;
  title: string;
  description: string;
  location: string;
  lat: number | null;
  lon: number | null;
  name: string;
  email: string;
  phone: string | null;
  showName: boolean;
  language: Language;
}

export type ConfirmResult =
  { outcome: 'confirmed' | 'already'; report: Report } | { outcome: 'expired' | 'invalid' | 'withdrawn' };

export class ReportError extends Error {
  constructor(readonly code: 'not_found' | 'not_allowed' | 'photo_conflict') {
    super(code);
  }
}

export interface ReportServiceDeps {
  knex: Knex;
  reports: ReportRepository;
  photos: PhotoService;
  reference: ReferenceService;
  mail: MailQueue;
  signer: Signer;
  links: ReportLinks;
  notifier: Notifier;
  clock?: () => Date;
}

export class ReportService {
  private readonly clock: () => Date;
  readonly notifier: Notifier;

  constructor(private readonly deps: ReportServiceDeps) {
    this.clock = deps.clock ?? (() => new Date());
    this.notifier = deps.notifier;
  }

  /** Saves a new report as unconfirmed and queues the email whose link confirms it. */
  async create(input: NewReportInput, photos: readonly PendingPhoto[]): Promise<Report> {
    const { knex, reports, reference, mail, signer, links } = this.deps;
    const category = await reference.category(input.categoryCode);
    if (!category) throw new ReportError('not_found');
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + CONFIRM_VALID_MS);
    return knex.transaction(async (trx) => {
      const report = await reports.insert(
        trx,
        {
          categoryCode: input.categoryCode,
          parishCode: input.parishCode,
          isPrivate: category.visibility === 'private',
          title: input.title,
          description: input.description,
          location: input.location,
          lat: input.lat,
          lon: input.lon,
          reporterName: input.name,
          reporterEmail: input.email,
          reporterPhone: input.phone,
          // A private request has no public page to show a name on.
          showName: category.visibility === 'private' ? false : input.showName,
          language: input.language,
          confirmExpiresAt: expiresAt,
        },
        now,
      );
      await this.deps.photos.attach(trx, photos, report.id, null);
      await reports.addUpdate(
        trx,
        {
          reportId: report.id,
          authorKind: 'reporter',
          authorName: input.name,
          channel: 'web',
          toStatus: 'unconfirmed',
          isPublic: false,
        },
        now,
      );
      const token = signer.expiring('confirm-report', String(report.id), expiresAt);
      await mail.enqueue(trx, {
        kind: 'report-confirm',
        to: { email: report.reporterEmail, name: report.reporterName },
        language: report.language,
        template: 'report-confirm',
        reportId: report.id,
        headers: listUnsubscribeHeaders(links.unsubscribe('r', report.id)),
        data: {
          report: await this.notifier.view(report, report.language),
          confirmUrl: links.confirm(token),
          expiresAt,
          unsubscribeUrl: links.unsubscribe('r', report.id),
        },
      });
      return report;
    });
  }

  /**
   * Confirms a report by its emailed token: it becomes open, is routed, and its recipients are
   * emailed, all in one transaction. Confirming again changes nothing.
   */
  async confirm(token: string): Promise<ConfirmResult> {
    const { knex, reports, signer } = this.deps;
    const now = this.clock();
    const read = signer.readExpiring('confirm-report', token, now);
    const id = Number(read.subject);
    if (!read.subject || !Number.isInteger(id)) return { outcome: 'invalid' };
    return knex.transaction(async (trx) => {
      const report = await reports.byId(id, trx, true);
      if (!report) return { outcome: 'invalid' } as const;
      if (report.withdrawnAt) return { outcome: 'withdrawn' } as const;
      if (!canConfirm(report.status)) return { outcome: 'already', report } as const;
      if (!read.ok) return { outcome: read.reason } as const;
      await reports.setStatus(trx, report.id, { status: 'open', confirmedAt: now, routedAt: now }, now);
      await reports.addUpdate(
        trx,
        {
          reportId: report.id,
          authorKind: 'reporter',
          authorName: report.reporterName,
          channel: 'web',
          fromStatus: 'unconfirmed',
          toStatus: 'open',
          isPublic: true,
        },
        now,
      );
      const confirmed = { ...report, status: 'open' as const, confirmedAt: now, routedAt: now };
      const recipients = await this.route(trx, confirmed);
      await this.notifyRouted(trx, confirmed, recipients);
      return { outcome: 'confirmed', report: confirmed } as const;
    });
  }

  private async route(trx: Queryable, report: Report): Promise<Recipient[]> {
    const parish = await this.deps.reference.parish(report.parishCode);
    const rules = await this.deps.reports.routingRules(trx);
    const contactIds = chooseRecipients(rules, {
      parishCode: report.parishCode,
      apvienibaCode: parish?.apvienibaCode ?? '',
      categoryCode: report.categoryCode,
    });
    return this.deps.reports.saveRecipients(trx, report.id, contactIds);
  }

  private async notifyRouted(trx: Queryable, report: Report, recipients: Recipient[]): Promise<void> {
    const { mail, links } = this.deps;
    await this.notifier.newReport(trx, report, recipients, await this.photosOf(trx, report.id));
    await mail.enqueue(trx, {
      kind: 'report-published',
      to: { email: report.reporterEmail, name: report.reporterName },
      language: report.language,
      template: 'report-published',
      reportId: report.id,
      headers: listUnsubscribeHeaders(links.unsubscribe('r', report.id)),
      data: {
        unsubscribeUrl: links.unsubscribe('r', report.id),
        report: await this.notifier.view(report, report.language),
        privateUrl: links.reporterPage(report.ref),
        publicUrl: report.isPrivate ? null : links.report(report.ref),
        recipients: recipients.map((recipient) => recipient.name),
      },
    });
  }

  private async photosOf(db: Queryable, reportId: number): Promise<string[]> {
    const rows = (await db('report_photos')
      .where({ report_id: reportId })
      .whereNull('update_id')
      .orderBy('position')) as {
      storage_key: string;
    }[];
    return rows.map((row) => row.storage_key);
  }

  nearby(input: {
    categoryCode: string;
    parishCode: string;
    lat: number | null;
    lon: number | null;
  }): Promise<ReportSummary[]> {
    return this.deps.reports.nearbyOpen({ ...input, radiusMetres: NEARBY_RADIUS_METRES, limit: 5 });
  }

  /**
   * "This is my problem too": a subscription that starts when its emailed link is confirmed, so
   * nobody can sign another person up for emails.
   */
  async subscribe(ref: string, who: { email: string; name: string; language: Language }): Promise<Report> {
    const { knex, reports, mail, signer, links } = this.deps;
    const report = await reports.byRef(ref);
    if (!report || report.isPrivate || report.hidden || report.withdrawnAt || !isOpen(report.status)) {
      throw new ReportError('not_found');
    }
    const now = this.clock();
    await knex.transaction(async (trx) => {
      const [row] = (await trx('subscriptions')
        .insert({
          report_id: report.id,
          email: who.email,
          name: who.name,
          language: who.language,
          created_at: now,
        })
        // Asking again changes only the language: an address that unsubscribed stays unsubscribed
        // until its owner confirms anew, so nobody can sign another person up again.
        .onConflict(knex.raw('(report_id, lower(email))'))
        .merge({ language: who.language })
        .returning('id')) as { id: number }[];
      const token = signer.expiring(
        'confirm-subscription',
        String(row!.id),
        new Date(now.getTime() + CONFIRM_VALID_MS),
      );
      await mail.enqueue(trx, {
        kind: 'subscription-confirm',
        to: { email: who.email, name: who.name },
        language: who.language,
        template: 'subscription-confirm',
        reportId: report.id,
        headers: listUnsubscribeHeaders(links.unsubscribe('s', row!.id)),
        data: {
          unsubscribeUrl: links.unsubscribe('s', row!.id),
          report: await this.notifier.view(report, who.language),
          confirmUrl: links.confirmSubscription(token),
        },
      });
    });
    return report;
  }

  async confirmSubscription(
    token: string,
  ): Promise<{ outcome: 'confirmed' | 'expired' | 'invalid'; ref?: string }> {
    const now = this.clock();
    const read = this.deps.signer.readExpiring('confirm-subscription', token, now);
    if (!read.ok) return { outcome: read.reason };
    const row = (await this.deps
      .knex('subscriptions')
      .join('reports', 'reports.id', 'subscriptions.report_id')
      .where('subscriptions.id', Number(read.subject))
      .first(
        'subscriptions.id',
        'subscriptions.confirmed_at',
        'subscriptions.unsubscribed_at',
        'reports.ref',
      )) as { id: number; confirmed_at: Date | null; unsubscribed_at: Date | null; ref: string } | undefined;
    if (!row) return { outcome: 'invalid' };
    // A link sent before its owner unsubscribed does not subscribe them again; a new one does.
    const sentAt = read.expiresAt.getTime() - CONFIRM_VALID_MS;
    if (row.unsubscribed_at && sentAt <= new Date(row.unsubscribed_at).getTime())
      return { outcome: 'invalid' };
    if (!row.confirmed_at || row.unsubscribed_at)
      await this.deps
        .knex('subscriptions')
        .where({ id: row.id })
        .update({ confirmed_at: now, unsubscribed_at: null });
    return { outcome: 'confirmed', ref: row.ref };
  }

  listPublic(filters: PublicFilters) {
    return this.deps.reports.listPublic(filters);
  }

  /**
   * A report as a visitor may see it: public ones to anyone; private, unconfirmed or withdrawn
   * ones only with the reporter's token. Anything else is "not found", never "forbidden", so the
   * existence of a private report is not revealed.
   */
  async view(
    ref: string,
    token?: unknown,
  ): Promise<{ report: Report; asReporter: boolean; timeline: ReportUpdate[] } | undefined> {
    const report = await this.deps.reports.byRef(ref);
    if (!report) return undefined;
    const asReporter = token !== undefined && this.deps.links.isReporterToken(report.ref, token);
    const visible =
      !report.isPrivate && !report.hidden && !report.withdrawnAt && report.status !== 'unconfirmed';
    if (!visible && !asReporter) return undefined;
    const timeline = await this.deps.reports.timeline(report.id, { publicOnly: true });
    return { report, asReporter, timeline };
  }

  /** Deletes reports nobody confirmed within 14 days, with their photos. */
  async purgeUnconfirmed(): Promise<number> {
    const cutoff = new Date(this.clock().getTime() - UNCONFIRMED_KEPT_MS);
    let purged = 0;
    for (;;) {
      const batch = await this.deps.reports.staleUnconfirmed(cutoff, 100);
      if (batch.length === 0) return purged;
      await this.deps.reports.deleteReports(batch.map((item) => item.id));
      await this.deps.photos.removeStored(batch.flatMap((item) => item.keys));
      purged += batch.length;
    }
  }
}
