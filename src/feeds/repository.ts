import type { Knex } from 'knex';
import type { Language } from '../i18n/index.js';
import { whereListFilters } from '../report-pages/list-repository.js';
import { publicOnly, REPORTS } from '../reports/repository.js';
import { MASKED_NAME, TEXT_LANGUAGE } from '../reports/rows.js';
import type { PublicFilters, Status } from '../reports/types.js';
import { UPDATES } from '../timeline/repository.js';

/** How many entries a feed holds: readers poll, and keep what they have seen. */
export const FEED_SIZE = 50;

/** What a feed says happened: a report was published, or it was answered or changed. */
export interface FeedEntry {
  kind: 'report' | 'update';
  /** The update's id, or the report's for a new report: with `kind`, the entry's identity. */
  id: number;
  ref: string;
  title: string;
  categoryCode: string;
  parishCode: string;
  /** The report's words for a new report; the update's public words (never a hidden one's). */
  text: string;
  /** The language `text` is written in (the reporter's, or the update's as stored); null if unknown. */
  textLanguage: Language | null;
  /** The status an update changed from (null for a new report, or a change without one). */
  fromStatus: Status | null;
  toStatus: Status | null;
  at: Date;
  /** Whether the update is an answer (by those who handle the report), not the reporter's own word. */
  answer: boolean;
  /** The name its reporter kept back (`maskedName`), to mask it where they (or an answer) wrote it. */
  writerName: string | null;
}

interface EntryRow {
  kind: 'report' | 'update';
  id: number;
  ref: string;
  title: string;
  category_code: string;
  parish_code: string;
  text: string | null;
  text_language: Language | null;
  from_status: Status | null;
  to_status: Status | null;
  at: Date | string;
  answer: boolean;
  masked_name: string | null;
}

export type FeedFilters = Pick<PublicFilters, 'parish' | 'apvieniba' | 'category'> & { ref?: string };

/**
 * The newest public happenings of the reports a filter selects: the reports themselves and their
 * public, not hidden updates. Only what the reports' public pages show; no author is named.
 */
export class FeedRepository {
  constructor(private readonly knex: Knex) {}

  async entries(filters: FeedFilters): Promise<FeedEntry[]> {
    const { knex } = this;
    const reports = () => {
      const query = whereListFilters(knex, publicOnly(knex(REPORTS)), filters);
      if (filters.ref) void query.where('reports.ref', filters.ref);
      return query;
    };
    const published = reports().select(
      knex.raw("'report' as kind"),
      'reports.id',
      'reports.ref',
      'reports.title',
      'reports.category_code',
      'reports.parish_code',
      'reports.description as text',
      knex.raw(`${TEXT_LANGUAGE} as text_language`),
      knex.raw('null as from_status'),
      knex.raw('null as to_status'),
      knex.raw('coalesce(reports.confirmed_at, reports.created_at) as at'),
      knex.raw('false as answer'),
      knex.raw(MASKED_NAME),
    );
    // Each part newest first and cut to a feed's size on its own (each from its own index,
    // reports_public_published and report_updates_public_newest), then the two merged.
    void published
      .orderByRaw('coalesce(reports.confirmed_at, reports.created_at) desc')
      .orderBy('reports.id', 'desc')
      .limit(FEED_SIZE);
    const answered = reports()
      .join(UPDATES, `${UPDATES}.report_id`, 'reports.id')
      .where(`${UPDATES}.is_public`, true)
      .whereNull(`${UPDATES}.hidden_at`)
      .where(
        (where) => void where.whereNotNull(`${UPDATES}.public_text`).orWhereNotNull(`${UPDATES}.to_status`),
      )
      // Confirming is the report's own entry, not an update of it.
      .where(
        (where) =>
          void where.whereNull(`${UPDATES}.from_status`).orWhereNot(`${UPDATES}.from_status`, 'unconfirmed'),
      )
      .select(
        knex.raw("'update' as kind"),
        `${UPDATES}.id`,
        'reports.ref',
        'reports.title',
        'reports.category_code',
        'reports.parish_code',
        `${UPDATES}.public_text as text`,
        `${UPDATES}.language as text_language`,
        `${UPDATES}.from_status`,
        `${UPDATES}.to_status`,
        `${UPDATES}.created_at as at`,
        // As the statistics count an answer (ANSWERS_REPORT): nothing the reporter does is one.
        knex.raw(`${UPDATES}.author_kind in ('recipient', 'staff') as answer`),
        knex.raw(MASKED_NAME),
      )
      .orderBy(`${UPDATES}.created_at`, 'desc')
      .orderBy(`${UPDATES}.id`, 'desc')
      .limit(FEED_SIZE);
    const rows = (await knex
      .select('*')
      .from(knex.raw('((?) union all (?)) as entries', [published, answered]))
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(FEED_SIZE)) as EntryRow[];
    return rows.map((row) => ({
      kind: row.kind,
      id: Number(row.id),
      ref: row.ref,
      title: row.title,
      categoryCode: row.category_code,
      parishCode: row.parish_code,
      text: row.text ?? '',
      textLanguage: row.text_language,
      fromStatus: row.from_status,
      toStatus: row.to_status,
      at: new Date(row.at),
      answer: row.answer === true,
      writerName: row.masked_name,
    }));
  }
}
