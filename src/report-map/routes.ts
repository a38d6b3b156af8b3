import { Router, type Request, type Response } from 'express';
import type { Translate } from '../i18n/index.js';
import { listPage } from '../report-pages/list-page.js';
import { readListQuery, refuseUnclearFilters } from '../report-pages/list-filters.js';
import { statusLabel } from '../report-pages/status-words.js';
import { writerNamed } from '../reports/public-words.js';
import type { Services } from '../services.js';
import { siteRoot } from '../open-data/sitemap.js';
import { pinCollection, type PinOptions, type PinWords } from './geojson.js';
import { parishBubbles } from './parish-bubbles.js';
import { pinList } from './pin-list.js';
import type { ReportPin } from './repository.js';

type Deps = Pick<Services, 'reference' | 'reportMap' | 'reportList' | 'config' | 'publicWords'>;

/** The list's query as pins, with the words for them in the reader's language. */
async function pinsOf(deps: Deps, req: Request, res: Response, strict: boolean) {
  const { reference, reportMap, publicWords, config } = deps;
  const t = res.locals.t as Translate;
  // A contradictory place needs no special case: the query's filters select nothing.
  const read = await readListQuery(reference, req.query, req.language);
  if (strict) refuseUnclearFilters(read);
  const { filters, names, ignored } = read;
  const { pins, more } = await reportMap.pins(filters);
  const words: PinWords = {
    status: (status) => statusLabel(t, status),
    category: names.category,
    parish: names.parish,
    title: (text, writerName) => publicWords.of(text, writerNamed(writerName)),
  };
  const options = { language: req.language, truncated: more, siteRoot: siteRoot(config.publicUrl) };
  return { pins, words, options, ignored };
}

type PinShape = (pins: readonly ReportPin[], words: PinWords, options: PinOptions) => unknown;

/**
 * Sends the map's data for the list's query. Codes nobody knows (`?parish=zzz1`, `zzz2`…) give
 * every report, 1.7 MB of pins at 5,000: kept by the browser that asked, never by the page cache
 * (`private`), or made-up codes would fill it.
 */
function sendMapData(res: Response, type: string, ignored: readonly string[], body: unknown) {
  res
    .set('Cache-Control', `${ignored.length > 0 ? 'private' : 'public'}, max-age=60`)
    .type(type)
    .send(JSON.stringify(body));
}

/**
 * The list's pins in one shape: GeoJSON (anyone may reuse it) or the compact list /map draws.
 * The map reads its pins as the list beside it reads the same address, unknown codes left out;
 * the GeoJSON, an open interface, refuses them (as open data does), so a script asking for
 * `?parish=rezknes` is told so rather than given every report.
 */
function pinsIn(services: Deps, type: string, shape: PinShape, strict = false) {
  return async (req: Request, res: Response) => {
    const { pins, words, options, ignored } = await pinsOf(services, req, res, strict);
    sendMapData(res, type, ignored, shape(pins, words, options));
  };
}

/** The list's reports with a place, counted per parish: what /map shows before any pin. */
function parishesOf({ reference, reportMap }: Deps) {
  return async (req: Request, res: Response) => {
    const t = res.locals.t as Translate;
    const { filters, names, ignored } = await readListQuery(reference, req.query, req.language);
    const [counts, parishes] = await Promise.all([
      reportMap.parishCounts(filters),
      reference.parishes(req.language),
    ]);
    const byCode = new Map(parishes.map((parish) => [parish.code, parish]));
    const body = parishBubbles(counts, {
      language: req.language,
      parish: (code) => byCode.get(code),
      name: names.parish,
      label: (parish, count) => t('reportMap.parishCount', { parish, count }),
    });
    sendMapData(res, 'application/json', ignored, body);
  };
}

/** /map: the public list of reports beside a map of them (the list alone without JavaScript). */
export function reportMapRoutes(services: Deps): Router {
  const router = Router();
  const { mapTileUrl: tileUrl, mapAttribution: attribution } = services.config;
  router.get('/map', listPage(services, { path: '/map', map: { tileUrl, attribution } }));
  router.get('/map/reports.geojson', pinsIn(services, 'application/geo+json', pinCollection, true));
  router.get('/map/pins.json', pinsIn(services, 'application/json', pinList));
  router.get('/map/parishes.json', parishesOf(services));
  return router;
}
