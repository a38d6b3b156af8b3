import type { Knex } from 'knex';
import { affectedRows } from '../db/affected.js';
import type { Queryable } from '../db/transaction.js';
import { storedAddress, storedAddressOrNull } from '../mail/address-key.js';
import { ERASED_ADDRESS, maskReporterInPendingMail } from '../mail/erasure.js';
import { forgetAddressCounters } from '../ratelimit/address-keys.js';
import {
  forgetAddressInInboundMail,
  forgetSenderInOthersReportMail,
  forgetSendersInReportMail,
} from '../inbound/forget-address.js';
import { followAndAlertMail, forgetFollowAndAlertMail } from './address-mail.js';
import { forgetDuplicateFollows } from './duplicate-follows.js';
import { forgetPersonInWords, type Forgotten } from './forget-words.js';

/** An address's follows of reports and its alert subscriptions: how many it has, or had removed. */
export interface AddressHolds {
  follows: number;
  alerts: number;
  /** Emails about them to the address, kept or waiting to go. */
  emails: number;
}

/** How many rows a query finds. */
const count = async (query: Knex.QueryBuilder) =>
  Number(((await query.count({ n: '*' }).first()) as { n: number | string }).n);

/** What the retention job reads of a report it takes the personal data out of. */
export interface DueReport {
  id: number;
  isPrivate: boolean;
}

/** A report whose time is over: resolved or closed, unchanged since `before`, not yet done. */
const due = (db: Queryable, before: Date) =>
  db('reports')
    .whereNull('anonymised_at')
    .whereIn('status', ['resolved', 'closed'])
    .where('updated_at', '<', before);

/** A report's reporter taken out of it, its words and their own comments (with `more` set on the report). */
async function forgetReporter(trx: Knex.Transaction, id: number, more: Record<string, unknown> = {}) {
  const person = (await trx('reports')
    .where({ id })
    .first('reporter_name as name', 'reporter_email as email', 'reporter_phone as phone')) as
    Forgotten | undefined;
  if (person) await forgetPersonInWords(trx, id, person);
  await trx('reports')
    .where({ id })
    .update({
      reporter_name: '',
      reporter_email: null,
      reporter_phone: null,
      show_name: false,
      // Written again, without the name, by the search's catch-up (reports/search-words.ts).
      search_text: null,
      ...more,
    });
  await trx('report_updates').where({ report_id: id, author_kind: 'reporter' }).update({ author_name: null });
}

/** The kept bodies of a report's sent emails, emptied (those waiting to go are left to go). */
function purgeSentBodies(trx: Knex.Transaction, id: number, now: Date) {
  return trx('outbox')
    .where({ report_id: id })
    .whereNull('bodies_purged_at')
    .whereNot({ status: 'pending' })
    .update({ text_body: '', html_body: '', bodies_purged_at: now });
}

/**
 * The SQL of retention: finding the reports and offers whose personal data has been kept long
 * enough, and taking it out of a public report. (A private report's person goes as an erasure on
 * request does: `HelpRequestRepository.erase`; a volunteer's as `HelpOfferRepository.erase`.)
 */
export class RetentionRepository {
  constructor(private readonly knex: Knex) {}

  /** Due reports, oldest first (the `reports_retention_due` index). */
  async dueReports(before: Date, limit: number): Promise<DueReport[]> {
    const rows = (await due(this.knex, before)
      .orderBy('updated_at')
      .orderBy('id')
      .limit(limit)
      .select('id', 'is_private')) as { id: number; is_private: boolean }[];
    return rows.map((row) => ({ id: row.id, isPrivate: row.is_private }));
  }

  /** Locks a report that is still due: one reopened or done meanwhile is left alone. */
  async lockDue(trx: Knex.Transaction, id: number, before: Date): Promise<DueReport | undefined> {
    const row = (await due(trx, before).where({ id }).forUpdate().first('id', 'is_private')) as
      { id: number; is_private: boolean } | undefined;
    return row ? { id: row.id, isPrivate: row.is_private } : undefined;
  }

