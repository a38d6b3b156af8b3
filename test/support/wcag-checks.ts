import type { Page } from 'playwright-core';

// Chromium's drop-down arrow of a select with `appearance: auto` (measured: 20px at 100%).
const ARROW_PX = 20;

/**
 * Checks of WCAG 2.1 AA that axe-core cannot make, run in the page as it is: reflow (1.4.10), text
 * spacing (1.4.12), visible focus (2.4.7) and a tab order that reaches every control (2.1.1).
 * Each returns what it found wrong, as lines a failing assertion can print; an empty list is a pass.
 */

/** WCAG 1.4.12's own override: line height 1.5, paragraphs 2em apart, letters 0.12em, words 0.16em. */
export const TEXT_SPACING_CSS = `
  * { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
  p { margin-bottom: 2em !important; }
`;

/**
 * tsx keeps function names with a `__name` helper that the page does not have; the functions
 * handed to `page.evaluate` below need it defined there.
 */
async function nameHelper(page: Page): Promise<void> {
  await page.evaluate('window.__name = window.__name || ((target) => target)');
}

/** What sticks out to the right of the viewport, making the page scroll sideways. */
export async function sidewaysScroll(page: Page): Promise<string[]> {
  await nameHelper(page);
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.className && typeof element.className === 'string' ? '.' + element.className.trim().split(/\s+/).join('.') : ''} "${(element.textContent ?? '').trim().slice(0, 40)}"`;
    const culprits: string[] = [];
    for (const element of document.body.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.right <= width + 1) continue;
      // Only the innermost: a parent that sticks out because of its child is not named.
      if ([...element.children].some((child) => child.getBoundingClientRect().right > width + 1)) continue;
      // Inside a box that scrolls (a wide table) it widens that box, not the page.
      let parent = element.parentElement;
      while (parent && getComputedStyle(parent).overflowX === 'visible') parent = parent.parentElement;
      if (parent && parent !== document.body && parent !== document.documentElement) continue;
      culprits.push(`${describe(element)} ends at ${Math.round(box.right)}px`);
    }
    // A word wider than its box runs out of it without widening the box: name that box too.
    for (const element of document.body.querySelectorAll('h1, h2, h3, p, li, dd, dt, a, label, legend')) {
      if (element.scrollWidth > element.clientWidth + 1 && element.getBoundingClientRect().right <= width)
        culprits.push(`${describe(element)} is ${element.scrollWidth}px of text in ${element.clientWidth}px`);
    }
    return [
      `the page is ${document.documentElement.scrollWidth}px wide in a ${width}px window`,
      ...culprits.slice(0, 5),
    ];
  });
}

/**
 * Text cut off under the text-spacing override (to be injected first): a box that hides its
 * overflow while its text needs more room, and a closed select whose chosen option is wider than
 * the room the select gives it.
 */
export async function clippedText(page: Page): Promise<string[]> {
  await nameHelper(page);
  return page.evaluate((arrow) => {
    const problems: string[] = [];
    const visible = (element: Element) => {
      const box = element.getBoundingClientRect();
      return box.width > 2 && box.height > 2 && element.checkVisibility({ visibilityProperty: true });
    };
    const label = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.id ? '#' + element.id : ''}${element.className && typeof element.className === 'string' ? '.' + element.className.trim().split(/\s+/).join('.') : ''}`;
    for (const element of document.body.querySelectorAll('*')) {
      if (!(element instanceof HTMLElement) || !visible(element)) continue;
      if (element.closest('.leaflet-container')) continue; // map tiles are meant to be clipped
      const style = getComputedStyle(element);
      const hides = (value: string) => value === 'hidden' || value === 'clip';
      const text = [...element.childNodes].some((node) => node.nodeType === 3 && node.textContent!.trim());
      if (!text) continue;
      if (hides(style.overflowX) && element.scrollWidth > element.clientWidth + 1)
        problems.push(
          `${label(element)} cuts its text sideways: "${element.textContent!.trim().slice(0, 40)}"`,
        );
      if (hides(style.overflowY) && element.scrollHeight > element.clientHeight + 1)
        problems.push(`${label(element)} cuts its text below: "${element.textContent!.trim().slice(0, 40)}"`);
    }
    // A closed select draws its chosen option on one line, and cuts what does not fit.
    const probe = document.createElement('span');
    probe.style.cssText = 'position:absolute;visibility:hidden;white-space:pre;left:0;top:0';
    document.body.append(probe);
    for (const select of document.querySelectorAll('select')) {
      if (!visible(select) || select.multiple) continue;
      const chosen = select.selectedOptions[0];
      if (!chosen) continue;
      const style = getComputedStyle(select);
      if (style.appearance === 'base-select') {
        // A styleable select lays its chosen option out as text: it wraps, and must not overflow.
        if (select.scrollWidth > select.clientWidth + 1 || select.scrollHeight > select.clientHeight + 1)
          problems.push(`select ${label(select)} cuts "${chosen.text}"`);
        continue;
      }
      probe.style.font = style.font;
      probe.style.letterSpacing = style.letterSpacing;
      probe.style.wordSpacing = style.wordSpacing;
      probe.textContent = chosen.text;
      // Chromium keeps room for its arrow at the end of the content box.
      const room =
        select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - arrow;
      if (probe.getBoundingClientRect().width > room)
        problems.push(
          `select ${label(select)} cuts "${chosen.text}" (${Math.round(probe.getBoundingClientRect().width)}px of text in ${Math.round(room)}px)`,
        );
    }
    probe.remove();
    return problems;
  }, ARROW_PX);
}

