/**
 * Figures that used to be time limits inside tests (issue 11: "tests that measure nothing are
 * benchmarks"). The tests still check the behaviour; how long it takes is printed here:
 * - a 40,000 × 40,000 PNG (a decompression bomb of 2 KB) refused from its header
 *   (test/unit/uploads/photo-processor.test.ts asserted < 500 ms);
 * - one 12-megapixel phone JPEG processed (decoded, rotated, resized, thumbnail);
 * - 20 demo reports seeded into a fresh database (test/integration/demo-seed.test.ts asserted < 20 s);
 * - the server from start to its first `/healthz` 200, and from SIGTERM to its exit
 *   (test/integration/server.test.ts asserted the stop < 5 s).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedDemo } from '../seeds/demo.js';
import { LocalDiskStorage } from '../src/uploads/storage.js';
import { seedReference } from '../seeds/reference.js';
import { createDatabase } from '../src/db/knex.js';
import { migrateLatest } from '../src/db/migrate.js';
import { processPhoto } from '../src/uploads/photo-processor.js';
import { pngDeclaring } from '../test/unit/uploads/crafted-images.js';
import { freePort, startChild } from './processes.js';

export interface Timing {
  name: string;
  ms: number | null;
  /** What the test used to assert, or a note. */
  note: string;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** The best of `runs`: the figure the code can reach, less the noise of a shared machine. */
async function best(runs: number, fn: () => Promise<unknown>): Promise<number> {
  let min = Infinity;
  for (let i = 0; i < runs; i++) min = Math.min(min, await timed(fn));
  return min;
}

async function serverStartStop(): Promise<{ startMs: number; stopMs: number }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-bench-start-'));
  try {
    const started = performance.now();
    const server = await startChild({
      name: 'Tilts',
      script: 'src/server.ts',
      port: await freePort(),
      healthPath: '/healthz',
      env: { DATA_DIR: dataDir, SEED_DEMO: 'no', LOG_LEVEL: 'warn', INBOUND_SMTP_PORT: '0' },
    });
    const startMs = performance.now() - started;
    const exited = new Promise<void>((resolve) => server.process.once('exit', () => resolve()));
    const stopping = performance.now();
    server.process.kill('SIGTERM');
    await exited;
    return { startMs, stopMs: performance.now() - stopping };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Each figure on its own, so one that cannot run says why and the others still print. */
export async function timings(photo: Buffer, log: (line: string) => void): Promise<Timing[]> {
  const out: Timing[] = [];
  const attempt = async (name: string, note: string, fn: () => Promise<number>) => {
    log(`timing: ${name}…`);
    try {
      out.push({ name, ms: await fn(), note });
    } catch (error) {
      out.push({ name, ms: null, note: `failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  };
  const bomb = pngDeclaring(40_000, 40_000);
  await attempt('40,000 × 40,000 PNG refused from its header (best of 5)', 'was a test bound of 500 ms', () =>
    best(5, () => processPhoto(bomb).catch(() => undefined)),
  );
  await attempt(`one 12 MP JPEG of ${(photo.length / 1e6).toFixed(1)} MB processed (best of 3)`, '', () =>
    best(3, () => processPhoto(photo)),
  );
  const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-bench-seed-'));
  await attempt(
    '20 demo reports seeded into a fresh embedded database',
    'was a test bound of 20 s',
    async () => {
      const database = createDatabase({});
      try {
        await migrateLatest(database.knex);
        await seedReference(database.knex);
        return await timed(() =>
          seedDemo(database.knex, { count: 20, storage: new LocalDiskStorage(uploadDir), photos: 'few' }),
        );
      } finally {
        await database.close();
        fs.rmSync(uploadDir, { recursive: true, force: true });
      }
    },
  );
  let server: { startMs: number; stopMs: number } | undefined;
  await attempt('server start to /healthz (tsx, embedded, no demo)', '', async () => {
    server = await serverStartStop();
    return server.startMs;
  });
  if (server)
    out.push({ name: 'server SIGTERM to exit', ms: server.stopMs, note: 'was a test bound of 5 s' });
  return out;
}
