/**
 * `npm run bench`: Tilts beside a TechEmpower-style baseline on this machine, over loopback.
 * See bench/README.md for what it does and how to read it. Prints figures, never pass/fail;
 * exits non-zero only when something could not run (the app did not start, the database failed).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanUp, cleanups } from './cleanup.js';
import { prepareBenchData, type BenchData } from './database.js';
import type { LoadOptions } from './load.js';
import { phoneJpegs } from './load-residents.js';
import { optionalFigures } from './optional.js';
import { freePort, ROOT, startChild, type Child, type RssSampler } from './processes.js';
import { printResults, writeResults, type BenchResults, type ScaleResults } from './report.js';
import { residentsFigures } from './residents.js';
import { measureScale } from './scale.js';
import { setting } from './settings.js';
import { startSmtpSink } from './smtp-sink.js';
import { timings } from './timings.js';
import { postReportWithPhotos, twelveMegapixelJpegs, type UploadResult } from './upload.js';

const RSS_LIMIT_MB = 400;

const engine = process.env.BENCH_ENGINE === 'pglite' ? 'pglite' : 'postgres';
const load: LoadOptions = {
  connections: setting('BENCH_CONNECTIONS', 20),
  durationSeconds: setting('BENCH_DURATION', 10),
  warmupSeconds: setting('BENCH_WARMUP', 3),
};
const log = (line: string) => console.log(line);
/** Parts to leave out while working on the bench: upload,load,weights,lighthouse,startup,timings. */
const skip = new Set((process.env.BENCH_SKIP ?? '').split(',').map((part) => part.trim()));

/** BENCH_SCALES=100000,1000000; or one size by BENCH_REPORTS; by default both on PostgreSQL. */
function scales(): number[] {
  const list = process.env.BENCH_SCALES;
  if (list === undefined) {
    if (process.env.BENCH_REPORTS !== undefined) return [setting('BENCH_REPORTS', 100_000)];
    return engine === 'postgres' ? [100_000, 1_000_000] : [100_000];
  }
  const sizes = list.split(',').map((part) => Number(part.trim()));
  if (sizes.some((size) => !Number.isInteger(size) || size <= 0))
    throw new Error('BENCH_SCALES must be positive whole numbers separated by commas');
  return sizes.sort((a, b) => a - b);
}

type Weights = BenchResults['weights'];
type Lighthouse = BenchResults['lighthouse'];
type Startup = BenchResults['startup'][string];

/** What needs an app but no load of its own: run on the cache-on app of the first size. */
class Extras {
  upload: UploadResult | { skipped: string } = { skipped: 'BENCH_SKIP' };
  weights: Weights = { available: false, reason: 'skipped (BENCH_SKIP)' };
  lighthouse: Lighthouse = { available: false, reason: 'skipped (BENCH_SKIP)' };

  constructor(private readonly data: BenchData) {}

  async run(app: Child, sampler: RssSampler): Promise<void> {
    const reportPath = `/reports/${this.data.refs[0] ?? ''}`;
    if (!skip.has('upload')) {
      log('drawing five 12-megapixel photos and posting a report with them…');
      const photos = await twelveMegapixelJpegs();
      sampler.mark('upload');
      this.upload = await postReportWithPhotos(app.url, photos);
    }
    if (!skip.has('weights')) {
      log('page weights…');
      this.weights = await optionalFigures('weights.js', 'pageWeights', [app.url, reportPath]);
    }
    if (!skip.has('lighthouse')) {
      log('Lighthouse…');
      this.lighthouse = await optionalFigures('lighthouse.js', 'lighthouseScores', [
        app.url,
        ['/', '/reports', '/reports/new', reportPath, '/map'],
      ]);
    }
  }
}

/** Start-up time and RSS, compiled and through tsx, on both engines (engine D's bench/startup.ts). */
async function startup(data: BenchData): Promise<Record<string, Startup>> {
  if (skip.has('startup')) return { both: { available: false, reason: 'skipped (BENCH_SKIP)' } };
  const figures: Record<string, Startup> = {};
  if (data.engine === 'postgres') {
    log('start-up on PostgreSQL…');
    figures.PostgreSQL = await optionalFigures('startup.js', 'startupFigures', [{ ...data.appEnv }]);
  } else figures.PostgreSQL = { available: false, reason: 'run with BENCH_ENGINE=postgres' };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-bench-startup-'));
  try {
    log('start-up on PGlite…');
    figures.PGlite = await optionalFigures('startup.js', 'startupFigures', [
      { DATA_DIR: dir, SEED_DEMO: 'no' },
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

async function main(): Promise<void> {
  const sizes = scales();
  const data = await prepareBenchData({
    engine,
    databaseUrl: process.env.BENCH_DATABASE_URL,
    reports: sizes[0]!,
    log,
  });
  cleanups.push(() => data.cleanup());
  const smtp = await startSmtpSink();
  cleanups.push(() => smtp.stop());
  const baseline = await startChild({
    name: 'baseline',
    script: 'bench/baseline.ts',
    port: await freePort(),
    healthPath: '/fortunes',
    env: { ...data.baselineEnv, NODE_ENV: 'production' },
  });
  cleanups.push(() => baseline.stop());

  const extras = new Extras(data);
  const measured: ScaleResults[] = [];
  for (const [index, size] of sizes.entries()) {
    if (index > 0) await data.grow(size);
    measured.push(
      await measureScale({
        data,
        baseline,
        load,
        smtpUrl: smtp.url,
        log,
        during: index === 0 ? (app, sampler) => extras.run(app, sampler) : undefined,
      }),
    );
  }
  const loadFigures = skip.has('load')
    ? { skipped: 'BENCH_SKIP' }
    : await residentsFigures(data, smtp.url, log);
  const startupFigures = await startup(data);
  const photo = (await phoneJpegs(1))[0]!;
  const timed = skip.has('timings') ? [] : await timings(photo, log);

  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadAverage: os.loadavg(),
    },
    engine: data.engine === 'postgres' ? 'PostgreSQL' : 'PGlite (embedded)',
    settings: load,
    scales: measured,
    upload: extras.upload,
    load: loadFigures,
    weights: extras.weights,
    lighthouse: extras.lighthouse,
    startup: startupFigures,
    timings: timed,
    rssLimitMb: RSS_LIMIT_MB,
  };
  printResults(results, log);
  // latest.json is the last run of either engine; the engine's own file keeps each side by side.
  const files = ['latest.json', `latest-${data.engine}.json`].map((name) =>
    path.join(ROOT, 'bench', 'results', name),
  );
  for (const file of files) writeResults(results, file);
  log(`\nwritten to ${files.map((file) => path.relative(process.cwd(), file)).join(' and ')}`);
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  })
  .finally(() => cleanUp());
