import type { Knex } from 'knex';

/** Something that can run queries: the database itself or a transaction inside it. */
export type Queryable = Knex | Knex.Transaction;

/** Runs `work` in a transaction; nothing it wrote is kept if it throws. */
export function inTransaction<T>(knex: Knex, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return knex.transaction(work);
}
