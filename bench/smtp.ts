/**
 * `npm run bench:smtp`: the SMTP door of Tilts on this machine, over loopback. How many parish
 * replies per second it accepts and applies from 10 concurrent senders, and how much a 25 MB (and
 * a refused 30 MB) message raises the server's memory. See bench/README.md. Prints figures, never
 * pass/fail; exits non-zero only when something could not run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDatabase } from '../src/db/knex.js';
import { MAX_INBOUND_BYTES } from '../src/inbound/smtp-receiver.js';
import { freePort, ROOT, RssSampler, startChild, type Child } from './processes.js';
import { startSmtpSink } from './smtp-sink.js';
import { cleanUp, cleanups } from './cleanup.js';
import { setting } from './settings.js';
import { openDatabase, PUBLIC_URL, SECRET, seed, verify } from './smtp/data.js';
import { AUTHSERV_ID, replies, withAttachment } from './smtp/messages.js';
import { fmt, MB, print, TARGET_PER_SECOND, TARGET_RSS_MB } from './smtp/print.js';
import { bigMessage, sendAll, waitForSink } from './smtp/send.js';

const engine = process.env.BENCH_ENGINE === 'pglite' ? 'pglite' : 'postgres';
const REPORTS = setting('BENCH_REPORTS', 100);
const MESSAGES = setting('BENCH_MESSAGES', 1000);
const SENDERS = setting('BENCH_SENDERS', 10);
const WARMUP = Math.min(50, MESSAGES);
/** A directory for `node --cpu-prof` of the app, when set. */
const CPU_PROF = process.env.BENCH_CPU_PROF;
const log = (line: string) => console.log(line);

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-bench-smtp-'));
  cleanups.push(() => Promise.resolve(fs.rmSync(work, { recursive: true, force: true })));
  const dataDir = path.join(work, 'app');

  log(`creating ${REPORTS} routed reports (${engine === 'pglite' ? 'PGlite' : 'PostgreSQL'})…`);
  const { database, appEnv } = await openDatabase(engine, work);
  const seedStart = performance.now();
  const { targets, outbox } = await seed(database, dataDir, REPORTS).finally(() => database.close());
  log(
    `  ${targets.length} reports in ${fmt((performance.now() - seedStart) / 1000, 1)} s, ${outbox} emails queued`,
  );

  log(`composing ${fmt(WARMUP)} warm-up and ${fmt(MESSAGES)} measured replies, and the big messages…`);
  const warmup = await replies(targets, WARMUP, 'warmup');
  const measured = await replies(targets, MESSAGES, 'bench');
  const big = await withAttachment(targets[0]!, 'big-25@bench.example.org', MAX_INBOUND_BYTES - 256 * 1024);
  const huge = await withAttachment(targets[1 % targets.length]!, 'huge-30@bench.example.org', 30 * MB);

  log('starting Tilts (NODE_ENV=production) with its SMTP door…');
  const sink = await startSmtpSink();
  cleanups.push(() => sink.stop());
  const smtpPort = await freePort();
  let app: Child;
  try {
    app = await startChild({
      name: 'Tilts',
      script: 'src/server.ts',
      port: await freePort(),
      healthPath: '/healthz',
      ...(CPU_PROF ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${path.resolve(CPU_PROF)}`] } : {}),
      env: {
        ...appEnv,
        NODE_ENV: 'production',
        SECRET,
        PUBLIC_URL,
        INBOUND_SMTP_PORT: String(smtpPort),
        INBOUND_AUTH: `header:${AUTHSERV_ID}`,
        // One sending address (this machine) hands over every message of the run.
        INBOUND_SMTP_PER_IP_HOUR: '100000',
        SEED_DEMO: 'no',
        LOG_LEVEL: 'warn',
        SMTP_URL: sink.url,
      },
    });
  } catch (error) {
    console.error(`Tilts did not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
    return;
  }
  let appStopped = false;
  const stopApp = async () => {
    if (appStopped) return;
    appStopped = true;
    await app.stop();
  };
  cleanups.push(stopApp);
  const sampler = new RssSampler(app.pid, 50);
  cleanups.push(() => Promise.resolve(sampler.stop()));

  // The routing emails of the seeded reports go out first, so they are not sent during the run.
  log(`letting the outbox send the ${outbox} emails of the new reports…`);
  await waitForSink(sink, outbox, 120_000);
  log(`  ${sink.received()} sent`);

  log(`warming up (${WARMUP} replies)…`);
  sampler.mark('warm-up');
  const warm = await sendAll(smtpPort, warmup, SENDERS);
  if (warm.failures.length === warm.messages) {
    throw new Error(`every warm-up reply was refused, e.g. ${warm.failures[0]?.response}\n${app.output()}`);
  }
  log(`sending ${fmt(MESSAGES)} replies from ${SENDERS} concurrent senders…`);
  sampler.mark('replies');
  const burst = await sendAll(smtpPort, measured, SENDERS);
  sampler.mark('after replies');
  // Let the outbox send the residents' update emails, so the memory figures start from quiet.
  log('letting the outbox send the update emails to the reporters…');
  await waitForSink(sink, Infinity, 60_000);
  log(`  ${sink.received() - outbox} sent`);

  log(`sending one ${fmt(big.raw.length / MB, 1)} MB reply (the limit is ${MAX_INBOUND_BYTES / MB} MB)…`);
  const big25 = await bigMessage({ app, port: smtpPort, sampler, phase: '25 MB message', message: big });
  log(`sending one ${fmt(huge.raw.length / MB, 1)} MB reply, without announcing its size…`);
  const huge30 = await bigMessage({ app, port: smtpPort, sampler, phase: '30 MB message', message: huge });
  sampler.stop();
  const output = app.output();
  await stopApp();

  const check =
    engine === 'pglite' ? createDatabase({ dataDir }) : createDatabase({ databaseUrl: appEnv.DATABASE_URL });
  const verified = await verify(check, {
    replies: measured.map((message) => message.id),
    big: big.id,
    huge: huge.id,
  }).finally(() => check.close());

  const results = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadAverage: os.loadavg(),
    },
    engine: engine === 'postgres' ? 'PostgreSQL' : 'PGlite (embedded)',
    reports: targets.length,
    warmup: { ...warm, failures: warm.failures.length },
    replies: { ...burst, failures: burst.failures.slice(0, 20), failureCount: burst.failures.length },
    database: verified,
    memory: { big25, huge30, maxMb: sampler.max, byPhase: Object.fromEntries(sampler.peaks) },
    targets: { repliesPerSecond: TARGET_PER_SECOND, rssIncreaseMb: TARGET_RSS_MB },
  };
  print(results);
  if (burst.failures.length > 0) {
    log('\nrefused replies (first few):');
    for (const failure of burst.failures.slice(0, 5)) log(`  ${failure.id}: ${failure.response}`);
  }
  if (verified.notApplied.length > 0) {
    log('\nreplies not applied (first few):');
    for (const row of verified.notApplied) log(`  ${row.message_id}: ${row.outcome} ${row.detail ?? ''}`);
  }
  const errors = output.split('\n').filter((line) => /"level":(50|60)/.test(line));
  if (errors.length > 0) log(`\nthe app logged ${errors.length} errors, e.g.\n  ${errors[0]!.slice(0, 400)}`);

  const file = path.join(ROOT, 'bench', 'results', 'smtp-latest.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  log(`\nwritten to ${path.relative(process.cwd(), file)}`);
  if (CPU_PROF) log(`CPU profile of the app in ${path.resolve(CPU_PROF)}`);
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  })
  .finally(() => cleanUp());
