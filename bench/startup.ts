import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { embeddedDatabaseDir } from '../src/db/knex.js';
import { freePort, ROOT, rssMb } from './processes.js';

export type StartMode = 'tsx' | 'compiled';
export interface StartupFigure {
  mode: StartMode;
  /** From spawning node until /healthz first answers 200. */
  startMs: number;
  /** Resident memory after serving a few pages. */
  rssMb: number;
}

const PAGES = ['/', '/reports', '/reports/new', '/map', '/statistics', '/help'];
const COMMANDS: Record<StartMode | 'prepare', string[]> = {
  tsx: ['--import', 'tsx', 'src/server.ts'],
  compiled: ['dist/src/server.js'],
  prepare: ['dist/src/server.js'],
};

async function startOnce(mode: StartMode | 'prepare', env: Record<string, string>): Promise<StartupFigure> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, COMMANDS[mode], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      // As `npm start` runs it (README, "Operations").
      MALLOC_ARENA_MAX: '2',
      ...env,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  try {
    let startMs: number;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${mode} exited with ${child.exitCode}:\n${output}`);
      const ok = await fetch(`${url}/healthz`).then(
        (res) => res.ok,
        () => false,
      );
      if (ok) {
        startMs = performance.now() - started;
        break;
      }
      if (performance.now() - started > 300_000)
        throw new Error(`${mode} did not answer /healthz:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    for (const page of PAGES) await (await fetch(url + page)).arrayBuffer();
    return { mode: mode === 'prepare' ? 'compiled' : mode, startMs, rssMb: rssMb(child.pid!) ?? NaN };
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 8000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/**
 * Starts the server from TypeScript through tsx (src/) and compiled (dist/, built first if it is
 * missing or stale, not timed), each with `env` (its database, NODE_ENV…), and measures the time
 * until /healthz answers and the RSS after a few pages. One untimed compiled start goes first, so
 * both timed starts find the schema and reference data in place.
 */
export async function startupFigures(env: Record<string, string>): Promise<StartupFigure[]> {
  const built = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error(`the build failed (exit ${built.status})`);
  await startOnce('prepare', env);
  const figures: StartupFigure[] = [];
  for (const mode of ['tsx', 'compiled'] as const) figures.push(await startOnce(mode, env));
  return figures;
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-startup-'));
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    INBOUND_SMTP_PORT: '0',
    SEED_DEMO: 'no',
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
  };
  try {
    // initdb of a new PGlite folder is done first: on a loaded machine it outlasts knex's wait
    // for a connection, and it is a one-time cost, not a start-up's.
    if (!env.DATABASE_URL) {
      const pglite = new PGlite(embeddedDatabaseDir(dataDir));
      await pglite.waitReady;
      await pglite.close();
    }
    const figures = await startupFigures(env);
    console.log(`\nstart-up on ${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'PGlite'}`);
    console.log('mode       start (ms)  RSS (MB)');
    for (const { mode, startMs, rssMb } of figures)
      console.log(`${mode.padEnd(10)} ${startMs.toFixed(0).padStart(10)}  ${rssMb.toFixed(0).padStart(8)}`);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
