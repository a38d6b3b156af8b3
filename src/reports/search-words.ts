import type { Knex } from 'knex';
import { inTransaction } from '../db/transaction.js';
import { WRITER, publicWriterOfRow, type PublicWords, type Writer, type WriterRow } from './public-words.js';
import { REPORTS } from './rows.js';

/** The public words' masks, as the search needs them. */
export type Masks = Pick<PublicWords, 'of'>;

/**
 * What the public search reads of a report (`reports.search_text`): its title, description and
 * place as its page shows them, every contact masked, and the reporter's own name unless they
 * chose to show it. A number or an address typed into a report is not on its page, so it cannot
 * find the report either.
 */
export function reportSearchText(
  report: { title: string; description: string; location: string },
  writer: Writer,
  masks: Masks,
): string {
  return [report.title, report.description, report.location].map((text) => masks.of(text, writer)).join(' ');
}

const UPDATES = 'report_updates';

/**
 * Writes the search words of rows that have none: those the demo seed and the benchmark's copies
 * wrote directly, those from before the search read masked words, and those whose words were
 * erased (which set them back to null). A report and an update written by the app have theirs from
 * the start. The rows are locked while their words are written, so an erasure waits for them and
 * then clears them again; another process skips them.
 */
export class SearchWords {
  constructor(
    private readonly knex: Knex,
    private readonly masks: Masks,
  ) {}

  /** Fills up to `limit` reports and `limit` updates; how many rows it wrote. */
  async catchUp(limit = 1000): Promise<number> {
    return (await this.reports(limit)) + (await this.updates(limit));
  }

  /** Fills every row still without words. */
  async catchUpAll(): Promise<number> {
    let total = 0;
    for (let wrote = await this.catchUp(); wrote > 0; wrote = await this.catchUp()) total += wrote;
    return total;
  }

  private reports(limit: number): Promise<number> {
    return inTransaction(this.knex, async (trx) => {
      const rows = (await trx(REPORTS)
        .whereNull('search_text')
        .orderBy('id')
        .limit(limit)
        .forUpdate()
        .skipLocked()
        .select('id', 'title', 'description', 'location', ...WRITER)) as (WriterRow & {
        id: number;
        title: string;
        description: string;
        location: string;
      })[];
      const texts = rows.map((row) => reportSearchText(row, publicWriterOfRow(row), this.masks));
      return this.write(trx, REPORTS, rows, texts);
    });
  }

  private updates(limit: number): Promise<number> {
    return inTransaction(this.knex, async (trx) => {
      const rows = (await trx(`${UPDATES} as u`)
        .join(`${REPORTS} as r`, 'r.id', 'u.report_id')
        .whereNull('u.search_text')
        .whereNotNull('u.public_text')
        .orderBy('u.id')
        .limit(limit)
        .forUpdate('u')
        .skipLocked()
        .select('u.id', 'u.public_text', ...WRITER.map((c) => `r.${c}`))) as (WriterRow & {
        id: number;
        public_text: string;
      })[];
      const texts = rows.map((row) => this.masks.of(row.public_text, publicWriterOfRow(row)));
      return this.write(trx, UPDATES, rows, texts);
    });
  }

  private async write(trx: Knex.Transaction, table: string, rows: { id: number }[], texts: string[]) {
    if (rows.length === 0) return 0;
    await trx.raw(
      `update ?? set search_text = given.text
       from (select unnest(?::int[]) as id, unnest(?::text[]) as text) given
       where ??.id = given.id`,
      [table, rows.map((row) => row.id), texts, table],
    );
    return rows.length;
  }
}
