import { Router, type Express, type Request, type Response } from 'express';
import { assetStore, type AssetStore, type Encoding } from './assets.js';

/** A URL with the content's hash never changes meaning: a year, and no revalidation. */
const FOR_EVER = 'public, max-age=31536000, immutable';
/** An unhashed (or outdated) URL may mean something else after the next deploy: an hour. */
const FOR_A_WHILE = 'public, max-age=3600';

/** The map scripts each page needs: Leaflet, its clusters for /map, then our code that draws. */
const LEAFLET = { css: ['vendor/leaflet/leaflet.css'], js: ['vendor/leaflet/leaflet.js'] };
const CLUSTERS = {
  css: ['vendor/markercluster/MarkerCluster.css', 'vendor/markercluster/MarkerCluster.Default.css'],
  js: ['vendor/markercluster/leaflet.markercluster.js'],
};

export interface MapLoader {
  src: string;
  css: string;
  js: string;
}

function preferredEncoding(req: Request): Encoding | undefined {
  const accepted = req.acceptsEncodings('br', 'gzip', 'identity');
  return accepted === 'br' || accepted === 'gzip' ? accepted : undefined;
}

function serve(store: AssetStore) {
  return async (req: Request, res: Response, next: () => void) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      next();
      return;
    }
    const found = store.lookup(req.path.slice(1));
    if (!found) {
      next();
      return;
    }
    const { asset, current } = found;
    const encoding = asset.compressible ? preferredEncoding(req) : undefined;
    const encoded = encoding ? await store.encoded(asset, encoding) : undefined;
    res.set({
      'Content-Type': asset.type,
      'Cache-Control': current ? FOR_EVER : FOR_A_WHILE,
      // One ETag per representation: a cache must not answer a gzip request with brotli's bytes.
      ETag: `"${asset.hash}${encoded ? `-${encoding}` : ''}"`,
    });
    if (asset.compressible) res.vary('Accept-Encoding');
    if (encoded) res.set('Content-Encoding', encoding);
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    const body = encoded ?? asset.body;
    res.set('Content-Length', String(body.length));
    res.status(200).end(req.method === 'HEAD' ? undefined : body);
  };
}

/**
 * Our own CSS and scripts, and Leaflet and its clusters from npm packages (nothing from a CDN),
 * under /static, by names with their content hash and a year of caching, brotli- or
 * gzip-compressed once at the highest quality. Views name a file by `asset('css/site.css')`, and
 * a map page by `mapLoader('js/report-map.js')`: a small deferred script that fetches Leaflet only
 * when JavaScript runs. Unhashed paths still answer, so HTML cached before a deploy keeps working,
 * and Leaflet's CSS finds its images beside it (`vendor/leaflet/images/…`).
 */
export function setUpStaticFiles(app: Express, rootDir: string, options: { watch: boolean }): Router {
  const store = assetStore(rootDir, options);
  const urls = (names: string[]) => names.map((name) => store.url(name)).join(' ');
  app.locals.asset = (name: string): string => store.url(name);
  app.locals.mapLoader = (script: string, clusters = false): MapLoader => ({
    src: store.url('js/map-loader.js'),
    css: urls(clusters ? [...LEAFLET.css, ...CLUSTERS.css] : LEAFLET.css),
    js: urls(clusters ? [...LEAFLET.js, ...CLUSTERS.js, script] : [...LEAFLET.js, script]),
  });
  const router = Router();
  router.use('/static', serve(store));
  return router;
}
