import type { Translate } from '../i18n/index.js';
import type { ParishType } from '../reference/types.js';

/**
 * The role an office is named by on pages and in emails. A contact's role says what it does for
 * its place: `parish_admin` is the administration of a parish or, for Viļāni, which is a town, of
 * a town ("Viļānu pilsētas pārvalde"), and is named so (`town_admin`). Other roles keep their name.
 */
export function officeRole(role: string, parishType: ParishType | null | undefined): string {
  return role === 'parish_admin' && parishType === 'pilsēta' ? 'town_admin' : role;
}

/**
 * The reader's words around an office's official (Latvian) name, which a page marks lang="lv"
 * between them: `key` puts the name and the role together ("the {{role}} ({{name}})").
 */
export function officeWords(t: Translate, key: string, role: string): { before: string; after: string } {
  const [before = '', after = ''] = t(key, { name: '\u0000', role }).split('\u0000');
  return { before, after };
}
