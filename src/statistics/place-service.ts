import type { Language } from '../i18n/index.js';
import type { ReferenceService } from '../reference/service.js';
import type { Apvieniba, Category, Parish } from '../reference/types.js';
import type { ReportListService } from '../report-pages/list-service.js';
import type { PublicFilters, PublicStatus, ReportSummary } from '../reports/types.js';
import type { Period } from './period.js';
import type { PlaceRow } from './publish.js';
import type { RecipientGroup, RecipientsService } from './recipients.js';
import type { PublishedStatistics, StatisticsService } from './service.js';

/** How many reports of each kind a place's page lists; the rest are one link away. */
export const LISTED = 10;
const WAITING: readonly PublicStatus[] = ['open', 'acknowledged', 'in_progress'];

export interface ListedReports {
  reports: ReportSummary[];
  total: number;
}

interface PlacePageBase {
  statistics: PublishedStatistics;
  open: ListedReports;
  resolved: ListedReports;
  recipients: { parish: Parish; groups: RecipientGroup[] }[];
  /** Every category, for the names of the listed reports' categories. */
  categories: readonly Category[];
}

export interface ParishPage extends PlacePageBase {
  level: 'parish';
  parish: Parish;
  apvieniba: Apvieniba;
  row: PlaceRow;
}

export interface ApvienibaPage extends PlacePageBase {
  level: 'apvieniba';
  apvieniba: Apvieniba;
  row: PlaceRow;
  /** Its parishes' rows, in the reader's alphabet. */
  parishRows: PlaceRow[];
}

export interface PlaceDeps {
  reference: Pick<ReferenceService, 'apvienibas' | 'categories'>;
  reportList: Pick<ReportListService, 'listPublic'>;
  statistics: Pick<StatisticsService, 'forPeriod'>;
  recipients: Pick<RecipientsService, 'ofParishes'>;
}

/** A parish's or an apvienība's own page: its reports, its figures, who receives its reports. */
export class PlaceService {
  constructor(private readonly deps: PlaceDeps) {}

  /** The page of a parish (or Viļāni town); undefined for a code no place has. */
  async parish(code: string, period: Period, language: Language): Promise<ParishPage | undefined> {
    const apvienibas = await this.deps.reference.apvienibas(language);
    const apvieniba = apvienibas.find((one) => one.parishes.some((parish) => parish.code === code));
    const parish = apvieniba?.parishes.find((one) => one.code === code);
    if (!apvieniba || !parish) return undefined;
    const common = await this.common({ parish: code }, [parish], period, language);
    const row = common.statistics.rows.find((one) => one.level === 'parish' && one.code === code)!;
    return { level: 'parish', parish, apvieniba, row, ...common };
  }

  async apvieniba(code: string, period: Period, language: Language): Promise<ApvienibaPage | undefined> {
    const apvieniba = (await this.deps.reference.apvienibas(language)).find((one) => one.code === code);
    if (!apvieniba) return undefined;
    const common = await this.common({ apvieniba: code }, apvieniba.parishes, period, language);
    const { rows } = common.statistics;
    return {
      level: 'apvieniba',
      apvieniba,
      row: rows.find((one) => one.level === 'apvieniba' && one.code === code)!,
      parishRows: rows.filter((one) => one.level === 'parish' && one.apvienibaCode === code),
      ...common,
    };
  }

  private async common(
    place: Pick<PublicFilters, 'parish' | 'apvieniba'>,
    parishes: readonly Parish[],
    period: Period,
    language: Language,
  ): Promise<PlacePageBase> {
    const categories = await this.deps.reference.categories(language);
    const [statistics, open, resolved, recipients] = await Promise.all([
      this.deps.statistics.forPeriod(period, language),
      this.listed(place, WAITING),
      this.listed(place, ['resolved']),
      this.deps.recipients.ofParishes(parishes, categories),
    ]);
    return { statistics, open, resolved, recipients, categories };
  }

  /**
   * The newest public reports of a place in these statuses, from the public list's own query (one
   * status at a time, as the list filters): never a private, hidden, held or withdrawn one.
   */
  private async listed(
    place: Pick<PublicFilters, 'parish' | 'apvieniba'>,
    statuses: readonly PublicStatus[],
  ): Promise<ListedReports> {
    const pages = await Promise.all(
      statuses.map((status) => this.deps.reportList.listPublic({ ...place, status, page: 1 })),
    );
    const reports = pages
      .flatMap((page) => page.reports)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id)
      .slice(0, LISTED);
    return { reports, total: pages.reduce((sum, page) => sum + page.total, 0) };
  }
}
