import type { ParishType } from '../reference/types.js';

/**
 * The role an office is named by on pages and in emails. A contact's role says what it does for
 * its place: `parish_admin` is the administration of a parish or, for Viļāni, which is a town, of
 * a town ("Viļānu pilsētas pārvalde"), and is named so (`town_admin`). Other roles keep their name.
 */
export function officeRole(role: string, parishType: ParishType | null | undefined): string {
  return role === 'parish_admin' && parishType === 'pilsēta' ? 'town_admin' : role;
}
