import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language } from '../i18n/index.js';
import type { Services } from '../services.js';
import { requestFields } from '../web/logging.js';
import { discoveryOf, type Discovery } from './discovery.js';
import { describe, notFound, Open311Error, type Problem } from './errors.js';
import { formatOf, send, sendError, type Format, type Shape } from './respond.js';

export const BASE = '/open311/v2';

type Deps = Pick<Services, 'open311' | 'open311Intake' | 'config' | 'logger' | 'i18n'>;
type Params = Record<string, string>;

/**
 * The language of an answer, its names and its errors alike: `?locale=` (en, en_GB, ru-RU…) or
 * `?lang=` (in a POST's body too), else the client's Accept-Language among lv, en and ru, else
 * Latvian, as every page picks it (a script has no language cookie, and this interface reads none).
 */
export function languageOf(req: Request): Language {
  const body = req.body as Record<string, unknown> | undefined;
  const asked = [req.query.locale, req.query.lang, body?.locale, body?.lang];
  for (const value of asked) {
    const code = typeof value === 'string' ? value.slice(0, 2).toLowerCase() : undefined;
    if (isLanguage(code)) return code;
  }
  const preferred = req.get('accept-language') ? req.acceptsLanguages(...LANGUAGES) : false;
  return isLanguage(preferred) ? preferred : DEFAULT_LANGUAGE;
}

/** The format a URL asks for; an unknown suffix is a 404 in JSON. */
function format(req: Request<Params>): Format {
  const found = formatOf(req.params.format);
  if (!found) throw new Open311Error(404, 'unknownFormat');
  return found;
}

/** A GET handler: reads the answer and sends it in the asked format. */
function answer(shape: Shape, read: (req: Request<Params>) => unknown) {
  return async (req: Request<Params>, res: Response) => {
    const asked = format(req);
    const body = await read(req);
    res.set('Content-Language', languageOf(req));
    send(res, asked, shape, body);
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
  // Made once per language: the document changes only with the configuration.
  const discovery = Object.fromEntries(
    LANGUAGES.map((language) => [
      language,
      discoveryOf(config.publicUrl, config.production, services.i18n, language),
    ]),
  ) as Record<Language, Discovery>;

  const handlers = {
    discovery: answer('discovery', (req) => discovery[languageOf(req)]),
    services: answer('services', (req) => open311.services(languageOf(req))),
    definition: answer('definition', (req) => open311.definition(req.params.code!, languageOf(req))),
    requests: answer('requests', (req) => open311.requests(req.query, languageOf(req))),
    request: answer('requests', (req) => open311.request(req.params.id!, languageOf(req))),
    token: answer('requests', (req) => open311.token(req.params.token!)),
    post: async (req: Request<Params>, res: Response) => {
      const asked = format(req);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const language = languageOf(req);
      const answered = await open311Intake.submit(body, language);
      res.set('Content-Language', language);
      send(res, asked, 'requests', answered);
    },
  };

  // The interface's own addresses lead to its discovery document, which names everything else.
  // (A trailing slash is the same address to the router.)
  const toDiscovery = (_req: Request, res: Response) => res.redirect(302, `${BASE}/discovery.json`);
  // Every answer says its language, and differs by the client's Accept-Language.
  router.use(BASE, (req, res, next) => {
    res.vary('Accept-Language');
    next();
  });
  router.get('/open311', toDiscovery);
  router.get(BASE, toDiscovery);
  router.get(`${BASE}/discovery.:format`, handlers.discovery);
  router.get(`${BASE}/services.:format`, handlers.services);
  router.get(`${BASE}/services/:code.:format`, handlers.definition);
  router.get(`${BASE}/requests.:format`, handlers.requests);
  router.get(`${BASE}/requests/:id.:format`, handlers.request);
  router.get(`${BASE}/tokens/:token.:format`, handlers.token);
  router.post(`${BASE}/requests.:format`, ...bodyParsers, handlers.post);
  router.use(BASE, () => {
    throw notFound('path');
  });
  router.use(BASE, errors(services));
  return router;
}

/** The format of the URL a failed request asked for; JSON when it asked for none we speak. */
const formatOfPath = (req: Request): Format => formatOf(req.path.split('.').pop()) ?? 'json';

/**
 * Every failure under /open311/v2 as GeoReport's error list: ours, a malformed body, or a bug,
 * described in the language the client asked for (as the answer would have been).
 */
function errors({ logger, i18n }: Pick<Services, 'logger' | 'i18n'>) {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const language = languageOf(req);
    const fail = (status: number, problem: Problem) => {
      res.set('Content-Language', language);
      sendError(res, formatOfPath(req), status, describe(i18n, problem, language));
    };
    if (error instanceof Open311Error) return fail(error.status, error.problem);
    const status = (error as { status?: unknown } | null)?.status;
    if (typeof status === 'number' && status >= 400 && status < 500)
      return fail(status, { key: status === 413 ? 'tooLarge' : 'unreadable' });
    logger.error({ err: error, req: requestFields(req) }, 'open311 request failed');
    fail(500, { key: 'internal' });
  };
}
