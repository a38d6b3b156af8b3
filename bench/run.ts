/**
 * `npm run bench`: Tilts beside a TechEmpower-style baseline on this machine, over loopback.
 * See bench/README.md for what it does and how to read it. Prints figures, never pass/fail;
 * exits non-zero only when something could not run (the app did not start, the database failed).
 */
import os from 'node:os';
import path from 'node:path';
import { prepareBenchData, type BenchData } from './database.js';
import { measure, probe, type LoadOptions, type LoadResult } from './load.js';
import { freePort, ROOT, RssSampler, startChild, type Child } from './processes.js';
import { printResults, writeResults, type BenchResults, type TargetRow } from './report.js';
import { startSmtpSink } from './smtp-sink.js';
import { postReportWithPhotos, twelveMegapixelJpegs } from './upload.js';
import { cleanUp, cleanups } from './cleanup.js';
import { setting } from './settings.js';

const RSS_LIMIT_MB = 400;

const engine = process.env.BENCH_ENGINE === 'pglite' ? 'pglite' : 'postgres';
const load: LoadOptions = {
  connections: setting('BENCH_CONNECTIONS', 20),
  durationSeconds: setting('BENCH_DURATION', 10),
  warmupSeconds: setting('BENCH_WARMUP', 3),
};
const log = (line: string) => console.log(line);

async function startApp(data: BenchData, smtpUrl: string): Promise<Child> {
  const port = await freePort();
  return startChild({
    name: 'Tilts',
    script: 'src/server.ts',
    port,
    healthPath: '/healthz',
    env: {
      ...data.appEnv,
      NODE_ENV: 'production',
      SECRET: 'bench-secret-not-for-production-use',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
      INBOUND_SMTP_PORT: '0',
      SEED_DEMO: 'no',
      SMTP_URL: smtpUrl,
    },
  });
}

async function target(
  app: Child,
  sampler: RssSampler,
  row: Omit<TargetRow, 'result'>,
  paths: string[],
): Promise<TargetRow> {
  const status = await probe(app.url, paths[0]!);
  if (status !== 200) return { ...row, result: { unavailable: `${paths[0]} answers ${status}` } };
  log(`measuring ${row.path}…`);
  sampler.mark(row.label);
  return { ...row, result: await measure(app.url, paths, load) };
}

function mean(a: LoadResult, b: LoadResult): LoadResult {
  return {
    requestsPerSecond: (a.requestsPerSecond + b.requestsPerSecond) / 2,
    p99Ms: Math.max(a.p99Ms, b.p99Ms),
    p50Ms: (a.p50Ms + b.p50Ms) / 2,
    requests: a.requests + b.requests,
    non2xx: a.non2xx + b.non2xx,
    errors: a.errors + b.errors,
  };
}

async function main(): Promise<void> {
  const data = await prepareBenchData({
    engine,
    databaseUrl: process.env.BENCH_DATABASE_URL,
    reports: setting('BENCH_REPORTS', 100_000),
    log,
  });
  cleanups.push(() => data.cleanup());

  log('starting Tilts (NODE_ENV=production) and the baseline…');
  const smtp = await startSmtpSink();
  cleanups.push(() => smtp.stop());
  let app: Child;
  try {
    app = await startApp(data, smtp.url);
  } catch (error) {
    console.error(`Tilts did not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
    return;
  }
  cleanups.push(() => app.stop());
  const sampler = new RssSampler(app.pid);
  cleanups.push(() => Promise.resolve(sampler.stop()));
  const baseline = await startChild({
    name: 'baseline',
    script: 'bench/baseline.ts',
    port: await freePort(),
    healthPath: '/fortunes',
    env: { ...data.baselineEnv, NODE_ENV: 'production' },
  });
  cleanups.push(() => baseline.stop());

  log('drawing five 12-megapixel photos…');
  const photos = await twelveMegapixelJpegs();

  log('measuring the baseline…');
  const before = await measure(baseline.url, ['/fortunes'], load);
  const { parish, status } = data.busiest;
  const list = `/reports?parish=${parish}&status=${status}`;
  const targets: TargetRow[] = [];
  targets.push(await target(app, sampler, { label: 'home', path: '/', goal: { ratio: 0.7 } }, ['/']));
  targets.push(
    await target(app, sampler, { label: 'list', path: list, goal: { ratio: 0.5, p99Ms: 50 } }, [list]),
  );
  targets.push(
    await target(
      app,
      sampler,
      { label: 'list page 50', path: `${list}&page=50`, goal: { ratio: 0.5, p99Ms: 50 } },
      [`${list}&page=50`],
    ),
  );
  targets.push(
    await target(
      app,
      sampler,
      {
        label: 'report',
        path: `/reports/:ref (${data.refs.length.toLocaleString('en')} refs in turn)`,
        goal: { ratio: 0.6 },
      },
      data.refs.map((ref) => `/reports/${ref}`),
    ),
  );
  log('measuring the baseline again (the machine may be shared)…');
  const after = await measure(baseline.url, ['/fortunes'], load);

  log('posting a report with five 12-megapixel JPEGs…');
  sampler.mark('upload');
  const upload = await postReportWithPhotos(app.url, photos);
  sampler.mark('after');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  sampler.stop();

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
    reports: data.reports,
    seedSeconds: data.seedMs === null ? null : data.seedMs / 1000,
    settings: load,
    baseline: mean(before, after),
    targets,
    upload,
    rss: { maxMb: sampler.max, byPhase: Object.fromEntries(sampler.peaks), limitMb: RSS_LIMIT_MB },
  };
  log(
    `baseline runs: ${Math.round(before.requestsPerSecond)} and ${Math.round(after.requestsPerSecond)} req/s`,
  );
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
