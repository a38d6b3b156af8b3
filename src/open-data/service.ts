import type { ReferenceService } from '../reference/service.js';
import { readListQuery, refuseUnclearFilters } from '../report-pages/list-filters.js';
import type { PublicFilters } from '../reports/types.js';
import type { OpenReport, OpenReportRow, OpenUpdate } from './records.js';
import type { OpenDataRepository } from './repository.js';
import type { PublicWords } from '../reports/public-words.js';
import { REPORTS_PER_SITEMAP, siteRoot } from './sitemap.js';

/** Reports read from the database at a time: the whole table is never held in memory. */
export const BATCH_SIZE = 500;

type ListFilters = Omit<PublicFilters, 'page'>;

export interface OpenDataDeps {
  openData: Pick<OpenDataRepository, 'reports' | 'updates' | 'countPublished' | 'idAt' | 'sitemapEntries'>;
  reference: Pick<ReferenceService, 'apvienibas' | 'categories'>;
  settings: { publicUrl: string };
  /** The public words' masks, each writer's name forms made once for the whole file. */
  publicWords: Pick<PublicWords, 'of'>;
  /** Smaller sizes let a test cross batches and sitemap parts with a few reports. */
  sizes?: { batch: number; reportsPerSitemap: number };
}

/**
 * Open data: every public report, without anyone's name, email or phone, in batches for a
 * streamed CSV or JSON file; and the addresses of places and public reports for the sitemap. Names of
 * categories and places are given in Latvian, the official language; their codes are stable.
 */
export class OpenDataService {
  private readonly sizes: { batch: number; reportsPerSitemap: number };

  constructor(private readonly deps: OpenDataDeps) {
    this.sizes = deps.sizes ?? { batch: BATCH_SIZE, reportsPerSitemap: REPORTS_PER_SITEMAP };
  }

  /**
   * The list's filters from a query string. The list shows every report for a code it does not
   * know and says so on the page; a file cannot say so, and a typo in a download link would quietly
   * give every report: an unknown parish, apvienība, category or status is a 400 here, and so is
   * one given twice with different values.
   */
  async filters(query: Record<string, unknown>): Promise<ListFilters> {
    const read = await readListQuery(this.deps.reference, query);
    refuseUnclearFilters(read);
    const { page: _page, ...listFilters } = read.filters;
    return listFilters;
  }

  /** The published reports, oldest first, a batch at a time; with `updates`, their public words too. */
  async *reports(filters: ListFilters, options: { updates: boolean }): AsyncGenerator<OpenReport[]> {
    const names = await this.names();
    const scope = { categories: await this.publicCategories(), filters };
    let afterId = 0;
    for (;;) {
      const rows = await this.deps.openData.reports(scope, afterId, this.sizes.batch);
      if (rows.length === 0) return;
      const updates = options.updates ? await this.deps.openData.updates(rows.map((row) => row.id)) : [];
      const byReport = new Map<number, OpenUpdate[]>();
      for (const update of updates) {
        const list = byReport.get(update.reportId);
        if (list) list.push(update);
        else byReport.set(update.reportId, [update]);
      }
      yield rows.map((row) => this.published(row, names, byReport.get(row.id) ?? []));
      if (rows.length < this.sizes.batch) return;
      afterId = rows[rows.length - 1]!.id;
    }
  }

  /** How many sitemap parts the published reports need (the first also holds the fixed pages). */
  async sitemapParts(): Promise<number> {
    const published = await this.deps.openData.countPublished(await this.publicCategories());
    return Math.max(1, Math.ceil(published / this.sizes.reportsPerSitemap));
  }

  /** Every apvienība's and parish's own page (`/apvienibas/<code>`, `/parishes/<code>`). */
  async placePages(): Promise<string[]> {
    return (await this.deps.reference.apvienibas()).flatMap((apvieniba) => [
      `/apvienibas/${apvieniba.code}`,
      ...apvieniba.parishes.map((parish) => `/parishes/${parish.code}`),
    ]);
  }

  /** The report addresses of one sitemap part (1-based), a batch at a time. */
  async *sitemapReports(part: number): AsyncGenerator<{ ref: string; lastmod: Date }[]> {
    const { batch, reportsPerSitemap } = this.sizes;
    const categories = await this.publicCategories();
    // A part starts after the last report of the one before it, then reads on by id.
    let afterId =
      part === 1 ? 0 : await this.deps.openData.idAt(categories, (part - 1) * reportsPerSitemap - 1);
    for (let read = 0; afterId !== undefined && read < reportsPerSitemap; read += batch) {
      const limit = Math.min(batch, reportsPerSitemap - read);
      const entries = await this.deps.openData.sitemapEntries(categories, afterId, limit);
      if (entries.length > 0) yield entries;
      if (entries.length < limit) return;
      afterId = entries[entries.length - 1]!.id;
    }
  }

  private async publicCategories(): Promise<string[]> {
    const categories = await this.deps.reference.categories();
    return categories.filter((category) => category.visibility === 'public').map((category) => category.code);
  }

  private async names() {
    const [apvienibas, categories] = await Promise.all([
      this.deps.reference.apvienibas(),
      this.deps.reference.categories(),
    ]);
    const parishes = new Map(
      apvienibas.flatMap((apvieniba) => apvieniba.parishes).map((parish) => [parish.code, parish.names.lv]),
    );
    return {
      parish: (code: string) => parishes.get(code) ?? code,
      category: (code: string) => categories.find((category) => category.code === code)?.names.lv ?? code,
    };
  }

  private published(
    row: OpenReportRow,
    names: Awaited<ReturnType<OpenDataService['names']>>,
    updates: OpenUpdate[],
  ): OpenReport {
    const { settings, publicWords } = this.deps;
    const scrub = (text: string) => publicWords.of(text, row.writer);
    return {
      ref: row.ref,
      url: `${siteRoot(settings.publicUrl)}/reports/${row.ref}`,
      categoryCode: row.categoryCode,
      categoryName: names.category(row.categoryCode),
      parishCode: row.parishCode,
      parishName: names.parish(row.parishCode),
      status: row.status,
      closeReason: row.closeReason,
      createdAt: row.createdAt,
      confirmedAt: row.confirmedAt,
      firstResponseAt: row.firstResponseAt,
      resolvedAt: row.resolvedAt,
      closedAt: row.closedAt,
      lat: row.lat,
      lon: row.lon,
      title: scrub(row.title),
      description: scrub(row.description),
      location: scrub(row.location),
      updates: updates.map((update) => ({
        at: update.at,
        by: update.by,
        toStatus: update.toStatus,
        text: update.text === null ? null : scrub(update.text),
      })),
    };
  }
}
