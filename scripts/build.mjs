// Builds Tilts into dist/ with the project's own TypeScript (tsc -p tsconfig.build.json).
//
//   node scripts/build.mjs              a clean, full build (npm run build)
//   node scripts/build.mjs --if-stale   only when dist/ is missing or older than the sources (npm start)
//   node scripts/build.mjs --out-dir D  into another folder (the production-build test)
//
// Plain JavaScript, so it runs before anything is compiled. A finished build leaves a stamp file
// whose time is the moment the build began: a source saved while tsc ran is newer than the stamp,
// so the next start builds again.
import { spawnSync } from 'node:child_process';
import console from 'node:console';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** What the build is made from: a change to any of them (or a file added or removed) rebuilds. */
export const SOURCES = ['src', 'migrations', 'seeds', 'tsconfig.json', 'tsconfig.build.json'];
export const STAMP = '.build-stamp';
export const ENTRY = path.join('src', 'server.js');
const LOCK = '.build-lock';
/** tsc's exit code when it reported errors but wrote every file (noEmitOnError is off). */
const TSC_EMITTED_WITH_ERRORS = 2;

/**
 * Why a build in `outDir` must be made again, or null when it is up to date. Pure: the caller
 * reads the times. `stampMs` is the stamp's mtime (undefined when there is none), `newest` the
 * newest file or folder among the sources (a folder's time changes when a file is added,
 * removed or renamed in it).
 *
 * @param {{ stampMs: number | undefined; entryExists: boolean; newest: { file: string; mtimeMs: number } | undefined }} state
 * @returns {string | null}
 */
export function staleReason({ stampMs, entryExists, newest }) {
  if (!entryExists) return `there is no ${ENTRY} yet`;
  if (stampMs === undefined) return 'the last build did not finish';
  if (newest && newest.mtimeMs > stampMs) return `${newest.file} changed since the last build`;
  return null;
}

/**
 * The newest file or folder among `entries` (paths relative to `root`), walking folders.
 *
 * @param {string} root
 * @param {readonly string[]} entries
 * @returns {{ file: string; mtimeMs: number } | undefined}
 */
export function newestSource(root, entries = SOURCES) {
  /** @type {{ file: string; mtimeMs: number } | undefined} */
  let newest;
  /** @param {string} relative */
  const visit = (relative) => {
    let stat;
    try {
      stat = fs.statSync(path.join(root, relative));
    } catch {
      return;
    }
    if (!newest || stat.mtimeMs > newest.mtimeMs) newest = { file: relative, mtimeMs: stat.mtimeMs };
    if (stat.isDirectory())
      for (const name of fs.readdirSync(path.join(root, relative))) visit(path.join(relative, name));
  };
  for (const entry of entries) visit(entry);
  return newest;
}

/**
 * @param {string} outDir absolute
 * @returns {string | null}
 */
export function buildState(outDir) {
  let stampMs;
  try {
    stampMs = fs.statSync(path.join(outDir, STAMP)).mtimeMs;
  } catch {
    stampMs = undefined;
  }
  return staleReason({
    stampMs,
    entryExists: fs.existsSync(path.join(outDir, ENTRY)),
    newest: newestSource(ROOT),
  });
}

/** @returns {string | undefined} the path of tsc, or undefined without the dev dependencies */
function findTsc() {
  try {
    return createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    return undefined;
  }
}

/**
 * Runs tsc into `outDir` and stamps it. `clean` empties the folder first (no leftovers of removed
 *
 * sources); otherwise tsc builds incrementally from its .tsbuildinfo. With `allowTypeErrors`, a
 * build that tsc wrote in full despite type errors (its exit code 2) counts as made, as tsx ran
 * such code before.
 *
 * @param {{ outDir: string; clean: boolean; tsc: string; allowTypeErrors: boolean }} options
 * @returns {number} tsc's exit code
 */
