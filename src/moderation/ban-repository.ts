import type { Knex } from 'knex';
import { escapeLike } from '../db/like.js';
import type { Queryable } from '../db/transaction.js';
import { BANS } from '../reports/repository.js';

export type BanKind = 'address' | 'domain';
export const BAN_KINDS: readonly BanKind[] = ['address', 'domain'];

/** A ban of one address or a whole domain: their reports are held, their subscriptions ignored. */
export interface Ban {
  id: number;
  kind: BanKind;
  value: string;
  reason: string;
  createdAt: Date;
  createdBy: string | null;
  liftedAt: Date | null;
}

interface BanRow {
  id: number;
  kind: BanKind;
  value: string;
  reason: string;
  created_at: Date;
  created_by?: string | null;
  lifted_at: Date | null;
}

const rowToBan = (row: BanRow): Ban => ({
  id: row.id,
  kind: row.kind,
  value: row.value,
  reason: row.reason,
  createdAt: new Date(row.created_at),
  createdBy: row.created_by ?? null,
  liftedAt: row.lifted_at ? new Date(row.lifted_at) : null,
});

/** How many of Tilts's own people a ban would reach. */
export interface OwnReach {
  staff: number;
  contacts: number;
}

/**
 * The list of bans moderators keep. (Whether a sender falls under one is asked where reports are
 * confirmed: `ReportRepository.senderBan`.)
 */
export class BanRepository {
  constructor(private readonly knex: Knex) {}

  /** Bans in force, newest first, with who added them. */
  async active(): Promise<Ban[]> {
    const rows = (await this.knex(`${BANS} as b`)
      .leftJoin('staff_members as s', 's.id', 'b.created_by_staff_id')
      .whereNull('b.lifted_at')
      .select('b.*', 's.name as created_by')
      .orderBy('b.id', 'desc')) as BanRow[];
    return rows.map(rowToBan);
  }

  async byId(db: Queryable, id: number, lock = false): Promise<Ban | undefined> {
    const query = db<BanRow>(BANS).where({ id }).first();
    if (lock) void query.forUpdate();
    const row = (await query) as BanRow | undefined;
    return row ? rowToBan(row) : undefined;
  }

  /** The ban in force of exactly this address or domain (values are stored in lower case). */
  async activeOf(db: Queryable, kind: BanKind, value: string): Promise<Ban | undefined> {
    const row = (await db<BanRow>(BANS)
      .whereNull('lifted_at')
      .where({ kind })
      .whereRaw('lower(value) = ?', [value.toLowerCase()])
      .first()) as BanRow | undefined;
    return row ? rowToBan(row) : undefined;
  }

  async insert(
    db: Queryable,
    ban: { kind: BanKind; value: string; reason: string; staffId: number },
    now: Date,
  ): Promise<Ban> {
    const [row] = (await db(BANS)
      .insert({
        kind: ban.kind,
        value: ban.value,
        reason: ban.reason,
        created_by_staff_id: ban.staffId,
        created_at: now,
      })
      .returning('*')) as BanRow[];
    return rowToBan(row!);
  }

  /** Lifts a ban in force; false when it was lifted already. */
  async lift(db: Queryable, id: number, staffId: number, now: Date): Promise<boolean> {
    const rows = (await db(BANS)
      .where({ id })
      .whereNull('lifted_at')
      .update({ lifted_at: now, lifted_by_staff_id: staffId })
      .returning('id')) as { id: number }[];
    return rows.length > 0;
  }

  /**
   * How many reports, and from how many addresses, came from a domain or its subdomains: what a
   * domain ban would have held, for the moderator to weigh before it is added.
   */
  async reachOf(domain: string): Promise<{ reports: number; addresses: number }> {
    const value = domain.toLowerCase();
    const row = (await this.knex('reports')
      .where((where) => {
        void where
          .whereRaw('lower(reporter_email) like ?', [`%@${escapeLike(value)}`])
          .orWhereRaw('lower(reporter_email) like ?', [`%@%.${escapeLike(value)}`]);
      })
      .first(this.knex.raw('count(*) as reports, count(distinct lower(reporter_email)) as addresses'))) as
      { reports: number | string; addresses: number | string } | undefined;
    return { reports: Number(row?.reports ?? 0), addresses: Number(row?.addresses ?? 0) };
  }

  /**
   * Tilts's own people a ban would reach: staff who may sign in, and routing contacts, with this
   * address, or an address at this domain or its subdomains.
   */
  async ownReach(kind: BanKind, value: string): Promise<OwnReach> {
    const matching = (column: string) => (where: Knex.QueryBuilder) => {
      const lower = value.toLowerCase();
      if (kind === 'address') void where.whereRaw(`lower(${column}) = ?`, [lower]);
      else
        void where
          .whereRaw(`lower(${column}) like ?`, [`%@${escapeLike(lower)}`])
          .orWhereRaw(`lower(${column}) like ?`, [`%@%.${escapeLike(lower)}`]);
    };
    const count = async (query: Knex.QueryBuilder) =>
      Number(((await query.count({ n: '*' }).first()) as { n: number | string } | undefined)?.n ?? 0);
    const [staff, contacts] = await Promise.all([
      count(this.knex('staff_members').where({ active: true }).where(matching('email'))),
      count(this.knex('contacts').where(matching('email'))),
    ]);
    return { staff, contacts };
  }
}
