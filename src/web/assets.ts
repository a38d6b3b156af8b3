import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** What we serve, by extension; anything else under the folders is not a static file of ours. */
const TYPES: Readonly<Record<string, { type: string; compressible: boolean }>> = {
  '.css': { type: 'text/css; charset=utf-8', compressible: true },
  '.js': { type: 'text/javascript; charset=utf-8', compressible: true },
  '.map': { type: 'application/json; charset=utf-8', compressible: true },
  '.json': { type: 'application/json; charset=utf-8', compressible: true },
  '.svg': { type: 'image/svg+xml', compressible: true },
  '.txt': { type: 'text/plain; charset=utf-8', compressible: true },
  '.png': { type: 'image/png', compressible: false },
  '.ico': { type: 'image/x-icon', compressible: true },
  '.woff2': { type: 'font/woff2', compressible: false },
};

/** `site.3f9a1c2b.css` → `site.css` with hash `3f9a1c2b`. */
const HASHED = /^(.+)\.([0-9a-f]{8})(\.[A-Za-z0-9]+)$/;

export type Encoding = 'br' | 'gzip';

export interface Asset {
  /** The path under /static without a hash, e.g. `css/site.css`. */
  readonly name: string;
  readonly body: Buffer;
  readonly hash: string;
  readonly type: string;
  readonly compressible: boolean;
  readonly mtimeMs: number;
  /** Compressed once, at the highest quality, on first demand; undefined when it would not be smaller. */
  readonly encoded: Partial<Record<Encoding, Promise<Buffer | undefined>>>;
}

/** A folder served under a prefix of /static: our public/ at the root, npm packages under vendor/. */
export interface AssetRoot {
  prefix: string;
  dir: string;
}

export function assetRoots(rootDir: string): AssetRoot[] {
  return [
    { prefix: 'vendor/leaflet/', dir: path.join(rootDir, 'node_modules/leaflet/dist') },
    { prefix: 'vendor/markercluster/', dir: path.join(rootDir, 'node_modules/leaflet.markercluster/dist') },
    { prefix: '', dir: path.join(rootDir, 'public') },
  ];
}

/**
 * The static files, each read, hashed and kept in memory when first asked for, and compressed
 * (brotli 11, gzip 9) when first asked for in that encoding. Nothing is done at start-up: start
 * time stays what it was, and a file nobody asks for (the source maps) costs nothing. The first
 * request for leaflet.js waits for its brotli once (a few hundred milliseconds, off the event loop
 * in zlib's thread pool); every later one is a lookup. With `watch` (a developer's machine) a file
 * is stat'ed on every use and read again when it changed, so an edit shows on reload with a new hash.
 */
export class AssetStore {
  private readonly assets = new Map<string, Asset>();

  constructor(
    private readonly roots: readonly AssetRoot[],
    private readonly options: { watch: boolean },
  ) {}

  /** The file behind a name such as `css/site.css`, or undefined when it is not one we serve. */
  get(name: string): Asset | undefined {
    const known = this.assets.get(name);
    if (known && !this.options.watch) return known;
    const file = this.fileOf(name);
    if (!file) return undefined;
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return undefined;
    }
    if (!stat.isFile()) return undefined;
    if (known && known.mtimeMs === stat.mtimeMs) return known;
    const body = fs.readFileSync(file);
    const kind = TYPES[path.extname(name).toLowerCase()]!;
    const asset: Asset = {
      name,
      body,
      hash: createHash('sha256').update(body).digest('hex').slice(0, 8),
      type: kind.type,
      compressible: kind.compressible,
      mtimeMs: stat.mtimeMs,
      encoded: {},
    };
    this.assets.set(name, asset);
    return asset;
  }

  /** The URL with the content hash, e.g. `/static/css/site.3f9a1c2b.css`; throws for a file we do not have. */
  url(name: string): string {
    const asset = this.get(name);
    if (!asset) throw new Error(`No static file ${name}`);
    const ext = path.extname(name);
    return `/static/${name.slice(0, -ext.length)}.${asset.hash}${ext}`;
  }

  /**
   * What a path under /static asks for: the asset and whether the URL names its current content
   * (then it may be cached for ever). An unhashed path, or an old hash from HTML cached before a
   * deploy, still gets the current file, with a short cache.
   */
  lookup(urlPath: string): { asset: Asset; current: boolean } | undefined {
    const match = HASHED.exec(urlPath);
    if (match) {
      const asset = this.get(`${match[1]}${match[3]}`);
      if (asset && asset.hash === match[2]) return { asset, current: true };
    }
    const literal = this.get(urlPath);
    if (literal) return { asset: literal, current: false };
    const stale = match ? this.get(`${match[1]}${match[3]}`) : undefined;
    return stale ? { asset: stale, current: false } : undefined;
  }

  /** The body in that encoding, compressed once; undefined when compressing does not pay. */
  encoded(asset: Asset, encoding: Encoding): Promise<Buffer | undefined> {
    if (!asset.compressible || asset.body.length < 256) return Promise.resolve(undefined);
    const held = asset.encoded[encoding];
    if (held) return held;
    const made = (
      encoding === 'br'
        ? brotli(asset.body, {
            params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: asset.body.length,
              [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
            },
          })
        : gzip(asset.body, { level: zlib.constants.Z_BEST_COMPRESSION })
    ).then((buffer) => (buffer.length < asset.body.length ? buffer : undefined));
    asset.encoded[encoding] = made;
    return made;
  }

  /** The file a name stands for, only inside one of the roots and only of a type we serve. */
  private fileOf(name: string): string | undefined {
    if (!TYPES[path.extname(name).toLowerCase()]) return undefined;
    if (name.split('/').some((part) => part === '' || part === '.' || part === '..' || part.startsWith('.')))
      return undefined;
    const root = this.roots.find((candidate) => name.startsWith(candidate.prefix));
    if (!root) return undefined;
    const file = path.join(root.dir, name.slice(root.prefix.length));
    return file.startsWith(root.dir + path.sep) ? file : undefined;
  }
}

/** Shared by every app built on the same folders (the tests build many): files are read once. */
const stores = new Map<string, AssetStore>();

export function assetStore(rootDir: string, options: { watch: boolean }): AssetStore {
  const key = `${rootDir} ${options.watch}`;
  let store = stores.get(key);
  if (!store) {
    store = new AssetStore(assetRoots(rootDir), options);
    stores.set(key, store);
  }
  return store;
}
