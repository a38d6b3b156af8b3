import { Router, type Request, type Response } from 'express';
import type { Translate } from '../i18n/index.js';
import { PUBLIC_STATUSES } from '../reports/types.js';
import { csvDocument, csvRows } from '../web/csv.js';
import { NotFoundError } from '../web/errors.js';
import { langUrlOf } from '../web/i18n.js';
import { csvValues, jsonRecord, OPEN_REPORT_COLUMNS } from './records.js';
import { robotsTxt } from './robots.js';
import type { OpenDataService } from './service.js';
import { FIXED_PAGES, siteRoot, sitemapIndex, urlEntry, URLSET_END, URLSET_START } from './sitemap.js';

export interface OpenDataRouteDeps {
  openData: OpenDataService;
  publicUrl: string;
}

/** Resolves once the response can take more, or the client has gone. */
function drained(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * Writes a long document as it is read, never faster than the client takes it. If reading fails
 * half-way the connection is cut, so the file cannot pass for a complete one, and the error goes
 * on to be logged.
 */
async function stream(res: Response, chunks: AsyncIterable<string>): Promise<void> {
  try {
    for await (const chunk of chunks) {
      if (res.destroyed) return;
      if (!res.write(chunk)) await drained(res);
    }
    res.end();
  } catch (error) {
    if (res.headersSent) res.destroy();
    throw error;
  }
}

/** Public data may be read by any site's scripts: it holds nothing that a cookie would unlock. */
function openDataHeaders(res: Response, type: string) {
  res.type(type);
  res.set({
    'Access-Control-Allow-Origin': '*',
    'Cross-Origin-Resource-Policy': 'cross-origin',
    'Cache-Control': 'public, max-age=300',
  });
}

/** The page's example of the list's filters on a file. */
const EXAMPLE = '/open-data/reports.csv?parish=kaunatas&status=in_progress';

/** `/open-data` and its files, `robots.txt` and the sitemap. */
export function openDataRoutes({ openData, publicUrl }: OpenDataRouteDeps): Router {
  const router = Router();
  const root = siteRoot(publicUrl);

  router.get('/open-data', (req, res) => {
    const t = res.locals.t as Translate;
    const link = (url: string) => langUrlOf(req, url);
    res.render('open-data/index', {
      title: t('openData.title'),
      // A file's link keeps the page's language: a file that cannot be made says so in it.
      links: {
        csv: link('/open-data/reports.csv'),
        json: link('/open-data/reports.json'),
        example: link(EXAMPLE),
      },
      example: EXAMPLE,
      columns: OPEN_REPORT_COLUMNS,
      statuses: PUBLIC_STATUSES,
      // A withdrawn report is never published, so its reason never appears.
      closeReasons: ['not_responsible', 'duplicate', 'no_action'],
    });
  });

  router.get('/open-data/reports.csv', async (req: Request, res: Response) => {
    const filters = await openData.filters(req.query);
    openDataHeaders(res, 'text/csv; charset=utf-8');
    res.attachment('tilts-reports.csv');
    await stream(
      res,
      (async function* () {
        yield csvDocument(OPEN_REPORT_COLUMNS, []);
        for await (const batch of openData.reports(filters, { updates: false }))
          yield csvRows(batch.map(csvValues));
      })(),
    );
  });

  router.get('/open-data/reports.json', async (req: Request, res: Response) => {
    const filters = await openData.filters(req.query);
    openDataHeaders(res, 'application/json; charset=utf-8');
    const about = {
      source: `${root}/open-data`,
      licence: 'CC-BY-4.0',
      licence_url: 'https://creativecommons.org/licenses/by/4.0/',
      generated_at: new Date().toISOString(),
      filters,
    };
    await stream(
      res,
      (async function* () {
        yield `${JSON.stringify(about).slice(0, -1)},"reports":[`;
        let first = true;
        for await (const batch of openData.reports(filters, { updates: true })) {
          const records = batch.map((report) => JSON.stringify(jsonRecord(report)));
          yield `${first ? '\n' : ',\n'}${records.join(',\n')}`;
          first = false;
        }
        yield '\n]}\n';
      })(),
    );
  });

  router.get('/robots.txt', (_req, res) => {
    res.type('text/plain; charset=utf-8').set('Cache-Control', 'public, max-age=3600');
    res.send(robotsTxt(root));
  });

  const sitemapPart = async (res: Response, part: number) => {
    res.type('application/xml; charset=utf-8').set('Cache-Control', 'public, max-age=3600');
    await stream(
      res,
      (async function* () {
        yield URLSET_START;
        if (part === 1) {
          const pages = [...FIXED_PAGES, ...(await openData.placePages())];
          yield pages.map((path) => urlEntry(`${root}${path}`)).join('');
        }
        for await (const batch of openData.sitemapReports(part))
          yield batch.map((entry) => urlEntry(`${root}/reports/${entry.ref}`, entry.lastmod)).join('');
        yield URLSET_END;
      })(),
    );
  };

  router.get('/sitemap.xml', async (_req, res) => {
    const parts = await openData.sitemapParts();
    if (parts === 1) return sitemapPart(res, 1);
    res.type('application/xml; charset=utf-8').set('Cache-Control', 'public, max-age=3600');
    res.send(sitemapIndex(root, parts));
  });

  router.get('/sitemap-:part.xml', async (req: Request<{ part: string }>, res) => {
    const part = /^[1-9]\d{0,3}$/.test(req.params.part) ? Number(req.params.part) : 0;
    if (part < 1 || part > (await openData.sitemapParts())) throw new NotFoundError();
    await sitemapPart(res, part);
  });

  return router;
}
