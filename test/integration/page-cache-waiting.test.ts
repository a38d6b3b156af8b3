import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express, NextFunction, Request, Response } from 'express';
import request from 'supertest';
import { behindPageCache } from '../support/page-cache.js';
import { makeApp, type TestContext } from '../support/app.js';

/** Polls until `ready` holds (five seconds at most: a busy CI machine may be slow to connect). */
async function until(ready: () => boolean, what: string): Promise<void> {
  for (let tries = 0; tries < 1000; tries++) {
    if (ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  assert.fail(`waited in vain: ${what}`);
}

/** A route that counts its renders and holds each until the test opens its gate. */
function heldRoute(app: Express, answer: (render: number) => { status: number; body: string }) {
  let renders = 0;
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  app.get('/reports', async (_req, res) => {
    renders += 1;
    const { status, body } = answer(renders);
    await gate;
    if (status === 500) throw new Error('the page failed');
    res.status(status).send(body);
  });
  // A failed page ends without res.send, as a dropped connection would.
  app.use((_error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    res.status(500).end();
  });
  return { renders: () => renders, open };
}

/** One server for all the visitors of a test, as in production. */
async function listening(
  app: Express,
): Promise<{ url: string; arrived: () => number; close: () => Promise<void> }> {
  const server = http.createServer(app);
  let arrived = 0;
  server.on('request', () => (arrived += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    arrived: () => arrived,
    // A failed test leaves answers held: they are cut, not waited for.
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const visitors = (url: string, count: number) =>
  Promise.all(Array.from({ length: count }, () => request(url).get('/reports')));

describe('the page cache, when visitors ask for one page at the same moment', () => {
  let context: TestContext;
  before(async () => {
    context = await makeApp();
  });

  /**
   * `count` visitors ask for /reports at once while the first one's page is held; once all have
   * arrived (one making the page, the rest waiting), it is let go. Their answers and the renders.
   */
  async function crowd(count: number, answer: (render: number) => { status: number; body: string }) {
    const { app, cache } = behindPageCache(context);
    const route = heldRoute(app, answer);
    const server = await listening(app);
    try {
      const answers = visitors(server.url, count);
      await until(
        () => server.arrived() === count && route.renders() === 1 && cache.waiting === count - 1,
        `all ${count} arrived, one making the page, the rest waiting`,
      );
      route.open();
      return { answers: await answers, renders: route.renders(), waiting: cache.waiting };
    } finally {
      route.open();
      await server.close();
    }
  }

  it('makes the page once and sends it to all of them', async () => {
    const { answers, renders, waiting } = await crowd(5, () => ({ status: 200, body: '<p>Ziņojumi</p>' }));
    for (const answer of answers) {
      assert.equal(answer.status, 200);
      assert.equal(answer.text, '<p>Ziņojumi</p>');
    }
    assert.equal(renders, 1);
    assert.equal(waiting, 0);
  });

  it('lets each make their own when the page may not be kept (a 404)', async () => {
    const { answers, renders } = await crowd(3, () => ({ status: 404, body: '<p>Nav atrasts</p>' }));
    for (const answer of answers) assert.equal(answer.status, 404);
    assert.equal(renders, 3);
  });

  it('answers those waiting when the page failed for the first', async () => {
    const { answers, renders } = await crowd(3, (render) => ({
      status: render === 1 ? 500 : 200,
      body: '<p>Otrs</p>',
    }));
    const statuses = answers.map((answer) => answer.status).sort();
    assert.deepEqual(statuses, [200, 200, 500]);
    // Both were let go at once, when the first answer ended, and each made the page.
    assert.equal(renders, 3);
  });

  it('waits no longer than its bound for a page stuck being made', async () => {
    const { app } = behindPageCache(context, { waitMs: 50 });
    let renders = 0;
    let release!: () => void;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    app.get('/reports', async (_req, res) => {
      renders += 1;
      const render = renders;
      if (render === 1) await stuck;
      res.send(`<p>Ziņojumi ${render}</p>`);
    });
    const server = await listening(app);
    try {
      const first = request(server.url).get('/reports');
      const firstDone = first.then((answer) => answer);
      await until(() => renders === 1, 'the first is being made');
      const second = await request(server.url).get('/reports').expect(200);
      assert.equal(second.text, '<p>Ziņojumi 2</p>');
      release();
      assert.equal((await firstDone).text, '<p>Ziņojumi 1</p>');
    } finally {
      release();
      await server.close();
    }
  });

  it('does not hold the visitors of one page for another', async () => {
    const { app, cache } = behindPageCache(context);
    const route = heldRoute(app, () => ({ status: 200, body: '<p>Ziņojumi</p>' }));
    app.get('/map', (_req, res) => {
      res.send('<p>Karte</p>');
    });
    const server = await listening(app);
    try {
      const list = request(server.url)
        .get('/reports')
        .then((answer) => answer);
      await until(() => route.renders() === 1, 'the list is being made');
      const map = await request(server.url).get('/map').expect(200);
      assert.equal(map.text, '<p>Karte</p>');
      assert.equal(cache.waiting, 0);
      route.open();
      assert.equal((await list).status, 200);
    } finally {
      route.open();
      await server.close();
    }
  });
});
