import { Router, type Request, type Response } from 'express';
import type { Translate } from '../i18n/index.js';
import { listPage } from '../report-pages/list-page.js';
import { readListQuery } from '../report-pages/list-filters.js';
import { statusLabel } from '../report-pages/page-view.js';
import type { Services } from '../services.js';
import { pinCollection, type PinWords } from './geojson.js';
import { pinList } from './pin-list.js';
import type { ReportPin } from './repository.js';

type Deps = Pick<Services, 'reference' | 'reportMap' | 'reportList' | 'config'>;

/** The list's query as pins, with the words for them in the reader's language. */
async function pinsOf({ reference, reportMap }: Deps, req: Request, res: Response) {
  const t = res.locals.t as Translate;
  // A contradictory place needs no special case: the query's filters select nothing.
  const { filters, names, ignored } = await readListQuery(reference, req.query, req.language);
  const { pins, more } = await reportMap.pins(filters);
  const words: PinWords = {
    status: (status) => statusLabel(t, status),
    category: names.category,
    parish: names.parish,
  };
  return { pins, words, options: { language: req.language, truncated: more }, ignored };
}

type PinShape = (
  pins: readonly ReportPin[],
  words: PinWords,
  options: { language: string; truncated: boolean },
) => unknown;

/** The list's pins in one shape: GeoJSON (anyone may reuse it) or the compact list /map draws. */
function pinsIn(services: Deps, type: string, shape: PinShape) {
  return async (req: Request, res: Response) => {
    const { pins, words, options, ignored } = await pinsOf(services, req, res);
    // Codes nobody knows (`?parish=zzz1`, `zzz2`…) give every pin, 1.7 MB at 5,000: kept by the
    // browser that asked, never by the page cache (`private`), or made-up codes would fill it.
    res
      .set('Cache-Control', `${ignored.length > 0 ? 'private' : 'public'}, max-age=60`)
      .type(type)
      .send(JSON.stringify(shape(pins, words, options)));
  };
}

/** /map: the public list of reports beside a map of them (the list alone without JavaScript). */
export function reportMapRoutes(services: Deps): Router {
  const router = Router();
  const { mapTileUrl: tileUrl, mapAttribution: attribution } = services.config;
  router.get('/map', listPage(services, { path: '/map', map: { tileUrl, attribution } }));
  router.get('/map/reports.geojson', pinsIn(services, 'application/geo+json', pinCollection));
  router.get('/map/pins.json', pinsIn(services, 'application/json', pinList));
  return router;
}
