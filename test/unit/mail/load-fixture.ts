import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseInboundMail } from '../../../src/mail/inbound/inbound-mail.js';
import type { InboundMail } from '../../../src/mail/inbound/inbound-mail.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/mail/', import.meta.url));

/** The address every fixture is sent to; its signature is a placeholder. */
export const PLACEHOLDER_ADDRESS = 'r-rzn-2026-00042-aaaaaaaaaaaaaaaa@tilts.example.org';

export function readFixture(name: string): Buffer {
  return readFileSync(`${FIXTURES}${name}`);
}

/**
 * The raw fixture, with the placeholder reply address in its header section replaced by `to`
 * (keeping the fixture's letter case, which some fixtures shout on purpose). Bodies are left
 * alone: quoted copies of the address are what a real reply contains anyway.
 */
export function rawFixture(name: string, options: { to?: string } = {}): Buffer {
  const raw = readFixture(name).toString('latin1');
  if (options.to === undefined) return Buffer.from(raw, 'latin1');
  const to = options.to;
  const headerEnd = raw.search(/\r?\n\r?\n/);
  const head = raw
    .slice(0, headerEnd)
    .replace(new RegExp(PLACEHOLDER_ADDRESS.replaceAll('.', '\\.'), 'gi'), (found) =>
      found === found.toUpperCase() ? to.toUpperCase() : to,
    );
  return Buffer.from(head + raw.slice(headerEnd), 'latin1');
}

export function parseFixture(name: string, options: { to?: string } = {}): Promise<InboundMail> {
  return parseInboundMail(rawFixture(name, options));
}
