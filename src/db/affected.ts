/**
 * How many rows an update or delete touched. `pg` answers a number; knex-pglite answers the raw
 * result object ({ rowCount, affectedRows }). Repositories read counts through this, so callers
 * see a number on both engines.
 */
export function affectedRows(result: unknown): number {
  if (typeof result === 'number') return result;
  if (result && typeof result === 'object') {
    const { rowCount, affectedRows } = result as { rowCount?: unknown; affectedRows?: unknown };
    if (typeof rowCount === 'number') return rowCount;
    if (typeof affectedRows === 'number') return affectedRows;
  }
  return 0;
}
