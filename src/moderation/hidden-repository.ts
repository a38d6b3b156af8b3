import type { Knex } from 'knex';

/** Something a moderator hid, as the list of hidden things shows it (with the reason: staff only). */
export interface HiddenItem {
  ref: string;
  reportTitle: string;
  id: number;
  hiddenAt: Date;
  reason: string;
  hiddenBy: string | null;
  /** An update's words (shown to staff so they can decide to show it again). */
  text: string | null;
}

export interface HiddenLists {
  reports: HiddenItem[];
  updates: HiddenItem[];
  photos: HiddenItem[];
}

interface HiddenRow {
  ref: string;
  report_title: string;
  id: number;
  hidden_at: Date;
  hidden_reason: string | null;
  hidden_by: string | null;
  text?: string | null;
}

const rowToItem = (row: HiddenRow): HiddenItem => ({
  ref: row.ref,
  reportTitle: row.report_title,
  id: row.id,
  hiddenAt: new Date(row.hidden_at),
  reason: row.hidden_reason ?? '',
  hiddenBy: row.hidden_by,
  text: row.text ?? null,
});

// Each hidden row (as `x`) and the column that names its report.
const TABLES = {
  reports: { table: 'reports', reportId: 'x.id' },
  updates: { table: 'report_updates', reportId: 'x.report_id' },
  photos: { table: 'report_photos', reportId: 'x.report_id' },
} as const;

/** What moderators hid and have not shown again: reports, updates and photos, newest first. */
export class HiddenRepository {
  constructor(private readonly knex: Knex) {}

  async lists(options: { includePrivate: boolean; limit: number }): Promise<HiddenLists> {
    const [reports, updates, photos] = await Promise.all([
      this.list('reports', options),
      this.list('updates', options),
      this.list('photos', options),
    ]);
    return { reports, updates, photos };
  }

  private async list(
    kind: keyof typeof TABLES,
    options: { includePrivate: boolean; limit: number },
  ): Promise<HiddenItem[]> {
    const { table, reportId } = TABLES[kind];
    const query = this.knex(`${table} as x`)
      .join('reports as r', 'r.id', reportId)
      .leftJoin('staff_members as s', 's.id', 'x.hidden_by_staff_id')
      .whereNotNull('x.hidden_at')
      .select(
        'r.ref',
        'r.title as report_title',
        'x.id',
        'x.hidden_at',
        'x.hidden_reason',
        's.name as hidden_by',
      )
      .orderBy([
        { column: 'x.hidden_at', order: 'desc' },
        { column: 'x.id', order: 'desc' },
      ])
      .limit(options.limit);
    if (kind === 'updates') void query.select('x.public_text as text');
    if (!options.includePrivate) void query.where('r.is_private', false);
    return ((await query) as HiddenRow[]).map(rowToItem);
  }
}
