/**
 * Email providers that many residents of the novads use: a ban of one of these domains would hold
 * the reports of thousands of people, so the page that asks before a domain ban says so loudly.
 */
export const PUBLIC_PROVIDERS: ReadonlySet<string> = new Set([
  'gmail.com',
  'googlemail.com',
  'inbox.lv',
  'one.lv',
  'apollo.lv',
  'tvnet.lv',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'yahoo.com',
  'icloud.com',
  'me.com',
  'mail.ru',
  'bk.ru',
  'list.ru',
  'inbox.ru',
  'yandex.ru',
  'yandex.com',
  'rambler.ru',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'gmx.net',
]);

/** Whether a banned domain (or one of its parents) is a public email provider. */
export function isPublicProvider(domain: string): boolean {
  const parts = domain.toLowerCase().replace(/^@/, '').split('.');
  for (let i = 0; i < parts.length - 1; i++) if (PUBLIC_PROVIDERS.has(parts.slice(i).join('.'))) return true;
  return false;
}
