import assert from 'node:assert/strict';
import express, {
  Router,
  type ErrorRequestHandler,
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import request from 'supertest';
import { featureRouters, firstSegment, reachOf } from '../../../src/web/feature-routers.js';

/** A router that answers `paths` with its name, and counts the requests it was shown. */
function named(name: string, paths: string[]) {
  const seen: string[] = [];
  const router = Router();
  for (const path of paths) router.get(path, (_req, res) => void res.send(name));
  // Counted where Express hands the router a request (a middleware of its own would reach everywhere).
  const handled = router as unknown as { handle: (req: Request, res: Response, next: NextFunction) => void };
  const handle = handled.handle.bind(router);
  handled.handle = (req, res, next) => {
    seen.push(req.path);
    handle(req, res, next);
  };
  return { router, seen };
}

function appOf(...handlers: RequestHandler[]) {
  const app = express();
  app.use(featureRouters(handlers));
  app.use((_req, res) => void res.status(404).send('none'));
  const onError: ErrorRequestHandler = (error: Error, _req, res, _next) =>
    void res.status(500).send(error.message);
  app.use(onError);
  return app;
}

describe('feature routers tried by the first segment of the path', () => {
  it('reads where a router can answer from its own routes', () => {
    const router = Router();
    router.get('/', () => undefined);
    router.get('/reports/:ref', () => undefined);
    router.get('/Statistics.csv', () => undefined);
    router.get('/sitemap-:part.xml', () => undefined);
    router.use('/staff', () => undefined);
    const nested = Router();
    nested.post('/help/offer', () => undefined);
    router.use(nested);
    const reach = reachOf(router);
    assert.equal(reach.everywhere, false);
    assert.deepEqual([...reach.segments].sort(), ['', 'help', 'reports', 'staff', 'statistics.csv']);
    assert.deepEqual(reach.prefixes, ['sitemap-']);
    assert.equal(firstSegment('/reports/RZN-1/withdraw'), 'reports');
    assert.equal(firstSegment('/'), '');
  });

  it('takes a middleware for every path, or a path that starts with a parameter, as everywhere', () => {
    const middleware = Router();
    middleware.use((_req, _res, next) => next());
    assert.equal(reachOf(middleware).everywhere, true);
    const parameter = Router();
    parameter.get('/:id', () => undefined);
    assert.equal(reachOf(parameter).everywhere, true);
    assert.equal(reachOf((_req, _res, next) => next()).everywhere, true);
  });

  it('shows a request only to the routers that have a route there, in the order given', async () => {
    const home = named('home', ['/', '/privacy']);
    const form = named('form', ['/reports/new']);
    const pages = named('pages', ['/reports', '/reports/:ref']);
    const staff = named('staff', ['/staff']);
    const app = appOf(home.router, form.router, pages.router, staff.router);

    assert.equal((await request(app).get('/reports/RZN-2026-00001')).text, 'pages');
    assert.equal((await request(app).get('/reports/new')).text, 'form');
    assert.equal((await request(app).get('/REPORTS/new')).text, 'form', 'case-insensitive, as Express');
    assert.equal((await request(app).get('/privacy/')).text, 'home');
    assert.equal((await request(app).get('/')).text, 'home');
    assert.deepEqual(home.seen, ['/privacy/', '/']);
    assert.deepEqual(form.seen, ['/reports/RZN-2026-00001', '/reports/new', '/REPORTS/new']);
    assert.deepEqual(pages.seen, ['/reports/RZN-2026-00001']);
    assert.deepEqual(staff.seen, []);

    const missing = await request(app).get('/nowhere');
    assert.equal(missing.status, 404);
    assert.equal(missing.text, 'none');
  });

  it('passes errors on, and goes on after a router that leaves with next("router")', async () => {
    const failing = Router();
    failing.get('/broken', () => {
      throw new Error('broke');
    });
    const leaving = Router();
    leaving.get('/both', (_req, _res, next) => next('router'));
    const answering = named('second', ['/both']);
    const app = appOf(failing, leaving, answering.router);

    const broken = await request(app).get('/broken');
    assert.equal(broken.status, 500);
    assert.equal(broken.text, 'broke');
    assert.equal((await request(app).get('/both')).text, 'second');
  });

  it('still lets the routes of the routers it holds be listed', () => {
    const pages = named('pages', ['/reports']);
    const dispatch = featureRouters([pages.router]) as unknown as { stack: { handle: unknown }[] };
    assert.equal(dispatch.stack[0]!.handle, pages.router);
  });
});
