import type { Knex } from 'knex';
import type { Queryable } from '../../db/transaction.js';

export const API_KEYS = 'api_keys';

export interface ApiKey {
  id: number;
  prefix: string;
  label: string;
  trusted: boolean;
  createdAt: Date;
  createdByName: string | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

interface ApiKeyRow {
  id: number;
  key_prefix: string;
  label: string;
  trusted: boolean;
  created_at: Date;
  created_by_name?: string | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

const date = (value: Date | null) => (value === null ? null : new Date(value));

const rowToKey = (row: ApiKeyRow): ApiKey => ({
  id: row.id,
  prefix: row.key_prefix,
  label: row.label,
  trusted: row.trusted,
  createdAt: new Date(row.created_at),
  createdByName: row.created_by_name ?? null,
  revokedAt: date(row.revoked_at),
  lastUsedAt: date(row.last_used_at),
});

export interface NewApiKey {
  hash: string;
  prefix: string;
  label: string;
  trusted: boolean;
  staffId: number;
}

/** Open311 clients' keys: stored as hashes, revoked and never deleted. */
export class ApiKeyRepository {
  constructor(private readonly knex: Knex) {}

  /** Every key, the ones in use first, newest first, with the name of who made it. */
  async list(): Promise<ApiKey[]> {
    const rows = (await this.knex(`${API_KEYS} as k`)
      .leftJoin('staff_members as s', 's.id', 'k.created_by_staff_id')
      .select('k.*', 's.name as created_by_name')
      .orderByRaw('k.revoked_at is not null, k.created_at desc, k.id desc')) as ApiKeyRow[];
    return rows.map(rowToKey);
  }

  async insert(db: Queryable, key: NewApiKey, now: Date): Promise<ApiKey> {
    const [row] = (await db(API_KEYS)
      .insert({
        key_hash: key.hash,
        key_prefix: key.prefix,
        label: key.label,
        trusted: key.trusted,
        created_by_staff_id: key.staffId,
        created_at: now,
      })
      .returning('*')) as ApiKeyRow[];
    return rowToKey(row!);
  }

  async byId(db: Queryable, id: number, lock = false): Promise<ApiKey | undefined> {
    const query = db(API_KEYS).where({ id }).first();
    if (lock) void query.forUpdate();
    const row = (await query) as ApiKeyRow | undefined;
    return row ? rowToKey(row) : undefined;
  }

  /** The key with this hash while it is not revoked. */
  async activeByHash(hash: string): Promise<ApiKey | undefined> {
    const row = (await this.knex(API_KEYS).where({ key_hash: hash }).whereNull('revoked_at').first()) as
      ApiKeyRow | undefined;
    return row ? rowToKey(row) : undefined;
  }

  async revoke(db: Queryable, id: number, staffId: number, now: Date): Promise<void> {
    await db(API_KEYS)
      .where({ id })
      .whereNull('revoked_at')
      .update({ revoked_at: now, revoked_by_staff_id: staffId });
  }

  async touch(id: number, now: Date): Promise<void> {
    await this.knex(API_KEYS).where({ id }).update({ last_used_at: now });
  }
}
