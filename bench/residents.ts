/**
 * The residents' load as a figure of `npm run bench`, and on its own:
 *
 *   npx tsx bench/residents.ts      # BENCH_ENGINE, BENCH_DATABASE_URL, BENCH_REPORTS (100,000),
 *                                   # BENCH_RESIDENTS (50), BENCH_LOAD_SECONDS (60)
 */
import { pathToFileURL } from 'node:url';
import { cleanUp, cleanups } from './cleanup.js';
import { prepareBenchData, type BenchData } from './database.js';
import { LIMITS_NOTE, LOAD_APP_ENV, missingRows, phoneJpegs, residentsLoad } from './load-residents.js';
import { RssSampler } from './processes.js';
import type { LoadFigures } from './report.js';
import { startApp } from './scale.js';
import { setting } from './settings.js';
import { startSmtpSink } from './smtp-sink.js';

/** 50 residents submitting reports with photos for 60 s on a new app, then every accepted one looked up. */
export async function residentsFigures(
  data: BenchData,
  smtpUrl: string,
  log: (line: string) => void,
): Promise<LoadFigures> {
  const photos = await phoneJpegs();
  log(`starting Tilts for the residents' load (${LIMITS_NOTE})…`);
  const app = await startApp(data, { smtpUrl, env: LOAD_APP_ENV });
  const sampler = new RssSampler(app.pid, 100);
  let result;
  try {
    const residents = setting('BENCH_RESIDENTS', 50);
    const seconds = setting('BENCH_LOAD_SECONDS', 60);
    log(`${residents} residents submitting reports for ${seconds} s…`);
    result = await residentsLoad(app.url, { residents, durationSeconds: seconds, photos });
    // The outbox and the photo work may still be busy: a moment for memory to show its peak.
    await new Promise((resolve) => setTimeout(resolve, 2000));
  } finally {
    sampler.stop();
    await app.stop();
  }
  // After the app stopped: a PGlite directory admits one process.
  const check = await data.withDatabase((knex) =>
    missingRows(async (emails) => {
      const found: string[] = [];
      for (let at = 0; at < emails.length; at += 1000) {
        const some = emails.slice(at, at + 1000).map((email) => email.toLowerCase());
        found.push(
          ...((await knex('reports')
            .whereRaw('lower(reporter_email) = any(?)', [some])
            .pluck('reporter_email')) as string[]),
        );
      }
      return found;
    }, result),
  );
  const { acceptedEmails: _emails, ...figures } = result;
  return {
    ...figures,
    reportsInDatabase: check.rows,
    missing: check.missing,
    peakRssMb: sampler.max,
    limits: LIMITS_NOTE,
  };
}

async function main() {
  const log = (line: string) => console.log(line);
  const data = await prepareBenchData({
    engine: process.env.BENCH_ENGINE === 'pglite' ? 'pglite' : 'postgres',
    databaseUrl: process.env.BENCH_DATABASE_URL,
    reports: setting('BENCH_REPORTS', 100_000),
    log,
  });
  cleanups.push(() => data.cleanup());
  const smtp = await startSmtpSink();
  cleanups.push(() => smtp.stop());
  const figures = await residentsFigures(data, smtp.url, log);
  console.log(JSON.stringify(figures, null, 2));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main()
    .catch((error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exitCode = 1;
    })
    .finally(() => cleanUp());
}
