/**
 * Lighthouse (npm lighthouse@12.2.3, the last to run on Node 20) in its default mobile preset
 * (a mid-range phone on a slow 4G link, simulated) against Debian's Chromium, which this script
 * starts itself with a DevTools port. Prints the performance score of each page, the median of
 * BENCH_LIGHTHOUSE_RUNS runs (3), with every run's, and the accessibility score.
 *
 *   npx tsx bench/lighthouse.ts http://localhost:3000 [/reports/RZN-…]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS, firstReportPath } from './weights.js';

export interface LighthouseScore {
  path: string;
  /** The median performance score of the runs (Lighthouse's own advice for a score that varies). */
  performance: number;
  /** Every run's performance score, in the order they ran. */
  runs: number[];
  accessibility?: number;
}

/**
 * Runs per page (BENCH_LIGHTHOUSE_RUNS): one score moves by ten points with what else the machine
 * does at that moment; the median of three does not move that much.
 */
const RUNS = Math.max(1, Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3) || 3);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : Math.round((sorted[middle - 1]! + sorted[middle]!) / 2);
};

/** Chromium with a DevTools port of its own choosing, read from what it prints at start. */
async function startChromium(): Promise<{ port: number; stop: () => Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-lighthouse-'));
  const child: ChildProcess = spawn(
    process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    [...CHROMIUM_ARGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'],
    // Its own process group, so stopping it stops its helper processes too.
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start: ${seen}`)), 30_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`Chromium exited (${code}): ${seen}`)));
  });
  child.stderr!.resume();
  return {
    port,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        try {
          process.kill(-child.pid!, 'SIGTERM');
          await exited;
        } catch {
          // The group was gone already (ESRCH): the browser exited between the check and the kill.
        }
      }
      // A helper process may still be writing to the profile when the browser has exited (ENOTEMPTY
      // once lost a whole run's scores twice): removal is tried again for a while, and a profile
      // that still cannot be removed is left in the temporary directory, said, rather than failing
      // the scores already taken.
      try {
        fs.rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 });
      } catch (error) {
        console.warn(`Lighthouse's Chromium profile left at ${profile}: ${(error as Error).message}`);
      }
    },
  };
}

/**
 * One Lighthouse run; a run whose trace went wrong (NO_NAVSTART, NO_FCP: this Chromium is newer
 * than Lighthouse 12.2 knows, and a busy machine makes it worse) is tried again, up to three times.
 */
async function audit(port: number, url: string) {
  let failure = '';
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const result = await lighthouse(url, {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
    });
    if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
    if (!result.lhr.runtimeError) return result.lhr;
    failure = `${result.lhr.runtimeError.code}: ${result.lhr.runtimeError.message}`;
  }
  throw new Error(`Lighthouse on ${url}: ${failure}`);
}

export async function lighthouseScores(baseUrl: string, paths: string[]): Promise<LighthouseScore[]> {
  const chromium = await startChromium();
  try {
    const scores: LighthouseScore[] = [];
    for (const page of paths) {
      const runs: number[] = [];
      let accessibility: number | null | undefined;
      for (let run = 0; run < RUNS; run += 1) {
        const { categories } = await audit(chromium.port, new URL(page, baseUrl).href);
        runs.push(Math.round((categories.performance?.score ?? 0) * 100));
        accessibility = categories.accessibility?.score;
      }
      scores.push({
        path: page,
        performance: median(runs),
        runs,
        ...(typeof accessibility === 'number' ? { accessibility: Math.round(accessibility * 100) } : {}),
      });
    }
    return scores;
  } finally {
    await chromium.stop();
  }
}

/** The main public pages: home, list, form, one report and the map. */
export const lighthousePaths = (reportPath: string) => ['/', '/reports', '/reports/new', reportPath, '/map'];

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const baseUrl = process.argv[2] ?? 'http://localhost:3000';
  const reportPath = process.argv[3] ?? (await firstReportPath(baseUrl));
  const scores = await lighthouseScores(baseUrl, lighthousePaths(reportPath));
  console.log(`${'page'.padEnd(28)} performance  accessibility  runs`);
  for (const score of scores)
    console.log(
      `${score.path.padEnd(28)} ${String(score.performance).padStart(11)}  ${String(score.accessibility ?? '–').padStart(13)}  ${score.runs.join(', ')}`,
    );
}