  /**
   * A public report's people go; its words, place and photos stay as the public record of the
   * problem, with the reporter's name and contact taken out where they or an answer wrote them
   * (every public page masked them by the report's own, which go: forget-words.ts).
   * The reporter's name, email and phone; its followers; their addresses in its emails and in the
   * mail that came in about it (a delivery report's note keeps MASK for them, and its raw copy goes:
   * its file's key is pushed to `rawKeys`, to delete once committed), and the reporter's in the
   * automatic answers tied to no email, as `eraseReporter` does; the bodies of its emails that have
   * not been emptied yet.
   */
  async anonymisePublic(trx: Knex.Transaction, id: number, now: Date, rawKeys: string[]): Promise<void> {
    const report = (await trx('reports').where({ id }).first('reporter_email')) as
      { reporter_email: string | null } | undefined;
    const followers = (await trx('subscriptions').where({ report_id: id }).pluck('email')) as string[];
    const addresses = [...new Set([report?.reporter_email ?? '', ...followers].filter(Boolean))].map(
      storedAddress,
    );
    await forgetReporter(trx, id, { anonymised_at: now });
    await trx('subscriptions').where({ report_id: id }).delete();
    await purgeSentBodies(trx, id, now);
    if (addresses.length === 0) return;
    const among = `(${addresses.map(() => '?').join(', ')})`;
    await trx('outbox')
      .where({ report_id: id, status: 'pending' })
      .whereRaw(`lower(to_email) in ${among}`, addresses)
      .delete();
    await trx('outbox')
      .where({ report_id: id })
      .whereRaw(`lower(to_email) in ${among}`, addresses)
      .update({ to_email: ERASED_ADDRESS, to_name: null });
    await forgetSendersInReportMail(trx, id, addresses, now, rawKeys);
    // The reporter's automatic answers tied to no email of ours go as on their erasure: they serve
    // no report. A follower's stay: they may still follow other reports.
    const reporter = storedAddressOrNull(report?.reporter_email);
    for (const address of addresses)
      await forgetAddressInInboundMail(trx, address, now, rawKeys, {
        reportId: id,
        untied: address === reporter,
      });
  }

  /**
   * A public report's reporter goes on their request, before their time: their name, email and
   * phone, wherever the report's words or its public updates hold them (forget-words.ts), their
   * name on their own comments, their follow of it, their address in its emails and
   * in the mail that came in from it, about its emails to them or as an automatic answer tied to
   * no email (raw copies' keys pushed to
   * `rawKeys`, to delete once committed), the kept bodies of its sent emails, and every rate-limit
   * counter whose key holds their address (`forgetAddressCounters`). A reply of theirs
   * still held for staff is dropped: it cannot be published in a name that is gone. The report's words
   * (without their name and contact), place, photos, history and other followers stay; the
   * time-based run still comes for them.
   * Answers whether there was anyone to erase.
   */
  async eraseReporter(trx: Knex.Transaction, id: number, now: Date, rawKeys: string[]): Promise<boolean> {
    const report = (await trx('reports')
      .where({ id })
      .forUpdate()
      .first('reporter_email', 'reporter_name', 'reporter_phone')) as
      | { reporter_email: string | null; reporter_name: string | null; reporter_phone: string | null }
      | undefined;
    if (!report || (!report.reporter_email && !report.reporter_name && !report.reporter_phone)) return false;
    await forgetReporter(trx, id);
    // The copies of its sent emails go too: the parish's held their contacts, theirs their words.
    await purgeSentBodies(trx, id, now);
    const address = storedAddressOrNull(report.reporter_email);
    if (address) {
      await this.forgetAddress(trx, id, address, now, rawKeys);
      // And the follow their report gave them of the report it was closed as a duplicate of.
      await forgetDuplicateFollows(trx, id, address);
      // With the automatic answers from them tied to no email of ours: they asked to be forgotten.
      await forgetAddressInInboundMail(trx, address, now, rawKeys, { reportId: id, untied: true });
      await forgetAddressCounters(trx, address);
    }
    // What still waits to go to others (the parish's email, when its server was down) goes without them.
    await maskReporterInPendingMail(trx, id, {
      name: report.reporter_name,
      email: report.reporter_email,
      phone: report.reporter_phone,
    });
    return true;
  }

  /** The reporter's address out of the report's follows, its emails to them and the mail from them. */
  private async forgetAddress(
    trx: Knex.Transaction,
    id: number,
    address: string,
    now: Date,
    rawKeys: string[],
  ): Promise<void> {
    await trx('subscriptions').where({ report_id: id }).whereRaw('lower(email) = ?', [address]).delete();
    const toThem = () => trx('outbox').where({ report_id: id }).whereRaw('lower(to_email) = ?', [address]);
    await toThem().where({ status: 'pending' }).delete();
    await toThem().update({
      to_email: ERASED_ADDRESS,
      to_name: null,
      text_body: '',
      html_body: '',
      bodies_purged_at: now,
    });
    await forgetSendersInReportMail(trx, id, [address], now, rawKeys);
  }

