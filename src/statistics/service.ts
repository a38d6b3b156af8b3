import { DEFAULT_LANGUAGE, type Language } from '../i18n/index.js';
import type { ReferenceService } from '../reference/service.js';
import type { Apvieniba } from '../reference/types.js';
import { contributions, onTimeJudge, Tally, type FigureContext, type ReportFacts } from './figures.js';
import type { Period } from './period.js';
import { publish, standaloneCount, type PlaceFigures, type PlaceRow, type Shown } from './publish.js';
import type { StatisticsRepository } from './repository.js';

/** The statistics of one period, ready to publish: nothing in it may single anyone out. */
export interface PublishedStatistics {
  period: Period;
  /** The novads, then each apvienība followed by its parishes, in the reader's alphabet. */
  rows: PlaceRow[];
  /** Requests for help for a person received in the novads: counted here and nowhere else. */
  privateReceived: Shown;
  /** No report at all, public or private, was received, resolved or closed in the period. */
  empty: boolean;
}

export interface StatisticsDeps {
  statistics: Pick<StatisticsRepository, 'publicFacts' | 'privateReceived'>;
  reference: Pick<ReferenceService, 'apvienibas' | 'categories'>;
  clock: () => Date;
  /**
   * How long a period's figures are kept before they are worked out again (0: never kept), on
   * `cacheClock` (real time by default: the figures' own `clock` may stand still in tests).
   */
  cacheMs?: number;
  cacheClock?: () => number;
}

/** The rows as `apvienibas` order the places: the novads, then each apvienība and its parishes. */
function inPlaceOrder(rows: readonly PlaceRow[], apvienibas: readonly Apvieniba[]): PlaceRow[] {
  const byPlace = new Map(rows.map((row) => [`${row.level}:${row.code}`, row]));
  const order = [
    'novads:novads',
    ...apvienibas.flatMap((apvieniba) => [
      `apvieniba:${apvieniba.code}`,
      ...apvieniba.parishes.map((parish) => `parish:${parish.code}`),
    ]),
  ];
  return order.flatMap((place) => byPlace.get(place) ?? []);
}

/** Enough for every period people actually ask for at once; the oldest goes first. */
const MAX_CACHED_PERIODS = 50;

/**
 * Every place's figures: the novads, its apvienības and their parishes, in the reference order.
 * Each report's part is worked out once and added to its parish, its apvienība and the novads.
 */
function placeFigures(
  facts: readonly ReportFacts[],
  apvienibas: readonly Apvieniba[],
  context: FigureContext,
): PlaceFigures[] {
  const months = context.period.months.length;
  const novads = new Tally(months);
  const tallies = new Map<string, Tally>();
  const tallyOf = (key: string) => {
    let tally = tallies.get(key);
    if (!tally) tallies.set(key, (tally = new Tally(months)));
    return tally;
  };
  const apvienibaOf = new Map(
    apvienibas.flatMap((apvieniba) => apvieniba.parishes.map((parish) => [parish.code, apvieniba.code])),
  );
  const parts = contributions(facts, context, onTimeJudge(context));
  facts.forEach((report, index) => {
    // Every parish belongs to an apvienība (the schema says so), so the novads is the sum of its
    // apvienības, as the suppression of small numbers takes it to be.
    const apvieniba = apvienibaOf.get(report.parishCode);
    if (!apvieniba) return;
    const part = parts[index]!;
    novads.add(part);
    tallyOf(`a:${apvieniba}`).add(part);
    tallyOf(`p:${report.parishCode}`).add(part);
  });
  const figures = (key: string) => tallyOf(key).figures();
  return [
    { level: 'novads', code: 'novads', names: null, apvienibaCode: null, figures: novads.figures() },
    ...apvienibas.flatMap((apvieniba): PlaceFigures[] => [
      {
        level: 'apvieniba',
        code: apvieniba.code,
        names: apvieniba.names,
        apvienibaCode: null,
        figures: figures(`a:${apvieniba.code}`),
      },
      ...apvieniba.parishes.map((parish): PlaceFigures => ({
        level: 'parish',
        code: parish.code,
        names: parish.names,
        apvienibaCode: apvieniba.code,
        figures: figures(`p:${parish.code}`),
      })),
    ]),
  ];
}

/** How each parish and apvienība responds, over a period, from the reports' own timelines. */
export class StatisticsService {
  private readonly cache = new Map<string, { at: number; result: Promise<PublishedStatistics> }>();

  constructor(private readonly deps: StatisticsDeps) {}

  /**
   * The statistics of a period. Every place's page needs the whole novads's (what is hidden
   * depends on every sum), so they are kept for a minute rather than read again for each page;
   * concurrent requests for one period share one computation. The rows come in the reader's
   * alphabet, as the reference service lists the places.
   */
  async forPeriod(period: Period, language: Language = DEFAULT_LANGUAGE): Promise<PublishedStatistics> {
    const [published, apvienibas] = await Promise.all([
      this.shared(period),
      this.deps.reference.apvienibas(language),
    ]);
    return { ...published, rows: inPlaceOrder(published.rows, apvienibas) };
  }

  private shared(period: Period): Promise<PublishedStatistics> {
    const { cacheMs = 60_000, cacheClock = Date.now } = this.deps;
    if (cacheMs <= 0) return this.compute(period);
    const key = `${period.fromKey}/${period.toKey}`;
    const now = cacheClock();
    const hit = this.cache.get(key);
    if (hit && now - hit.at <= cacheMs) return hit.result;
    const result = this.compute(period);
    this.cache.delete(key);
    if (this.cache.size >= MAX_CACHED_PERIODS) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, { at: now, result });
    result.catch(() => this.cache.delete(key));
    return result;
  }

  private async compute(period: Period): Promise<PublishedStatistics> {
    const { statistics, reference } = this.deps;
    const [facts, privateCount, apvienibas, categories] = await Promise.all([
      statistics.publicFacts(period.start, period.end),
      statistics.privateReceived(period.start, period.end),
      reference.apvienibas(),
      reference.categories(),
    ]);
    const context = { period, now: this.deps.clock(), categories };
    const places = placeFigures(facts, apvienibas, context);
    const rows = publish(places, apvienibas, period.months);
    const novads = places[0]!.figures;
    const resolved = novads.trendResolved.reduce((sum, count) => sum + count, 0);
    return {
      period,
      rows,
      privateReceived: standaloneCount(privateCount),
      empty: novads.received === 0 && resolved === 0 && privateCount === 0,
    };
  }
}
