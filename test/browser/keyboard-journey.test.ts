import assert from 'node:assert/strict';
import type { FileChooser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser.js';
import { testJpeg } from '../support/reports.js';
import { startServer } from '../support/server.js';

const TILE =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mN8+P9/PQAJYwPNdNa8NgAAAABJRU5ErkJggg==';
const log: string[] = [];

/** Presses Tab until the focused element matches, and says how many presses it took. */
async function tabTo(page: Page, selector: string, max = 80): Promise<void> {
  for (let press = 1; press <= max; press += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) {
      log.push(`  Tab ×${press} → ${selector}`);
      return;
    }
  }
  throw new Error(`never reached ${selector} by Tab`);
}

async function chooseByKeyboard(page: Page, selector: string, label: RegExp) {
  await tabTo(page, selector);
  const base = await page.$eval(selector, (s) => getComputedStyle(s).appearance === 'base-select');
  if (base) {
    // A styleable select opens its list with Space; the arrows move through the options; Enter picks.
    await page.keyboard.press('Space');
    for (let step = 0; step < 60; step += 1) {
      const text = await page.evaluate(() => document.activeElement?.textContent ?? '');
      if (label.test(text)) break;
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
  } else {
    for (let step = 0; step < 60; step += 1) {
      const text = await page.$eval(selector, (s: HTMLSelectElement) => s.selectedOptions[0]?.text ?? '');
      if (label.test(text)) break;
      await page.keyboard.press('ArrowDown');
    }
  }
  const picked = await page.$eval(selector, (s: HTMLSelectElement) => s.selectedOptions[0]?.text ?? '');
  const focused = await page.evaluate(() => document.activeElement?.id);
  log.push(`  ${selector} = ${picked} (${base ? 'base-select' : 'native'}; focus back on #${focused})`);
  assert.match(picked, label);
}

/**
 * A new resident with a keyboard alone (Tab, Enter, Space, arrows; the file chooser is the system's
 * own dialog): reports a problem with a photo and a map pin, confirms it from the dev mailbox,
 * comments on it from the private link, and finds it in the filtered list.
 */
describe('the whole journey by keyboard alone', () => {
  it('reports with a photo and a pin, confirms, comments, and browses the list', async () => {
    const server = await startServer({ MAP_TILE_URL: TILE, SEED_DEMO: 'no' });
    const browser = await launchBrowser();
    try {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      page.on('pageerror', (error) => log.push(`  PAGE ERROR ${error.message}`));
      // Playwright asks the browser to catch file dialogs without waiting for its answer, so a
      // listener added beside the key press can lose the race (CI saw it once): the dialog then
      // opens unseen. Listening from the start leaves the browser a whole page load to agree.
      const chosen = new Promise<FileChooser>((resolve) => page.once('filechooser', resolve));
      log.push('1. /reports/new');
      await page.goto(`${server.url}/reports/new?lang=en`);
      await page.locator('[data-qa="map"]').waitFor();
      await chooseByKeyboard(page, '#field-category', /Roads/);
      await tabTo(page, '#field-title');
      await page.keyboard.type('Pothole by the school');
      await tabTo(page, '#field-description');
      await page.keyboard.type('A deep pothole in the middle of the road.');
      await tabTo(page, '#field-location');
      await page.keyboard.type('Skolas iela 1');
      await tabTo(page, '[data-qa="map"]');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('Enter');
      assert.match(await page.inputValue('#field-lat'), /^5[67]\.\d+$/, 'the pin fills the latitude');
      assert.notEqual(await page.inputValue('#field-parish'), '', 'the pin suggests the parish');
      const parish = await page.$eval('#field-parish', (s: HTMLSelectElement) => s.selectedOptions[0]!.text);
      await tabTo(page, '#field-name');
      await page.keyboard.type('Anna Kalniņa');
      await tabTo(page, '#field-email');
      await page.keyboard.type('anna@example.org');
      // The photos come last in the form, so the words arrive even if an upload is cut short.
      await tabTo(page, '#field-photos');
      await page.keyboard.press('Space');
      const chooser = await Promise.race([
        chosen,
        new Promise<never>((_, reject) =>
          setTimeout(
            () => reject(new Error('Space on the photo field opened no file dialog')),
            30_000,
          ).unref(),
        ),
      ]);
      await chooser.setFiles({ name: 'bedre.jpg', mimeType: 'image/jpeg', buffer: await testJpeg() });
      await tabTo(page, '[data-qa="submit"]');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      assert.equal(new URL(page.url()).pathname, '/reports/sent', 'sent, with its photo');

      log.push('2. the dev mailbox');
      await page.goto(`${server.url}/dev/mailbox?lang=en`);
      await tabTo(page, 'a[href*="/dev/mailbox/"]');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      log.push(`  opened "${await page.title()}"`);
      await tabTo(page, '[data-qa="html-link"]');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      await tabTo(page, 'a[href*="/reports/confirm/"]');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      log.push(`  → ${await page.title()}`);
      await tabTo(page, '[data-qa="confirm-button"]');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Space')]);
      assert.match((await page.textContent('main'))!, /RZN-\d{4}-\d{5}/, 'confirmed');

      log.push('3. comment on it from the private link');
      await page.goto(`${server.url}/dev/mailbox?lang=en`);
      // The "your report is published" email: its row is found by reading, its link reached by Tab.
      const published = await page.$$eval('tr', (rows) =>
        rows
          .find((row) => /report-published/.test(row.textContent ?? ''))
          ?.querySelector('a')
          ?.getAttribute('href'),
      );
      await tabTo(page, `a[href="${published}"]`);
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      log.push(`  opened "${await page.title()}"`);
      await tabTo(page, '[data-qa="html-link"]');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      await tabTo(page, 'a[href*="token="]');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      log.push(`  → "${await page.title()}"`);
      await tabTo(page, '#action-text');
      await page.keyboard.type('The pothole is getting bigger after the rain.');
      await tabTo(page, '[data-qa="action-comment"]');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      assert.match((await page.textContent('[data-qa="timeline"]'))!, /getting bigger after the rain/);

      log.push('4. browse the list');
      await page.goto(`${server.url}/?lang=en`);
      await tabTo(page, '[data-qa="nav-reports"]');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      log.push(`  → "${await page.title()}"`);
      await tabTo(page, 'summary');
      await page.keyboard.press('Enter');
      await chooseByKeyboard(page, '#filter-parish', new RegExp(parish));
      await tabTo(page, '.filters button[type="submit"]');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      assert.match(await page.title(), new RegExp(parish), 'the title names the filter');
      await tabTo(page, '.report-item__title a');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      assert.match(await page.title(), /^Pothole by the school/);
      assert.deepEqual(
        log.filter((line) => line.includes('PAGE ERROR')),
        [],
        'no script failed',
      );
    } catch (error) {
      console.log(log.join('\n'));
      throw error;
    } finally {
      await browser.close();
      await server.stop();
    }
  });
});
