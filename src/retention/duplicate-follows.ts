import type { Knex } from 'knex';

/** Reports closed as duplicates of one another: a chain longer than this is not followed. */
const MAX_HOPS = 50;

/**
 * A report closed as a duplicate of another makes its reporter a follower of that other report
 * (`origin = 'duplicate'`, moved on with it if that one too is closed as a duplicate): a follow
 * they never asked for, held only because they reported. Their erasure as the reporter takes it
 * with the rest. A follow of theirs they asked for themselves (`followed`) stays: that is erased
 * as a follower's.
 */
export async function forgetDuplicateFollows(
  trx: Knex.Transaction,
  id: number,
  address: string,
): Promise<number> {
  const seen = new Set<number>([id]);
  const chain: number[] = [];
  let current = id;
  for (let hop = 0; hop < MAX_HOPS; hop += 1) {
    const row = (await trx('reports').where({ id: current }).first('duplicate_of')) as
      { duplicate_of: number | null } | undefined;
    const next = row?.duplicate_of;
    if (next === null || next === undefined || seen.has(next)) break;
    seen.add(next);
    chain.push(next);
    current = next;
  }
  if (chain.length === 0) return 0;
  return Number(
    await trx('subscriptions')
      .whereIn('report_id', chain)
      .where({ origin: 'duplicate' })
      .whereRaw('lower(email) = ?', [address])
      .delete(),
  );
}