  /** Marks a report done (a private one, erased as a request is). */
  async markAnonymised(trx: Queryable, id: number, now: Date): Promise<void> {
    await trx('reports').where({ id }).update({ anonymised_at: now });
  }

  /** Volunteers who withdrew before `before` and are not erased yet. */
  async dueOffers(before: Date, limit: number): Promise<number[]> {
    return (await this.knex('help_offers')
      .where({ status: 'withdrawn' })
      .whereNull('erased_at')
      .where('withdrawn_at', '<', before)
      .orderBy('withdrawn_at')
      .limit(limit)
      .pluck('id')) as number[];
  }

  /**
   * The addresses that asked for alerts or to follow a report and never confirmed, or that
   * unsubscribed, both before `before` (`created_at` is when they last asked): deleted, not kept
   * with no end. An address left with no follow or alert loses its emails about them as well
   * (`forgetFollowAndAlertMail`). Answers how many rows went. The partial indexes `*_lapsed` hold
   * only these. The raw files of inbound mail about a forgotten address are pushed to `rawKeys`,
   * for the caller to delete.
   */
  async forgetLapsedAddresses(before: Date, now: Date, rawKeys: string[]): Promise<number> {
    const gone = new Set<string>();
    let removed = 0;
    for (const table of ['alerts', 'subscriptions']) {
      const rows = (await this.knex(table)
        .where((lapsed) => void lapsed.whereNull('confirmed_at').orWhereNotNull('unsubscribed_at'))
        .where('created_at', '<', before)
        .where((old) => void old.whereNull('unsubscribed_at').orWhere('unsubscribed_at', '<', before))
        .delete()
        .returning('email')) as { email: string }[];
      removed += rows.length;
      for (const row of rows) gone.add(storedAddress(row.email));
    }
    for (const address of gone) {
      const { follows, alerts } = await this.addressRows(address);
      if (follows + alerts === 0) await forgetFollowAndAlertMail(this.knex, address, now, rawKeys);
    }
    return removed;
  }

  /**
   * How many follows and alert subscriptions `address` (lower case) has, whatever their state, and
   * how many emails about them to it are kept or wait to go.
   */
  async addressHolds(address: string): Promise<AddressHolds> {
    return {
      ...(await this.addressRows(address)),
      emails: await count(followAndAlertMail(this.knex, address)),
    };
  }

  /** How many follows and alert subscriptions `address` (lower case) has. */
  private async addressRows(address: string): Promise<Omit<AddressHolds, 'emails'>> {
    return {
      follows: await count(this.knex('subscriptions').whereRaw('lower(email) = ?', [address])),
      alerts: await count(this.knex('alerts').whereRaw('lower(email) = ?', [address])),
    };
  }

  /**
   * A follower's or alert subscriber's erasure on request (`address` in lower case): their follows
   * and alert subscriptions deleted, and the emails about them as `forgetFollowAndAlertMail` does.
   * An update of a report they sent stays theirs as its reporter: this erases what following and
   * alerts hold, not their reports. What they wrote to another's report (a reply to its update
   * email, to its reply address) forgets them as an erased reporter's mail does
   * (`forgetSenderInOthersReportMail`: what was held for staff is dropped), and so does their own
   * mail tied to no report. Every rate-limit counter whose key holds the address goes
   * (`forgetAddressCounters`). The raw files of inbound mail about the address are pushed to
   * `rawKeys`, for the caller to delete once the transaction is committed.
   */
  async eraseAddress(
    trx: Knex.Transaction,
    address: string,
    now: Date,
    rawKeys: string[],
  ): Promise<AddressHolds> {
    const follows = affectedRows(await trx('subscriptions').whereRaw('lower(email) = ?', [address]).delete());
    const alerts = affectedRows(await trx('alerts').whereRaw('lower(email) = ?', [address]).delete());
    await forgetAddressCounters(trx, address);
    // Their replies to a report they follow are neither a delivery report nor an automatic answer:
    // found by their sender, on every report that is not theirs as its reporter.
    await forgetSenderInOthersReportMail(trx, address, now, rawKeys);
    return { follows, alerts, emails: await forgetFollowAndAlertMail(trx, address, now, rawKeys) };
  }
}
