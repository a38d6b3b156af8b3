/**
 * Page weights: the bytes a first visit transfers (headers and encoded bodies, as DevTools counts
 * "transferred"), in Debian's Chromium with an empty cache, photos and map tiles not counted
 * (tiles are blocked: they come from another origin, MAP_TILE_URL). Sizes, not timings: the same
 * pages give the same figures, so a test may assert them.
 *
 *   npx tsx bench/weights.ts http://localhost:3000 [/reports/RZN-…]
 */
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

export interface PageWeight {
  page: string;
  javascript: boolean;
  bytes: number;
  targetBytes: number;
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
];
const KB = 1024;

/** Photos are the resident's, not the page's: `/photos/…` and pending upload thumbnails. */
const isPhoto = (url: URL) => url.pathname.startsWith('/photos/') || url.pathname.startsWith('/uploads/');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/** Transferred bytes of one first visit, and the URLs it fetched. */
export async function weighPage(
  browser: Browser,
  baseUrl: string,
  page: string,
  javascript: boolean,
  ready?: string,
): Promise<{ bytes: number; urls: string[] }> {
  const origin = new URL(baseUrl).origin;
  const context = await browser.newContext({ javaScriptEnabled: javascript });
  try {
    const tab = await context.newPage();
    // Anything from another origin is a map tile (the only thing we load from elsewhere): not fetched.
    await tab.route(
      (url) => url.origin !== origin,
      (route) => route.abort(),
    );
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const urls = new Map<string, string>();
    let bytes = 0;
    cdp.on('Network.responseReceived', (event) => urls.set(event.requestId, event.response.url));
    cdp.on('Network.loadingFinished', (event) => {
      const url = urls.get(event.requestId);
      if (!url || !url.startsWith('http')) return;
      const parsed = new URL(url);
      if (parsed.origin === origin && !isPhoto(parsed)) bytes += event.encodedDataLength;
    });
    await tab.goto(new URL(page, baseUrl).href, { waitUntil: 'load' });
    if (ready) {
      // The map loader fetches Leaflet once the map's place nears the screen: go there, as a resident would.
      await tab.locator('.map-slot').first().scrollIntoViewIfNeeded();
      await tab.waitForSelector(ready);
    }
    await tab.waitForLoadState('networkidle');
    return { bytes, urls: [...urls.values()] };
  } finally {
    await context.close();
  }
}

/** The targets: every page without JavaScript, and the report form with its map. */
export function weightTargets(reportPath: string) {
  return [
    { page: '/', javascript: false, targetBytes: 15 * KB },
    { page: '/reports/new', javascript: false, targetBytes: 25 * KB },
    { page: '/reports', javascript: false, targetBytes: 25 * KB },
    { page: reportPath, javascript: false, targetBytes: 20 * KB },
    // Ready once Leaflet has drawn the map's panes (its tiles are blocked and not counted).
    {
      page: '/reports/new',
      javascript: true,
      targetBytes: 80 * KB,
      ready: '[data-qa="map"].leaflet-container',
    },
  ];
}

export async function pageWeights(baseUrl: string, reportPath: string): Promise<PageWeight[]> {
  const browser = await launchChromium();
  try {
    const results: PageWeight[] = [];
    for (const { page, javascript, targetBytes, ready } of weightTargets(reportPath)) {
      const { bytes } = await weighPage(browser, baseUrl, page, javascript, ready);
      results.push({ page, javascript, bytes, targetBytes });
    }
    return results;
  } finally {
    await browser.close();
  }
}

/** The first public report the list links to, for a run against a server with data. */
export async function firstReportPath(baseUrl: string): Promise<string> {
  const html = await (await fetch(new URL('/reports', baseUrl))).text();
  const match = /href="(\/reports\/RZN-\d{4}-\d+)"/.exec(html);
  if (!match) throw new Error(`no report linked from ${baseUrl}/reports`);
  return match[1]!;
}

export function weightTable(rows: PageWeight[]): string {
  const lines = rows.map((row) => {
    const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
    const verdict = row.bytes <= row.targetBytes ? 'meets' : 'OVER';
    return `${row.page.padEnd(28)} ${(row.javascript ? 'with JS' : 'no JS').padEnd(8)} ${kb(row.bytes).padStart(9)}  ≤ ${kb(row.targetBytes).padStart(8)}  ${verdict}`;
  });
  return [`${'page'.padEnd(28)} ${'scripts'.padEnd(8)} ${'transferred'.padStart(9)}  target`, ...lines].join(
    '\n',
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const baseUrl = process.argv[2] ?? 'http://localhost:3000';
  const reportPath = process.argv[3] ?? (await firstReportPath(baseUrl));
  console.log(weightTable(await pageWeights(baseUrl, reportPath)));
}
