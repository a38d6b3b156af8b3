import type { Knex } from 'knex';
import type { Queryable } from '../db/transaction.js';
import type { Language } from '../i18n/index.js';
import { storedAddress, storedAddressOrNull } from '../mail/address-key.js';
import { readReportPage, type ReportPageRow } from './page-query.js';
import { formatRef } from './refs.js';
import { textLanguage } from './text-language.js';
import type { CloseReason, Report, Status, ReportSource } from './types.js';

import { REPORTS, rowToReport, type ReportRow } from './rows.js';
import { hiddenColumns, type HiddenMark } from './hidden.js';
import { publicWriterOf } from './public-words.js';
import { reportSearchText, type Masks } from './search-words.js';

export { REPORTS, rowToReport, type ReportRow };

export const BANS = 'banned_senders';

/**
 * The condition that makes a report visible to anyone: used by every public query. `hidden` is
 * kept in step with `hidden_at` (a moderator hid it); a held report (a banned sender's) is
 * confirmed and open, yet nobody's to see.
 */
export function publicOnly(query: Knex.QueryBuilder, table = REPORTS): Knex.QueryBuilder {
  // Constants in the text, not bound: the public indexes are partial on this very condition, and a
  // prepared statement's plan (db/prepared.ts), made once for any bound value, could not use them.
  return query.whereRaw(
    `not ${table}.is_private and not ${table}.hidden and ${table}.held_at is null and ${table}.withdrawn_at is null and ${table}.status <> 'unconfirmed'`,
  );
}

/** An active ban a sender falls under. */
export interface SenderBan {
  id: number;
  kind: 'address' | 'domain';
  value: string;
}

/** `a@mail.example.lv` falls under bans of itself, `mail.example.lv` and `example.lv`. */
function banCandidates(email: string): { address: string; domains: string[] } {
  // As addresses and bans are kept (storedAddress): its domain in one spelling.
  const address = storedAddress(email);
  const labels = address.slice(address.lastIndexOf('@') + 1).split('.');
  // Never the bare top-level domain: a ban is of one domain, not of a country.
  const domains = labels.slice(0, -1).map((_, index) => labels.slice(index).join('.'));
  return { address, domains };
}

export interface NewReport {
  categoryCode: string;
  parishCode: string;
  isPrivate: boolean;
  title: string;
  description: string;
  location: string;
  lat: number | null;
  lon: number | null;
  reporterName: string;
  reporterEmail: string | null;
  reporterPhone: string | null;
  showName: boolean;
  language: Language;
  /**
   * Whose words the title is, for telling what the text is written in: the resident's (the
   * default), or Tilts's (a request for help's), when the description alone tells.
   */
  titleByTilts?: boolean;
  /** Null when it needs no confirmation (staff took it). */
  confirmExpiresAt: Date | null;
  source?: ReportSource;
  enteredByStaffId?: number | null;
}

export class ReportRepository {
  /** `masks` write the words the public search reads (search-words.ts) with the report. */
  constructor(
    private readonly knex: Knex,
    private readonly masks: Masks,
  ) {}

  async insert(db: Queryable, report: NewReport, now: Date): Promise<Report> {
    const { rows } = await db.raw<{ rows: { n: number }[] }>("select nextval('report_number_seq')::int as n");
    const ref = formatRef(now.getUTCFullYear(), rows[0]!.n);
    const [row] = await db<ReportRow>(REPORTS)
      .insert({
        ref,
        category_code: report.categoryCode,
        parish_code: report.parishCode,
        is_private: report.isPrivate,
        title: report.title,
        description: report.description,
        location: report.location,
        search_text: reportSearchText(report, publicWriterOf(report), this.masks),
        lat: report.lat,
        lon: report.lon,
        reporter_name: report.reporterName,
        reporter_email: storedAddressOrNull(report.reporterEmail),
        reporter_phone: report.reporterPhone,
        show_name: report.showName,
        language: report.language,
        text_language: textLanguage(
          report.titleByTilts ? report.description : `${report.title}\n${report.description}`,
          report.language,
        ),
        status: 'unconfirmed',
        confirm_expires_at: report.confirmExpiresAt,
        source: report.source ?? 'web',
        entered_by_staff_id: report.enteredByStaffId ?? null,
        created_at: now,
        updated_at: now,
      })
      .returning('*');
    return rowToReport(row as ReportRow);
  }

  async byId(id: number, db: Queryable = this.knex, lock = false): Promise<Report | undefined> {
    const query = db<ReportRow>(REPORTS).where({ id }).first();
    if (lock) void query.forUpdate();
    const row = (await query) as ReportRow | undefined;
    return row ? rowToReport(row) : undefined;
  }

  /** Several reports at once, in no particular order; those not found are left out. */
  async byIds(ids: readonly number[], db: Queryable = this.knex): Promise<Report[]> {
    if (ids.length === 0) return [];
    const rows = (await db<ReportRow>(REPORTS).whereIn('id', ids)) as ReportRow[];
    return rows.map(rowToReport);
  }

  /** A report with all its page shows (photos, public timeline, its duplicate's visibility), in one query. */
  page(ref: string): Promise<ReportPageRow | undefined> {
    return readReportPage(this.knex, ref);
  }

  async byRef(ref: string, db: Queryable = this.knex): Promise<Report | undefined> {
    const row = (await db<ReportRow>(REPORTS).where({ ref }).first()) as ReportRow | undefined;
    return row ? rowToReport(row) : undefined;
  }

