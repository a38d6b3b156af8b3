/*
 * The sitemaps protocol (sitemaps.org 0.9): at most 50,000 addresses a file, so beyond that
 * /sitemap.xml becomes an index of numbered parts. Every address is absolute and XML-escaped.
 */

/** Reports a part lists; the first part also lists the fixed pages, still far below 50,000. */
export const REPORTS_PER_SITEMAP = 40_000;

/** The public pages that are not reports or places, in the order a visitor meets them. */
export const FIXED_PAGES = [
  '/',
  '/reports',
  '/map',
  '/reports/new',
  '/statistics',
  '/statistics/about',
  '/help',
  '/help/offer',
  '/help/request',
  '/open-data',
  '/accessibility',
  '/privacy',
] as const;

const NAMESPACE = 'http://www.sitemaps.org/schemas/sitemap/0.9';

export function xmlEscape(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );
}

/** The site's address without a trailing slash, so paths join cleanly. */
export const siteRoot = (publicUrl: string) => publicUrl.replace(/\/+$/, '');

export const URLSET_START = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${NAMESPACE}">\n`;
export const URLSET_END = '</urlset>\n';

export function urlEntry(loc: string, lastmod?: Date): string {
  const modified = lastmod ? `<lastmod>${lastmod.toISOString()}</lastmod>` : '';
  return `<url><loc>${xmlEscape(loc)}</loc>${modified}</url>\n`;
}

/** The index of the numbered parts, when there is more than one. */
export function sitemapIndex(root: string, parts: number): string {
  const entries = Array.from(
    { length: parts },
    (_, index) => `<sitemap><loc>${xmlEscape(`${root}/sitemap-${index + 1}.xml`)}</loc></sitemap>\n`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="${NAMESPACE}">\n${entries.join('')}</sitemapindex>\n`;
}
