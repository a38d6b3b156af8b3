/**
 * One size of database, measured: the app started twice (page cache off, then on), each time
 * every path of issue 11 at the same load, between two runs of the baseline.
 */
import { spawnSync } from 'node:child_process';
import type { BenchData } from './database.js';
import { measure, probe, type LoadOptions, type LoadResult } from './load.js';
import { pathOfPage } from './pages.js';
import { freePort, ROOT, RssSampler, startChild, type Child } from './processes.js';
import type { ScaleResults, TargetRow } from './report.js';

export interface AppOptions {
  smtpUrl: string;
  /** PAGE_CACHE_SECONDS: '0' for off, undefined for the app's default. */
  pageCacheSeconds?: string;
  env?: Record<string, string>;
}

let built = false;

/** What `npm start` runs: dist/, built first when it is missing or older than the sources. */
function buildOnce(): void {
  if (built) return;
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('npm run build failed: the app cannot be measured');
  built = true;
}

export async function startApp(data: BenchData, options: AppOptions): Promise<Child> {
  buildOnce();
  const port = await freePort();
  return startChild({
    name: 'Tilts',
    script: 'dist/src/server.js',
    port,
    healthPath: '/healthz',
    env: {
      ...data.appEnv,
      NODE_ENV: 'production',
      // As `npm start` sets it: see README, Operations.
      MALLOC_ARENA_MAX: '2',
      SECRET: 'bench-secret-not-for-production-use',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      // As production runs: one JSON line per request (LOG_LEVEL's default), read by this process.
      LOG_LEVEL: 'info',
      INBOUND_SMTP_PORT: '0',
      SEED_DEMO: 'no',
      // The multiplied reports go back years: retention would anonymise them while pages are measured.
      REPORT_RETENTION_DAYS: '36500',
      SMTP_URL: options.smtpUrl,
      ...(options.pageCacheSeconds === undefined ? {} : { PAGE_CACHE_SECONDS: options.pageCacheSeconds }),
      ...options.env,
    },
  });
}

export function mean(a: LoadResult, b: LoadResult): LoadResult {
  return {
    requestsPerSecond: (a.requestsPerSecond + b.requestsPerSecond) / 2,
    p99Ms: Math.max(a.p99Ms, b.p99Ms),
    p50Ms: (a.p50Ms + b.p50Ms) / 2,
    requests: a.requests + b.requests,
    non2xx: a.non2xx + b.non2xx,
    errors: a.errors + b.errors,
  };
}

const GOALS = {
  home: { ratio: 0.8, p99Ms: 50 },
  list: { ratio: 0.6, p99Ms: 50 },
  report: { ratio: 0.6, p99Ms: 50 },
};

/** Every path of the issue on one running app, each with its warm-up and measured run. */
async function measurePaths(
  app: Child,
  data: BenchData,
  load: LoadOptions,
  sampler: RssSampler,
  phase: string,
  log: (line: string) => void,
): Promise<TargetRow[]> {
  const { parish, status } = data.busiest;
  const filtered = `/reports?parish=${parish}&status=${status}`;
  const rows: TargetRow[] = [];
  const run = async (label: string, path: string, paths: string[], goal: TargetRow['goal']) => {
    const answer = await probe(app.url, paths[0]!);
    if (answer !== 200) {
      rows.push({ label, path, goal, result: { unavailable: `${paths[0]} answers ${answer}` } });
      return;
    }
    log(`  ${phase}: ${path}…`);
    sampler.mark(`${phase} ${label}`);
    rows.push({ label, path, goal, result: await measure(app.url, paths, load) });
  };
  await run('home', '/', ['/'], GOALS.home);
  for (const [label, first] of [
    ['list', '/reports'],
    ['filtered list', filtered],
  ] as const) {
    await run(label, first, [first], GOALS.list);
    // Page 50 as the list's own links reach it (offsets or keyset cursors alike).
    const fifty = await pathOfPage(app.url, first, 50);
    if ('unavailable' in fifty)
      rows.push({ label: `${label} page 50`, path: `${first} page 50`, goal: GOALS.list, result: fifty });
    else await run(`${label} page 50`, `${fifty.path} (page 50)`, [fifty.path], GOALS.list);
  }
  await run(
    'report',
    `/reports/:ref (${data.refs.length.toLocaleString('en')} refs in turn)`,
    data.refs.map((ref) => `/reports/${ref}`),
    GOALS.report,
  );
  return rows;
}

/**
 * The baseline, the app with its page cache off and then on, the baseline again. `during` runs on
 * the app with the cache on before it stops (page weights, Lighthouse, the upload: they need one).
 */
export async function measureScale(options: {
  data: BenchData;
  baseline: Child;
  load: LoadOptions;
  smtpUrl: string;
  log: (line: string) => void;
  during?: (app: Child, sampler: RssSampler) => Promise<void>;
}): Promise<ScaleResults> {
  const { data, baseline, load, log } = options;
  log(`measuring the baseline (${data.reports.toLocaleString('en')} reports)…`);
  const before = await measure(baseline.url, ['/fortunes'], load);
  const results: Partial<ScaleResults> = {};
  const peaks: Record<string, number> = {};
  let maxMb = 0;
  for (const cache of ['off', 'on'] as const) {
    log(`starting Tilts with the page cache ${cache}…`);
    const app = await startApp(data, {
      smtpUrl: options.smtpUrl,
      pageCacheSeconds: cache === 'off' ? '0' : undefined,
    });
    const sampler = new RssSampler(app.pid);
    try {
      const rows = await measurePaths(app, data, load, sampler, `cache ${cache}`, log);
      if (cache === 'off') results.cacheOff = rows;
      else {
        results.cacheOn = rows;
        await options.during?.(app, sampler);
      }
    } finally {
      sampler.stop();
      await app.stop();
    }
    for (const [phase, mb] of sampler.peaks) peaks[phase] = mb;
    maxMb = Math.max(maxMb, sampler.max);
  }
  log('measuring the baseline again (the machine may be shared)…');
  const after = await measure(baseline.url, ['/fortunes'], load);
  log(
    `baseline runs: ${Math.round(before.requestsPerSecond)} and ${Math.round(after.requestsPerSecond)} req/s`,
  );
  return {
    reports: data.reports,
    seedSeconds: data.seedMs === null ? null : data.seedMs / 1000,
    multiplySeconds: data.multiplyMs === null ? null : data.multiplyMs / 1000,
    baseline: mean(before, after),
    cacheOff: results.cacheOff ?? [],
    cacheOn: results.cacheOn ?? [],
    rss: { maxMb, byPhase: peaks },
  };
}
