import type { Request, Response } from 'express';
import type { Language, Translate } from '../i18n/index.js';
import { PUBLIC_STATUSES, type PublicFilters } from '../reports/types.js';
import type { Services } from '../services.js';
import { readListQuery } from './list-filters.js';
import type { KeysetPage, ListPosition } from './list-keyset.js';
import { listTitle } from './list-title.js';
import { cursorUrl, listUrl, pageWindow, parseCursor } from './list-query.js';
import { PAGE_SIZE } from './list-repository.js';
import { COUNT_CAP } from './list-service.js';
import { addLanguage } from '../i18n/language-url.js';
import { langUrlOf } from '../web/i18n.js';
import { dateFormats } from './dates.js';
import { summaryView } from './summary-view.js';

/** The feeds of the list's place and category (a feed has no words or status to filter by). */
function feedLinks(filters: Pick<PublicFilters, 'parish' | 'apvieniba' | 'category'>, language: Language) {
  const query = new URLSearchParams();
  for (const key of ['apvieniba', 'parish', 'category'] as const) {
    const code = filters[key];
    if (code) query.set(key, code);
  }
  // The email alert form takes the same place and category (its language is the page's).
  const place = query.size > 0 ? `?${query.toString()}` : '';
  const alerts = `/alerts/new${place}`;
  // A feed always says its language, Latvian too: a feed reader has no cookie.
  return {
    atom: addLanguage(`/feeds/reports.atom${place}`, language),
    rss: addLanguage(`/feeds/reports.rss${place}`, language),
    alerts,
  };
}

/** Where the list is: /reports, or /map where the same list stands beside a map of it. */
export interface ListPlace {
  path: '/reports' | '/map';
  /** The map's tiles, when the list has a map. */
  map?: { tileUrl: string; attribution: string };
}

type Filters = Awaited<ReturnType<typeof readListQuery>>['filters'];
const EMPTY: KeysetPage = {
  reports: [],
  total: 0,
  more: false,
  start: 0,
  hasNext: false,
  hasPrevious: false,
  cursorFound: true,
};

/**
 * The page the query asks for, from one query: by cursor (`after`/`before`) or by page number. A
 * page that cannot be found (a cursor naming no report, a page past the end) shows the last page
 * when the count is exact, else the first, and says so (`gone`).
 */
async function findPage(
  reportList: Services['reportList'],
  filters: Filters,
  raw: Record<string, unknown>,
): Promise<{ result: KeysetPage; position: ListPosition; gone: boolean }> {
  const cursor = parseCursor(raw);
  const position: ListPosition =
    cursor && cursor !== 'bad' ? cursor : { offset: (filters.page - 1) * PAGE_SIZE };
  const result = await reportList.page(filters, position);
  const empty = result.reports.length === 0 && result.total > 0;
  if (cursor === 'bad' || !result.cursorFound || (empty && (cursor || result.more))) {
    filters.page = 1;
    return { result: await reportList.page(filters, { offset: 0 }), position: { offset: 0 }, gone: true };
  }
  if (empty) {
    // A page number past the end of an exactly counted list: its last page, as before.
    filters.page = Math.ceil(result.total / PAGE_SIZE);
    const last: ListPosition = { offset: (filters.page - 1) * PAGE_SIZE };
    return { result: await reportList.page(filters, last), position: last, gone: false };
  }
  return { result, position, gone: false };
}

/**
 * What the pagination shows: the numbered pages near the top (as deep as the count goes), the
 * current one when this page starts on a page boundary, and "previous"/"next" as cursors.
 */
function paginationView(
  t: Translate,
  link: (url: string) => string,
  filters: Filters,
  base: ListPlace['path'],
  { result, position }: { result: KeysetPage; position: ListPosition },
) {
  const countedPages = Math.max(1, Math.ceil(Math.min(result.total, COUNT_CAP) / PAGE_SIZE));
  const start = result.start;
  const page =
    'offset' in position
      ? filters.page
      : start !== null && start % PAGE_SIZE === 0
        ? start / PAGE_SIZE + 1
        : null;
  const pages = Math.max(countedPages, page ?? 1);
  let summary: string;
  if (page !== null) {
    summary = t(result.more ? 'reports.pagination.summaryMore' : 'reports.pagination.summary', {
      page,
      pages,
    });
  } else if (start !== null) {
    summary = t('reports.pagination.range', { from: start + 1, to: start + result.reports.length });
  } else {
    summary = t('reports.pagination.beyond', { count: COUNT_CAP });
  }
  const firstId = result.reports[0]?.id;
  const lastId = result.reports.at(-1)?.id;
  const nearTop = page === 2 || (start !== null && start <= PAGE_SIZE);
  return {
    shown: pages > 1 || result.hasNext || result.hasPrevious,
    page,
    summary,
    url: (n: number) => link(listUrl(filters, n, base)),
    window: pageWindow(page ?? 1, pages),
    previous:
      result.hasPrevious && firstId !== undefined
        ? link(nearTop ? listUrl(filters, 1, base) : cursorUrl(filters, { before: firstId }, base))
        : undefined,
    next:
      result.hasNext && lastId !== undefined ? link(cursorUrl(filters, { after: lastId }, base)) : undefined,
  };
}

