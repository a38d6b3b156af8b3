import crypto from 'node:crypto';
import type { Knex } from 'knex';
import ClientPg from 'knex/lib/dialects/postgres/index.js';
import ClientPgLite from 'knex-pglite';

/**
 * The option a query carries to be run as a named (prepared) statement on PostgreSQL: the server
 * parses and plans its text once per connection instead of on every request. For the pages read
 * most (a report's page, the list) planning cost more than running: a report's page spent ~0.9 ms
 * of database time per view unprepared, ~0.2 ms prepared.
 *
 * Only for statements whose text is one of a small, fixed set (the text names the statement, and
 * each connection keeps every one it has seen). Constants that decide which partial index applies
 * (`publicOnly`) must be in the text, not bound: a plan made once for any value cannot use an index
 * whose condition depends on the value.
 */
export const PREPARED = { prepared: true } as const;

/** Marks a query or raw statement to be prepared (see PREPARED); a no-op on the embedded engine. */
export function prepared<T extends Knex.QueryBuilder | Knex.Raw>(query: T): T {
  return query.options(PREPARED) as T;
}

const NAME_LIMIT = 1_000;
const names = new Map<string, string>();

/** The statement's name: from its text, so the same text is the same statement on every connection. */
export function statementName(sql: string): string {
  let name = names.get(sql);
  if (name === undefined) {
    name = `tilts_${crypto.createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    if (names.size < NAME_LIMIT) names.set(sql, name);
  }
  return name;
}

/** knex's clients as we extend them: `_query` runs one compiled query on a connection. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- a type only: knex types Client as a class
declare class QueryingClient extends Knex.Client {
  _query(connection: unknown, obj: unknown): Promise<unknown>;
  poolDefaults(): PoolDefaults;
}

/** knex's pool defaults, and tarn's limit on making one connection. */
interface PoolDefaults {
  min: number;
  max: number;
  propagateCreateError: boolean;
  createTimeoutMillis?: number;
}

interface QueryObject {
  sql: string;
  options?: Record<string, unknown>;
}

interface PgConnection {
  query(sql: string): Promise<unknown>;
  connection?: { parsedStatements?: Record<string, string> };
}

/** PostgreSQL refuses a prepared statement whose result columns changed (a migration added one). */
const staleResult = (error: unknown) =>
  (error as { code?: string }).code === '0A000' &&
  /cached plan must not change result type/.test((error as Error).message);

const withoutMarker = (obj: QueryObject): QueryObject => {
  if (!obj.options || !('prepared' in obj.options)) return obj;
  const { prepared: _marker, ...options } = obj.options;
  return { ...obj, options: Object.keys(options).length > 0 ? options : undefined };
};

/** knex's `pg` client, running queries marked PREPARED as named statements. */
export class PreparingPgClient extends (ClientPg as unknown as typeof QueryingClient) {
  override async _query(connection: PgConnection, obj: QueryObject): Promise<unknown> {
    const run = (query: QueryObject) => super._query(connection, query);
    if (obj.options?.prepared !== true) return run(obj);
    const plain = withoutMarker(obj);
    const named = { ...plain, options: { ...plain.options, name: statementName(obj.sql) } };
    const name = named.options.name;
    try {
      return await run(named);
    } catch (error) {
      if (!staleResult(error)) throw error;
      // Another process migrated the table under this connection's statement: forget it, and
      // let the retry parse the text afresh.
      await connection.query(`deallocate "${name}"`);
      delete connection.connection?.parsedStatements?.[name];
      return run(named);
    }
  }
}

/** knex-pglite's client, ignoring the PREPARED marker (one connection in-process: nothing to plan once). */
export class EmbeddedClient extends (ClientPgLite as unknown as typeof QueryingClient) {
  override _query(connection: unknown, obj: QueryObject): Promise<unknown> {
    return super._query(connection, withoutMarker(obj));
  }

  /**
   * The one connection is PGlite's whole start (initdb of a new folder, or loading a backup), which
   * may take minutes on a busy machine: it may take as long to make as the acquire timeout allows.
   * tarn's own limit, 30 s whatever that timeout, failed a restore as "Timeout acquiring a
   * connection" (knex-pglite refuses a pool setting, so the limit is set among the defaults).
   */
  override poolDefaults(): PoolDefaults {
    const timeout = (this.config as { acquireConnectionTimeout?: number }).acquireConnectionTimeout;
    return { ...super.poolDefaults(), ...(timeout ? { createTimeoutMillis: timeout } : {}) };
  }
}
