import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page, Response } from 'playwright-core';
import type { TestContext } from './app.js';
import { axeViolations, launchBrowser } from './browser.js';
import type { StaffBrowser } from './staff.js';

export const LANGUAGES = ['lv', 'en', 'ru'] as const;
export const VIEWPORTS = [
  { width: 360, height: 740 },
  { width: 1280, height: 900 },
] as const;

/**
 * Scrolls to the page's map: the map loader fetches Leaflet only once the map's place is within a
 * screen of being seen (on a phone the report form's map is three screens down).
 */
export async function showMap(page: Page): Promise<void> {
  await page.locator('.map-slot').first().scrollIntoViewIfNeeded();
}

/**
 * The test app served on a loopback port and a headless Chromium looking at it: pages are opened
 * (as a signed-in staff member, or anyone), and each page is checked for its status, its language
 * and zero axe violations on a phone and on a desktop.
 */
export class PageChecker {
  private constructor(
    private readonly server: Server,
    private readonly browser: Browser,
    readonly url: string,
  ) {}

  static async start(context: TestContext): Promise<PageChecker> {
    const server = context.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return new PageChecker(server, await launchBrowser(), url);
  }

  async stop(): Promise<void> {
    await this.browser.close();
    await new Promise((resolve) => this.server.close(resolve));
  }

  /** A new page, with the staff member's session when one is given. */
  async open(staff?: StaffBrowser): Promise<Page> {
    // bypassCSP only lets the test inject axe-core; the page's own scripts are files on our origin.
    const browserContext = await this.browser.newContext({ viewport: VIEWPORTS[0], bypassCSP: true });
    if (staff) {
      const [name, value] = staff.cookie.split('=') as [string, string];
      await browserContext.addCookies([{ name, value, url: this.url }]);
    }
    return browserContext.newPage();
  }

  at(path: string, language: string): string {
    return `${this.url}${path}${path.includes('?') ? '&' : '?'}lang=${language}`;
  }

  /** The page as it is now: its status and language, and no violations on a phone or a desktop. */
  async check(page: Page, response: Response | null, status: number, language: string, where: string) {
    assert.equal(response?.status(), status, `${where}: the status`);
    assert.equal(await page.getAttribute('html', 'lang'), language, `${where}: the language`);
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      const violations = await axeViolations(page);
      assert.deepEqual(
        violations,
        [],
        `${where} at ${viewport.width}px: ${JSON.stringify(violations, null, 2)}`,
      );
    }
  }

  async visit(page: Page, path: string, language: string, status = 200) {
    await this.check(page, await page.goto(this.at(path, language)), status, language, path);
  }

  /** Presses a button that sends a form, and checks the page it leads to. */
  async press(page: Page, selector: string, language: string, status: number, where: string) {
    const [response] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
    await this.check(page, response, status, language, where);
  }
}
