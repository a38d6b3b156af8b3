import zlib from 'node:zlib';
import Negotiator from 'negotiator';
import type { Request, Response } from 'express';
import { COMPRESS_FROM_BYTES } from '../web/compression.js';
import type { Scope } from './rules.js';

/*
 * A kept page as the cache holds it, and how it is sent: compressed as the visitor accepts, each
 * encoding and its ETag made once and kept with the page.
 */

type Encoding = 'br' | 'gzip';

export interface Entry {
  /** The page as UTF-8: half the memory of the page as a string, and outside the JavaScript heap. */
  body: Buffer;
  contentType: string;
  /** The route's own Cache-Control (the map's pins say browsers may keep them a minute). */
  cacheControl: string | undefined;
  storedAt: number;
  scopes: Scope[];
  /** The body compressed, each encoding made the first time a visitor asks for it. */
  encoded: Partial<Record<Encoding, Buffer>>;
  /** Each representation's ETag, made once (Express would hash the page again on every hit). */
  etags: Partial<Record<Encoding | 'identity', string>>;
}

// A kept page is compressed once and sent many times: brotli 6 (a fresh page gets 4, made per request).
const ENCODERS: Record<Encoding, (body: Buffer) => Buffer> = {
  br: (body) =>
    zlib.brotliCompressSync(body, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 6,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      },
    }),
  gzip: (body) => zlib.gzipSync(body, { level: 6 }),
};

/** What an entry takes in memory, near enough. */
export const entryBytes = (entry: Entry) =>
  entry.body.length + (entry.encoded.br?.length ?? 0) + (entry.encoded.gzip?.length ?? 0);

/** A kept page, compressed as the visitor accepts (each encoding made once and kept with it). */
export function sendKept(req: Request, res: Response, entry: Entry) {
  res.status(200).type(entry.contentType);
  if (entry.cacheControl) res.set('Cache-Control', entry.cacheControl);
  res.vary('Accept-Encoding');
  const accepted = entry.body.length >= COMPRESS_FROM_BYTES ? acceptedEncoding(req) : undefined;
  const encoding = accepted === 'br' || accepted === 'gzip' ? accepted : 'identity';
  const body =
    encoding === 'identity' ? entry.body : (entry.encoded[encoding] ??= ENCODERS[encoding](entry.body));
  if (encoding !== 'identity') res.set('Content-Encoding', encoding);
  // The ETag Express would make for these bytes (it makes none when one is set).
  const etagOf = req.app.get('etag fn') as ((body: Buffer) => string) | undefined;
  if (etagOf) res.set('ETag', (entry.etags[encoding] ??= etagOf(body)));
  res.send(body);
}

/** The types of negotiator 1.x omit the `preferred` option its encodings() takes. */
type ChooseEncoding = (
  available: readonly string[],
  options: { preferred: readonly string[] },
) => string | undefined;

/**
 * The encoding the client accepts, brotli before gzip when it accepts both equally, as the
 * compression middleware chooses for a fresh page (Express's acceptsEncodings would take the
 * client's order, and browsers list gzip first).
 */
function acceptedEncoding(req: Request): string | undefined {
  const negotiator = new Negotiator(req);
  const choose = negotiator.encoding.bind(negotiator) as unknown as ChooseEncoding;
  return choose(['br', 'gzip', 'identity'], { preferred: ['br', 'gzip'] });
}