/** The public list of reports: filtered by place, category, status and words, a page at a time. */
export function listPage(
  { reference, reportList, publicWords }: Pick<Services, 'reference' | 'reportList' | 'publicWords'>,
  place: ListPlace = { path: '/reports' },
) {
  return async function list(req: Request, res: Response) {
    const t = res.locals.t as Translate;
    const { apvienibas, categories, filters, ignored, repeated, contradiction, names } = await readListQuery(
      reference,
      req.query,
      req.language,
    );
    // Nothing can match a parish outside the chosen apvienība: the page says so instead of asking.
    const found = contradiction
      ? { result: EMPTY, position: { offset: 0 }, gone: false }
      : await findPage(reportList, filters, req.query);
    const { result } = found;
    // Codes no list knows (`?parish=zzz1`, `zzz2`…), a page that is gone, or a page number that is
    // not the page shown (`?page=99999` shows the last one) answer as another address does: for
    // this visitor only (`private`), so made-up values cannot fill the page cache.
    const askedPage = req.query.page === undefined ? '1' : req.query.page;
    if (ignored.length > 0 || repeated.length > 0 || found.gone || askedPage !== String(filters.page)) {
      res.set('Cache-Control', 'private');
    }
    const formats = dateFormats(req.language);
    const dataQuery = listUrl(filters).slice('/reports'.length);
    // Every page of the list, and its files, in the language of this one (no cookie needed).
    const pagination = paginationView(t, (url) => langUrlOf(req, url), filters, place.path, found);
    res.render('reports/list', {
      title: listTitle(
        t,
        t(place.map ? 'reportMap.title' : 'reports.list.title'),
        filters,
        names,
        pagination,
      ),
      navCurrent: place.map ? 'map' : 'reports',
      listPath: place.path,
      map: place.map && {
        ...place.map,
        // The map's script fetches these: they say the page's language, Latvian too, as a feed does.
        pins: addLanguage(`/map/pins.json${dataQuery}`, req.language),
        parishes: addLanguage(`/map/parishes.json${dataQuery}`, req.language),
      },
      mapUrl: listUrl(filters, 1, '/map'),
      feeds: feedLinks(filters, req.language),
      plainListUrl: listUrl(filters),
      items: result.reports.map((summary) => summaryView(summary, names, t, formats, publicWords)),
      total: result.total,
      // More than COUNT_CAP match: the heading says "more than", which is true, not a guess.
      countText: result.more
        ? t('reports.list.countMore', {
            count: COUNT_CAP,
            number: COUNT_CAP,
          })
        : t('reports.list.count', { count: result.total }),
      gone: found.gone,
      filters,
      filtered: Boolean(
        filters.parish || filters.apvieniba || filters.category || filters.status || filters.q,
      ),
      ignored,
      // A filter whose first value is unknown is not followed at all: "ignored" says so alone.
      repeated: repeated.filter((name) => !ignored.includes(name)),
      contradiction: contradiction && {
        parishName: names.parish(contradiction.parish),
        apvienibaName: names.apvieniba(contradiction.apvieniba),
        withoutApvieniba: listUrl({ ...filters, apvieniba: undefined }, 1, place.path),
        withoutParish: listUrl({ ...filters, parish: undefined }, 1, place.path),
      },
      // The same reports as open data: the list's query string works on the files too.
      dataLinks: {
        csv: langUrlOf(req, `/open-data/reports.csv${dataQuery}`),
        json: langUrlOf(req, `/open-data/reports.json${dataQuery}`),
      },
      apvienibas,
      categories,
      statuses: PUBLIC_STATUSES,
      pagination,
    });
  };
}
