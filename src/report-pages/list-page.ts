import type { Request, Response } from 'express';
import type { Translate } from '../i18n/index.js';
import { PUBLIC_STATUSES, type PublicFilters } from '../reports/types.js';
import type { Services } from '../services.js';
import { readListQuery } from './list-filters.js';
import { listUrl, pageWindow } from './list-query.js';
import { PAGE_SIZE } from './list-repository.js';
import { dateFormats, summaryView } from './page-view.js';

/** The feeds of the list's place and category (a feed has no words or status to filter by). */
function feedLinks(filters: Pick<PublicFilters, 'parish' | 'apvieniba' | 'category'>, language: string) {
  const query = new URLSearchParams();
  for (const key of ['apvieniba', 'parish', 'category'] as const) {
    const code = filters[key];
    if (code) query.set(key, code);
  }
  // The email alert form takes the same place and category (its language is the page's).
  const alerts = `/alerts/new${query.size > 0 ? `?${query.toString()}` : ''}`;
  query.set('lang', language);
  return {
    atom: `/feeds/reports.atom?${query.toString()}`,
    rss: `/feeds/reports.rss?${query.toString()}`,
    alerts,
  };
}

/** Where the list is: /reports, or /map where the same list stands beside a map of it. */
export interface ListPlace {
  path: '/reports' | '/map';
  /** The map's tiles, when the list has a map. */
  map?: { tileUrl: string; attribution: string };
}

/** The public list of reports: filtered by place, category, status and words, a page at a time. */
export function listPage(
  { reference, reportList }: Pick<Services, 'reference' | 'reportList'>,
  place: ListPlace = { path: '/reports' },
) {
  return async function list(req: Request, res: Response) {
    const t = res.locals.t as Translate;
    const { apvienibas, allCategories, categories, parishes, filters, ignored, contradiction } =
      await readListQuery(reference, req.query);
    // Nothing can match a parish outside the chosen apvienība: the page says so instead of asking.
    let result = contradiction ? { reports: [], total: 0 } : await reportList.listPublic(filters);
    const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    if (filters.page > pages) {
      filters.page = pages;
      if (!contradiction) result = await reportList.listPublic(filters);
    }
    const names = {
      category: (code: string) =>
        allCategories.find((item) => item.code === code)?.names[req.language] ?? code,
      parish: (code: string) => parishes.find((item) => item.code === code)?.names[req.language] ?? code,
      apvieniba: (code: string) => apvienibas.find((item) => item.code === code)?.names[req.language] ?? code,
    };
    const formats = dateFormats(req.language);
    const dataQuery = listUrl(filters).slice('/reports'.length);
    res.render('reports/list', {
      title: t(place.map ? 'reportMap.title' : 'reports.list.title'),
      navCurrent: place.map ? 'map' : 'reports',
      listPath: place.path,
      map: place.map && {
        ...place.map,
        geojson: `/map/reports.geojson${dataQuery ? `${dataQuery}&` : '?'}lang=${req.language}`,
      },
      mapUrl: listUrl(filters, 1, '/map'),
      feeds: feedLinks(filters, req.language),
      plainListUrl: listUrl(filters),
      items: result.reports.map((summary) => summaryView(summary, names, t, formats)),
      total: result.total,
      filters,
      filtered: Boolean(
        filters.parish || filters.apvieniba || filters.category || filters.status || filters.q,
      ),
      ignored,
      contradiction: contradiction && {
        parishName: names.parish(contradiction.parish),
        apvienibaName: names.apvieniba(contradiction.apvieniba),
        withoutApvieniba: listUrl({ ...filters, apvieniba: undefined }, 1, place.path),
        withoutParish: listUrl({ ...filters, parish: undefined }, 1, place.path),
      },
      // The same reports as open data: the list's query string works on the files too.
      dataQuery,
      apvienibas,
      categories,
      statuses: PUBLIC_STATUSES,
      pagination: {
        page: filters.page,
        pages,
        url: (page: number) => listUrl(filters, page, place.path),
        window: pageWindow(filters.page, pages),
      },
    });
  };
}
