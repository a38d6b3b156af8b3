/**
 * Whether an error is PostgreSQL's unique violation (23505) of the named constraint or index, as
 * `pg` and PGlite both report it: a row another transaction wrote at the same moment.
 */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (!error || typeof error !== 'object') return false;
  const { code, constraint: name } = error as { code?: unknown; constraint?: unknown };
  return code === '23505' && name === constraint;
}