export function build({ outDir, clean, tsc, allowTypeErrors }) {
  const began = new Date();
  const buildInfo = path.join(outDir, '.tsbuildinfo');
  const stamp = path.join(outDir, STAMP);
  if (clean)
    for (const name of fs.readdirSync(outDir))
      if (name !== LOCK) fs.rmSync(path.join(outDir, name), { recursive: true, force: true });
      // tsc trusts its build info: with files gone from outDir it would not write them again.
      else if (!fs.existsSync(path.join(outDir, ENTRY))) fs.rmSync(buildInfo, { force: true });
  fs.rmSync(stamp, { force: true });
  const result = spawnSync(
    process.execPath,
    [tsc, '-p', 'tsconfig.build.json', '--outDir', outDir, '--tsBuildInfoFile', buildInfo],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (result.status !== 0 && !(allowTypeErrors && result.status === TSC_EMITTED_WITH_ERRORS))
    return result.status ?? 1;
  fs.writeFileSync(stamp, `built from ${path.relative(outDir, ROOT) || '.'} at ${began.toISOString()}\n`);
  fs.utimesSync(stamp, began, began);
  return 0;
}

/** @param {number} ms */
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * One build at a time per folder (two `npm start`s at once, a test beside a start): the lock file
 * holds the builder's pid, and a lock whose process is gone is taken over.
 *
 * @param {string} outDir
 * @returns {() => void} releases the lock
 */
function lock(outDir) {
  const file = path.join(outDir, LOCK);
  let told = false;
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
    }
    /** @type {number} */
    let holder;
    /** @type {number} */
    let ageMs;
    try {
      holder = Number(fs.readFileSync(file, 'utf8'));
      ageMs = Date.now() - fs.statSync(file).mtimeMs;
    } catch {
      continue; // released meanwhile
    }
    if (Number.isInteger(holder) && holder > 0 ? !isAlive(holder) : ageMs > 10_000) {
      fs.rmSync(file, { force: true });
      continue;
    }
    if (!told) console.error(`Tilts: waiting for another build into ${outDir} (pid ${holder})…`);
    told = true;
    sleep(500);
  }
}

/** @param {number} pid */
function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
  }
}

function main() {
  const args = process.argv.slice(2);
  const ifStale = args.includes('--if-stale');
  const outIndex = args.indexOf('--out-dir');
  const outDir = path.resolve(ROOT, outIndex >= 0 ? (args[outIndex + 1] ?? '') : 'dist');
  // A clean build empties outDir: never the project or a folder holding it.
  if (outIndex >= 0 && (!args[outIndex + 1] || !path.relative(outDir, ROOT).startsWith('..'))) {
    console.error(`--out-dir must name a folder, not the project or a folder above it (${outDir})`);
    return 2;
  }
  if (ifStale && buildState(outDir) === null) return 0;
  fs.mkdirSync(outDir, { recursive: true });
  const release = lock(outDir);
  try {
    return buildInto(outDir, ifStale);
  } finally {
    release();
  }
}

/**
 * @param {string} outDir
 * @param {boolean} ifStale
 * @returns {number} the exit code
 */
function buildInto(outDir, ifStale) {
  // Asked again under the lock: a build that just finished beside us leaves nothing to do.
  const reason = ifStale ? buildState(outDir) : 'asked to';
  if (reason === null) return 0;
  const tsc = findTsc();
  if (!tsc) {
    if (ifStale && fs.existsSync(path.join(outDir, ENTRY))) {
      console.error(
        `Tilts: the build in ${outDir} looks out of date (${reason}), and TypeScript is not installed ` +
          'to build it again (an install with --omit=dev); starting the build that is there.',
      );
      return 0;
    }
    console.error(
      `Tilts: there is no build in ${outDir}, and TypeScript, which makes it, is not ` +
        'installed (an install with --omit=dev leaves it out). Build where the dev dependencies are ' +
        'installed (npm ci && npm run build), then npm prune --omit=dev; or install without --omit=dev.',
    );
    return 1;
  }
  const started = Date.now();
  console.error(`Tilts: building into ${path.relative(ROOT, outDir) || '.'} (${reason})…`);
  const allowTypeErrors = ifStale || process.argv.includes('--allow-type-errors');
  const code = build({ outDir, clean: !ifStale, tsc, allowTypeErrors });
  if (code === TSC_EMITTED_WITH_ERRORS && allowTypeErrors)
    console.error(
      'Tilts: the code has type errors (above; npm run typecheck lists them); it was built anyway.',
    );
  else if (code !== 0) {
    console.error(`Tilts: the build failed (tsc exited with ${code}).`);
    return code;
  }
  console.error(`Tilts: built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  process.exitCode = main();