  async setStatus(
    db: Queryable,
    id: number,
    changes: {
      status: Status;
      closeReason?: CloseReason | null;
      confirmedAt?: Date;
      routedAt?: Date;
      withdrawnAt?: Date;
    },
    now: Date,
  ): Promise<void> {
    await db(REPORTS)
      .where({ id })
      .update({
        status: changes.status,
        ...(changes.closeReason !== undefined ? { close_reason: changes.closeReason } : {}),
        ...(changes.confirmedAt ? { confirmed_at: changes.confirmedAt } : {}),
        ...(changes.routedAt ? { routed_at: changes.routedAt } : {}),
        ...(changes.withdrawnAt ? { withdrawn_at: changes.withdrawnAt } : {}),
        updated_at: now,
      });
  }

  /** Unconfirmed reports created before the cut-off, for the purge job. */
  async staleUnconfirmed(before: Date, limit: number): Promise<number[]> {
    const rows = (await this.knex(REPORTS)
      .where('status', 'unconfirmed')
      .where('created_at', '<', before)
      .select('id')
      .limit(limit)) as { id: number }[];
    return rows.map((row) => row.id);
  }

  async deleteReports(ids: number[]): Promise<void> {
    if (ids.length > 0) await this.knex(REPORTS).whereIn('id', ids).where('status', 'unconfirmed').delete();
  }

  async muteReporter(reportId: number, now: Date): Promise<void> {
    await this.knex(REPORTS)
      .where({ id: reportId })
      .whereNull('reporter_unsubscribed_at')
      .update({ reporter_unsubscribed_at: now });
  }

  /** Whether the reporter used the one-click unsubscribe in one of the report's emails. */
  async reporterMuted(db: Queryable, reportId: number): Promise<boolean> {
    const row = (await db(REPORTS).where({ id: reportId }).first('reporter_unsubscribed_at')) as
      { reporter_unsubscribed_at: Date | null } | undefined;
    return Boolean(row?.reporter_unsubscribed_at);
  }

  /** Hides the report (the row is kept) or shows it again; `hidden` follows `hidden_at`. */
  async setHidden(db: Queryable, id: number, mark: HiddenMark | null, now: Date): Promise<void> {
    await db(REPORTS)
      .where({ id })
      .update({ hidden: mark !== null, ...hiddenColumns(mark), updated_at: now });
  }

  /** The active ban (of the address itself or of its domain) a sender falls under, if any. */
  async senderBan(email: string, db: Queryable = this.knex): Promise<SenderBan | undefined> {
    const { address, domains } = banCandidates(email);
    const row = (await db(BANS)
      .whereNull('lifted_at')
      .where((where) => {
        void where.where('kind', 'address').whereRaw('lower(value) = ?', [address]);
        if (domains.length > 0)
          void where.orWhere((domain) => {
            void domain
              .where('kind', 'domain')
              .whereRaw(`lower(value) in (${domains.map(() => '?').join(', ')})`, domains);
          });
      })
      .orderBy('id')
      .first('id', 'kind', 'value')) as SenderBan | undefined;
    return row;
  }

  /** Holds a confirmed report: kept for staff, never routed, published or sent to anyone. */
  async hold(db: Queryable, id: number, reason: string, now: Date): Promise<void> {
    await db(REPORTS).where({ id }).update({ held_at: now, held_reason: reason, updated_at: now });
  }

  /** A held report let through by staff: routed from now; false when it was not held (any more). */
  async release(db: Queryable, id: number, now: Date): Promise<boolean> {
    const changed = await db(REPORTS)
      .where({ id })
      .whereNotNull('held_at')
      .update({ held_at: null, held_reason: null, routed_at: now, updated_at: now });
    return changed === 1;
  }

  async countRecentByEmail(email: string, since: Date): Promise<number> {
    const [row] = (await this.knex(REPORTS)
      .whereRaw('lower(reporter_email) = lower(?)', [storedAddress(email)])
      .where('created_at', '>=', since)
      .count({ count: '*' })) as { count: number }[];
    return Number(row?.count ?? 0);
  }

  /**
   * The report the same web form made since `since`, if one did: every word, choice and contact
   * alike, neither withdrawn nor erased (`ReportService.createFromForm`).
   */
  async sameWebForm(db: Queryable, report: NewReport, since: Date): Promise<Report | undefined> {
    const row = (await db<ReportRow>(REPORTS)
      .where({
        source: 'web',
        category_code: report.categoryCode,
        parish_code: report.parishCode,
        title: report.title,
        description: report.description,
        location: report.location,
        reporter_name: report.reporterName,
        show_name: report.showName,
      })
      .whereRaw('lower(reporter_email) = lower(?)', [storedAddressOrNull(report.reporterEmail)])
      .whereRaw('reporter_phone is not distinct from ?::text', [report.reporterPhone])
      .whereRaw('lat is not distinct from ?::double precision', [report.lat])
      .whereRaw('lon is not distinct from ?::double precision', [report.lon])
      .whereNull('entered_by_staff_id')
      .whereNull('withdrawn_at')
      .whereNull('erased_at')
      .where('created_at', '>=', since)
      .orderBy('id', 'desc')
      .first()) as ReportRow | undefined;
    return row ? rowToReport(row) : undefined;
  }

  /** Links a report closed as a duplicate to the report it repeats. */
  async markDuplicate(db: Queryable, id: number, of: number): Promise<void> {
    await db(REPORTS).where({ id }).update({ duplicate_of: of });
  }
}
