import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { isLanguage, type Language } from '../i18n/index.js';
import type { Services } from '../services.js';
import { requestFields } from '../web/logging.js';
import { discoveryOf } from './discovery.js';
import { Open311Error } from './errors.js';
import { formatOf, send, sendError, type Format, type Shape } from './respond.js';

export const BASE = '/open311/v2';

type Deps = Pick<Services, 'open311' | 'open311Intake' | 'config' | 'logger'>;
type Params = Record<string, string>;

/** The language of names in an answer: `?locale=` (en, en_GB, ru-RU…) or `?lang=`, else Latvian. */
export function languageOf(req: Request): Language {
  const asked = [req.query.locale, req.query.lang, (req.body as Record<string, unknown> | undefined)?.locale];
  for (const value of asked) {
    const code = typeof value === 'string' ? value.slice(0, 2).toLowerCase() : undefined;
    if (isLanguage(code)) return code;
  }
  return 'lv';
}

/** The format a URL asks for; an unknown suffix is a 404 in JSON. */
function format(req: Request<Params>): Format {
  const found = formatOf(req.params.format);
  if (!found) throw new Open311Error(404, 'unknown format: use .json or .xml');
  return found;
}

/** A GET handler: reads the answer and sends it in the asked format. */
function answer(shape: Shape, read: (req: Request<Params>) => unknown) {
  return async (req: Request<Params>, res: Response) => {
    const asked = format(req);
    send(res, asked, shape, await read(req));
  };
}

const bodyParsers = [
  express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 200 }),
  express.json({ limit: '100kb' }),
];

/**
 * Open311 GeoReport v2 under /open311/v2: discovery, services, requests (read by anyone, posted
 * with a key) and tokens. No cookies or sessions; every error is GeoReport's error list.
 */
export function open311Routes(services: Deps): Router {
  const { open311, open311Intake, config } = services;
  const router = Router();
  const discovery = discoveryOf(config.publicUrl, config.production);

  const handlers = {
    discovery: answer('discovery', () => discovery),
    services: answer('services', (req) => open311.services(languageOf(req))),
    definition: answer('definition', (req) => open311.definition(req.params.code!, languageOf(req))),
    requests: answer('requests', (req) => open311.requests(req.query, languageOf(req))),
    request: answer('requests', (req) => open311.request(req.params.id!, languageOf(req))),
    token: answer('requests', (req) => open311.token(req.params.token!)),
    post: async (req: Request<Params>, res: Response) => {
      const asked = format(req);
      const body = (req.body ?? {}) as Record<string, unknown>;
      send(res, asked, 'requests', await open311Intake.submit(body, languageOf(req)));
    },
  };

  // The interface's own addresses lead to its discovery document, which names everything else.
  // (A trailing slash is the same address to the router.)
  const toDiscovery = (_req: Request, res: Response) => res.redirect(302, `${BASE}/discovery.json`);
  router.get('/open311', toDiscovery);
  router.get(BASE, toDiscovery);
  router.get(`${BASE}/discovery.:format`, handlers.discovery);
  router.get(`${BASE}/services.:format`, handlers.services);
  router.get(`${BASE}/services/:code.:format`, handlers.definition);
  router.get(`${BASE}/requests.:format`, handlers.requests);
  router.get(`${BASE}/requests/:id.:format`, handlers.request);
  router.get(`${BASE}/tokens/:token.:format`, handlers.token);
  router.post(`${BASE}/requests.:format`, ...bodyParsers, handlers.post);
  router.use(BASE, (req, res) => sendError(res, formatOfPath(req), 404, 'not found'));
  router.use(BASE, errors(services));
  return router;
}

/** The format of the URL a failed request asked for; JSON when it asked for none we speak. */
const formatOfPath = (req: Request): Format => formatOf(req.path.split('.').pop()) ?? 'json';

/** Every failure under /open311/v2 as GeoReport's error list: ours, a malformed body, or a bug. */
function errors({ logger }: Pick<Services, 'logger'>) {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    if (error instanceof Open311Error)
      return sendError(res, formatOfPath(req), error.status, error.description);
    const status = (error as { status?: unknown } | null)?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const description = status === 413 ? 'the request body is too large' : 'the request cannot be read';
      return sendError(res, formatOfPath(req), status, description);
    }
    logger.error({ err: error, req: requestFields(req) }, 'open311 request failed');
    sendError(res, formatOfPath(req), 500, 'internal error');
  };
}
