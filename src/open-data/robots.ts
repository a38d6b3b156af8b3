/*
 * What crawlers may read. Every private page is protected by its token or a staff session, not by
 * this file; it only keeps crawlers off links that act or would show a private page if one ever
 * leaked into a search engine (a token in a path or in `?token=`, a photo's `?sig=`).
 */
const DISALLOWED = [
  '/staff',
  '/dev/',
  '/inbound/',
  '/actions/',
  '/reports/confirm/',
  '/reports/*/fixed/',
  '/reports/*/withdraw',
  '/reports/*/actions',
  '/reports/*/abuse',
  '/subscriptions/',
  '/unsubscribe/',
  '/alerts/confirm/',
  '/alerts/unsubscribe/',
  '/help/offers/',
  '/help/matches/',
  '/uploads/',
  '/*?token=',
  '/*&token=',
  // A photo's signed link: a private report's photo, shown to whoever holds it.
  '/*?sig=',
  '/*&sig=',
];

export function robotsTxt(root: string): string {
  return [
    'User-agent: *',
    'Allow: /',
    ...DISALLOWED.map((path) => `Disallow: ${path}`),
    '',
    `Sitemap: ${root}/sitemap.xml`,
    '',
  ].join('\n');
}
