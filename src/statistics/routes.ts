import { Router, type Request, type Response } from 'express';
import type { Translate } from '../i18n/index.js';
import type { Services } from '../services.js';
import { csvDocument } from '../web/csv.js';
import { NotFoundError } from '../web/errors.js';
import { langUrlOf } from '../web/i18n.js';
import { monthAfter, monthName, shownText } from './format.js';
import { parsePeriod, periodQuery, type Period, type PeriodProblem } from './period.js';
import { placePageView } from './place-view.js';
import type { PublishedStatistics } from './service.js';
import { csvTable, periodSuffix, rowView, trendView } from './view.js';

type Deps = Pick<Services, 'statistics' | 'places' | 'clock' | 'publicWords'>;

/** The period asked for, or the default with the reason it was not taken. */
function periodOf(req: Request, clock: () => Date) {
  const { period, problem } = parsePeriod(req.query, clock());
  const asked = ['from', 'to'].some((name) => req.query[name] !== undefined && req.query[name] !== '');
  return { period, problem, chosen: asked && problem === null };
}

/** What every page with figures shows: the period, its form, and why another was not taken. */
export function periodView(period: Period, problem: PeriodProblem | null, req: Request) {
  return {
    fromKey: period.fromKey,
    toKey: period.toKey,
    fromName: monthName(period.from, req.language),
    toName: monthName(period.to, req.language),
    // The same months in "from … to …": declined as each language puts them there.
    fromAfter: monthAfter(period.from, req.language, 'from'),
    toAfter: monthAfter(period.to, req.language, 'until'),
    problem,
  };
}

function statisticsView(statistics: PublishedStatistics, req: Request, t: Translate, suffix: string) {
  const { rows, period } = statistics;
  const novads = rows[0]!;
  return {
    empty: statistics.empty,
    novads: rowView(novads, t, req.language, suffix),
    groups: rows
      .filter((row) => row.level === 'apvieniba')
      .map((apvieniba) => ({
        apvieniba: rowView(apvieniba, t, req.language, suffix),
        parishes: rows
          .filter((row) => row.level === 'parish' && row.apvienibaCode === apvieniba.code)
          .map((row) => rowView(row, t, req.language, suffix)),
      })),
    trend: trendView(novads, period, t, req.language),
    privateReceived: shownText(statistics.privateReceived, t, req.language),
  };
}

/** /statistics, its CSV and its explanation; the pages of each parish and apvienība. */
export function statisticsRoutes(services: Deps): Router {
  const router = Router();
  const { statistics, places, clock, publicWords } = services;

  router.get('/statistics', async (req: Request, res: Response) => {
    const t = res.locals.t as Translate;
    const { period, problem, chosen } = periodOf(req, clock);
    const published = await statistics.forPeriod(period, req.language);
    res.render('statistics/index', {
      title: t('statistics.title'),
      navCurrent: 'statistics',
      period: periodView(period, problem, req),
      // The file's header and names are in the page's language, which its link must carry.
      csvUrl: langUrlOf(req, `/statistics.csv?${periodQuery(period)}`),
      ...statisticsView(published, req, t, periodSuffix(period, chosen)),
    });
  });

  router.get('/statistics.csv', async (req: Request, res: Response) => {
    const t = res.locals.t as Translate;
    const { period } = periodOf(req, clock);
    const published = await statistics.forPeriod(period, req.language);
    const { header, lines } = csvTable(published.rows, period, t, req.language);
    const name = `tilts-statistika-${period.fromKey}-${period.toKey}.csv`;
    res
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="${name}"`)
      .send(csvDocument(header, lines));
  });

  router.get('/statistics/about', (_req: Request, res: Response) => {
    const t = res.locals.t as Translate;
    res.render('statistics/about', { title: t('statistics.about.title'), navCurrent: 'statistics' });
  });

  router.get('/parishes/:code', async (req: Request, res: Response) => {
    const t = res.locals.t as Translate;
    const { period, problem, chosen } = periodOf(req, clock);
    const page = await places.parish(String(req.params.code), period, req.language);
    if (!page) throw new NotFoundError();
    res.render('statistics/place', {
      ...placePageView(page, t, req.language, periodSuffix(period, chosen), publicWords),
      period: periodView(period, problem, req),
    });
  });

  router.get('/apvienibas/:code', async (req: Request, res: Response) => {
    const t = res.locals.t as Translate;
    const { period, problem, chosen } = periodOf(req, clock);
    const page = await places.apvieniba(String(req.params.code), period, req.language);
    if (!page) throw new NotFoundError();
    res.render('statistics/place', {
      ...placePageView(page, t, req.language, periodSuffix(period, chosen), publicWords),
      period: periodView(period, problem, req),
    });
  });

  return router;
}