/** Every control a keyboard user must be able to reach, as a CSS path, in document order. */
async function markControls(page: Page): Promise<number> {
  await nameHelper(page);
  return page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    const selector =
      'a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex]:not([tabindex^="-"])';
    let count = 0;
    const seenRadioGroups = new Set<string>();
    for (const element of document.querySelectorAll<HTMLElement>(selector)) {
      if ((element as HTMLButtonElement).disabled || element.closest('[inert]')) continue;
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      // The skip link waits off-screen until focused; a visually hidden file input has its label.
      // checkVisibility also says no inside a closed <details>, whose content keeps its boxes.
      const shown =
        box.width > 1 &&
        box.height > 1 &&
        style.visibility !== 'hidden' &&
        box.right > 0 &&
        element.checkVisibility({ visibilityProperty: true });
      if (!shown) continue;
      if (element instanceof HTMLInputElement && element.type === 'radio') {
        // A radio group is one tab stop: the arrow keys move within it.
        if (seenRadioGroups.has(element.name)) continue;
        seenRadioGroups.add(element.name);
        element.dataset.wcagGroup = element.name;
      }
      element.dataset.wcagControl = String(count);
      const computed = getComputedStyle(element);
      element.dataset.wcagRest = JSON.stringify([
        computed.outlineStyle,
        computed.outlineWidth,
        computed.boxShadow,
        computed.outlineColor,
      ]);
      count += 1;
    }
    return count;
  });
}

/**
 * Tabs through the page from its top: every control must be reached, and each tab stop must look
 * different focused than resting (outline or shadow). `limit` caps the tab presses on a long page;
 * the walk then checks the focus of the stops it made, and reaching only for those before.
 */
export async function tabWalk(page: Page, options: { limit?: number } = {}): Promise<string[]> {
  const controls = await markControls(page);
  const problems: string[] = [];
  const reached = new Set<string>();
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  const limit = options.limit ?? controls + 40;
  let first: string | null = null;
  for (let press = 0; press < limit; press += 1) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return null;
      const computed = getComputedStyle(element);
      const now = [computed.outlineStyle, computed.outlineWidth, computed.boxShadow, computed.outlineColor];
      const radio = element instanceof HTMLInputElement && element.type === 'radio' ? element.name : null;
      const marked =
        element.dataset.wcagControl ??
        (radio
          ? document.querySelector<HTMLElement>(`[data-wcag-group="${CSS.escape(radio)}"]`)?.dataset
              .wcagControl
          : undefined);
      const rest = element.dataset.wcagRest ? (JSON.parse(element.dataset.wcagRest) as string[]) : null;
      const outlined = now[0] !== 'none' && parseFloat(now[1]!) > 0;
      const changed = rest ? JSON.stringify(rest) !== JSON.stringify(now) : true;
      return {
        key: `${element.tagName}#${element.id}|${element.getAttribute('href') ?? ''}|${element.getAttribute('name') ?? ''}|${marked ?? ''}`,
        marked: marked ?? null,
        visibleFocus: changed && (outlined || now[2] !== 'none'),
        name: `${element.tagName.toLowerCase()} "${(element.textContent || element.getAttribute('aria-label') || element.getAttribute('name') || '').trim().slice(0, 40)}"`,
      };
    });
    if (!stop) continue;
    if (stop.key === first) break; // round the page and back to the start
    first ??= stop.key;
    if (!stop.visibleFocus) problems.push(`no visible focus on ${stop.name}`);
    if (stop.marked !== null) reached.add(stop.marked);
  }
  if (options.limit === undefined) {
    const missed = await page.evaluate(
      (seen) =>
        [...document.querySelectorAll<HTMLElement>('[data-wcag-control]')]
          .filter((element) => !seen.includes(element.dataset.wcagControl!))
          .map(
            (element) =>
              `${element.tagName.toLowerCase()} "${(element.textContent || element.getAttribute('name') || '').trim().slice(0, 40)}"`,
          ),
      [...reached],
    );
    for (const name of missed) problems.push(`the tab order never reaches ${name}`);
  }
  return [...new Set(problems)];
}

/** Reflow at 320 CSS px, at 640 px with 200 % text, and text spacing at 320 px, on one page visit. */
export async function reflowAndSpacing(page: Page): Promise<string[]> {
  const problems: string[] = [];
  const viewport = page.viewportSize();
  // What a disclosure holds (the list's further filters) is checked open, as a reader opens it.
  await page.evaluate(() => document.querySelectorAll('details').forEach((details) => (details.open = true)));
  await page.setViewportSize({ width: 320, height: 640 });
  for (const found of await sidewaysScroll(page)) problems.push(`at 320px: ${found}`);
  await page.setViewportSize({ width: 640, height: 640 });
  await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
  for (const found of await sidewaysScroll(page)) problems.push(`at 640px with 200% text: ${found}`);
  await page.evaluate(() => (document.documentElement.style.fontSize = ''));
  await page.setViewportSize({ width: 320, height: 640 });
  const style = await page.addStyleTag({ content: TEXT_SPACING_CSS });
  for (const found of await sidewaysScroll(page)) problems.push(`at 320px with text spacing: ${found}`);
  for (const found of await clippedText(page)) problems.push(`at 320px with text spacing: ${found}`);
  await page.setViewportSize({ width: 1280, height: 900 });
  for (const found of await clippedText(page)) problems.push(`at 1280px with text spacing: ${found}`);
  await style.evaluate((element) => (element as HTMLElement).remove());
  if (viewport) await page.setViewportSize(viewport);
  return problems;
}
