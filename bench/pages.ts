/**
 * Page 50 of a list as a resident reaches it: by the list's own pagination links, from page 1.
 * Whatever the links are (`?page=N`, or keyset cursors that also answer `?page=N`), the URL
 * measured is the one the page-50 link of the app points to.
 */
const decode = (href: string) =>
  href
    .replace(/&amp;/g, '&')
    .replace(/&#x2F;/gi, '/')
    .replace(/&#47;/g, '/');

/** The links of the page's pagination nav, each with the page number it leads to when it says. */
function paginationLinks(html: string, current: number): { page: number; href: string }[] {
  const nav = /<nav\b[^>]*class="[^"]*\bpagination\b[^"]*"[^>]*>([\s\S]*?)<\/nav>/i.exec(html)?.[1];
  if (!nav) return [];
  const links: { page: number; href: string }[] = [];
  for (const match of nav.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/gi)) {
    const attributes = match[1]!;
    const href = /\bhref="([^"]*)"/i.exec(attributes)?.[1];
    if (!href) continue;
    const text = match[2]!
      .replace(/<span class="visually-hidden">[\s\S]*?<\/span>/gi, '')
      .replace(/<[^>]+>/g, '');
    const number = /^\s*(\d+)\s*$/.exec(text)?.[1];
    if (number) links.push({ page: Number(number), href: decode(href) });
    else if (/\brel="next"/i.test(attributes)) links.push({ page: current + 1, href: decode(href) });
  }
  return links;
}

/**
 * Follows the pagination from `firstPath` towards page `target` (the furthest numbered link not
 * past it each time, else "next"); the path of page `target`, or why it cannot be reached.
 */
export async function pathOfPage(
  baseUrl: string,
  firstPath: string,
  target = 50,
): Promise<{ path: string; hops: number } | { unavailable: string }> {
  let path = firstPath;
  let current = 1;
  for (let hops = 0; hops <= target; hops++) {
    if (current === target) return { path, hops };
    const response = await fetch(new URL(path, baseUrl));
    const html = await response.text();
    if (response.status !== 200) return { unavailable: `${path} answers ${response.status}` };
    const next = paginationLinks(html, current)
      .filter((link) => link.page > current && link.page <= target)
      .sort((a, b) => b.page - a.page)[0];
    if (!next) return { unavailable: `no link past page ${current} of ${firstPath}` };
    path =
      new URL(next.href, new URL(path, baseUrl)).pathname + new URL(next.href, new URL(path, baseUrl)).search;
    current = next.page;
  }
  return { unavailable: `page ${target} not reached from ${firstPath}` };
}
