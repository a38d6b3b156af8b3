import assert from 'node:assert/strict';
import request from 'supertest';
import { SETTLE_MS } from '../../src/page-cache/feed.js';
import { makeApp } from '../support/app.js';
import { behindPageCache } from '../support/page-cache.js';

const TTL_MS = 60_000;

/**
 * A list behind a small page cache: each page is 10,000 bytes, so two fit in its 25,000 bytes.
 * The test's clock moves only when the test moves it.
 */
async function smallList() {
  const context = await makeApp();
  // On PostgreSQL a page made within SETTLE_MS of a commit (the set-up's) is not kept.
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS + 50));
  let now = 1_000_000;
  const { app, cache } = behindPageCache(context, { maxBytes: 25_000, ttlMs: TTL_MS, clock: () => now });
  const renders: Record<string, number> = {};
  app.get('/reports', (req, res) => {
    renders[req.originalUrl] = (renders[req.originalUrl] ?? 0) + 1;
    res.type('html').send(`<p>${req.originalUrl}</p>`.padEnd(10_000, ' '));
  });
  return {
    cache,
    /** How many times the address was rendered once this ask is answered. */
    ask: async (url: string) => {
      await request(app).get(url).expect(200);
      return renders[url] ?? 0;
    },
    later: (ms: number) => (now += ms),
  };
}

describe('the page cache keeps searches and cursors on their second ask', () => {
  it('keeps the list at once, and a search or a cursor page when asked again within the time to live', async () => {
    const list = await smallList();
    assert.equal(await list.ask('/reports'), 1);
    assert.equal(await list.ask('/reports'), 1, 'the plain list is kept at its first ask');
    // The list's form sends an empty search with every filter: that is the plain list's page.
    assert.equal(await list.ask('/reports?q='), 1);
    assert.equal(await list.ask('/reports?q='), 1, 'an empty search is kept at its first ask');

    for (const url of ['/reports?q=bedre', '/reports?after=120', '/reports?parish=kaunatas&before=80']) {
      assert.equal(await list.ask(url), 1);
      assert.equal(await list.ask(url), 2, `${url}: made again on its second ask, and kept`);
      assert.equal(await list.ask(url), 2, `${url}: then answered from memory`);
    }
  });

  it('does not let searches asked once push out the pages people read', async () => {
    const list = await smallList();
    await list.ask('/reports');
    await list.ask('/reports?q=');
    assert.equal(list.cache.size, 2);
    // A script asking a hundred different words once each: each is answered, none is kept.
    for (let i = 0; i < 100; i++) assert.equal(await list.ask(`/reports?q=word${i}`), 1);
    assert.equal(list.cache.size, 2);
    assert.equal(await list.ask('/reports'), 1, 'the list is still kept');
    assert.equal(await list.ask('/reports?q='), 1, 'so is the other page');
  });

  it('counts a second ask only within the time to live', async () => {
    const list = await smallList();
    assert.equal(await list.ask('/reports?q=lampa'), 1);
    list.later(TTL_MS + 1);
    assert.equal(await list.ask('/reports?q=lampa'), 2, 'too late to count: made, not kept');
    list.later(1_000);
    assert.equal(await list.ask('/reports?q=lampa'), 3, 'asked again in time: made and kept');
    assert.equal(await list.ask('/reports?q=lampa'), 3);
    // Once the kept page's time is up, the address starts over: two asks to be kept again.
    list.later(TTL_MS + 1);
    assert.equal(await list.ask('/reports?q=lampa'), 4);
    assert.equal(await list.ask('/reports?q=lampa'), 5);
    assert.equal(await list.ask('/reports?q=lampa'), 5);
  });
});
