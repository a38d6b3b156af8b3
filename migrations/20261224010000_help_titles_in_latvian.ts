import type { Knex } from 'knex';

export const name = '20261224010000_help_titles_in_latvian';

// The words as they were when this migration was written (a migration does not follow the catalogs).
const BASES: Record<string, string> = {
  self: 'Lūgums pēc palīdzības',
  other: 'Lūgums pēc palīdzības citam cilvēkam',
};
const KINDS: Record<string, string> = {
  transport: 'Transports (aizvest, atvest)',
  shopping: 'Iepirkumi un aptieka',
  household: 'Malka un mājas darbi',
  company: 'Ciemošanās un sabiedrība',
  digital: 'Digitālā palīdzība (telefons, internets, e-pakalpojumi)',
  paperwork: 'Dokumenti un iesniegumi',
  other: 'Cits',
};
// How a request's title began when it was made in the asker's English or Russian.
const OTHER_BASES = ['Request for help', 'Просьба о помощи'];
const TITLE_MAX = 120;

interface Row {
  id: number;
  title: string;
  for_whom: string;
  kinds: string;
}

/**
 * A request for help's title (Tilts's words) was made in the asker's language, so a Latvian social
 * worker read "Просьба о помощи: Транспорт" in her email and on the desk. It is now made in
 * Latvian and said in each reader's language where they read it; the titles made before in
 * English or Russian are made again in Latvian from the request's own details. A title staff
 * wrote (a private report made into a request) begins with none of those words and stays.
 */
export async function up(knex: Knex): Promise<void> {
  const rows = (await knex('reports as r')
    .join('help_requests as h', 'h.report_id', 'r.id')
    .whereIn('r.language', ['en', 'ru'])
    .where((where) => {
      for (const base of OTHER_BASES) where.orWhere('r.title', 'like', `${base}%`);
    })
    .select('r.id', 'r.title', 'h.for_whom', 'h.kinds')) as Row[];
  for (const row of rows) {
    const base = BASES[row.for_whom];
    if (!base) continue;
    const kinds = row.kinds
      .split(',')
      .filter(Boolean)
      .map((kind) => KINDS[kind] ?? kind);
    const title = kinds.length > 0 ? `${base}: ${kinds.join(', ')}` : base;
    await knex('reports')
      .where({ id: row.id })
      .update({ title: title.length > TITLE_MAX ? `${title.slice(0, TITLE_MAX - 1)}…` : title });
  }
}

/** Nothing to undo: a Latvian title is said in each reader's language either way. */
export async function down(): Promise<void> {}
