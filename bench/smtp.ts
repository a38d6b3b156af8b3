/**
 * `npm run bench:smtp`: the SMTP door of Tilts on this machine, over loopback. How many parish
 * replies per second it accepts and applies from 10 concurrent senders, and how much a 25 MB (and
 * a refused 30 MB) message raises the server's memory. See bench/README.md. Prints figures, never
 * pass/fail; exits non-zero only when something could not run.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import pg from 'pg';
import { pino } from 'pino';
import { seedReference } from '../seeds/reference.js';
import { loadConfig } from '../src/config.js';
import { createDatabase, type Database } from '../src/db/knex.js';
import { migrateLatest } from '../src/db/migrate.js';
import { MAX_INBOUND_BYTES } from '../src/inbound/smtp-receiver.js';
import { createI18n } from '../src/i18n/index.js';
import { Outbox } from '../src/mail/outbox.js';
import { EmailRenderer } from '../src/mail/renderer.js';
import { Signer } from '../src/security/signing.js';
import { createServices } from '../src/services.js';
import { freePort, ROOT, rssMb, RssSampler, startChild, type Child } from './processes.js';
import { startSmtpSink } from './smtp-sink.js';
import { cleanUp, cleanups } from './cleanup.js';
import { setting } from './settings.js';

const SERVER = 'postgres://postgres@127.0.0.1:5432';
const DATABASE = 'tilts_bench_smtp';
const SECRET = 'bench-smtp-secret-not-for-production-use';
const PUBLIC_URL = 'http://tilts.bench';
// The mail server in front has checked each reply's sender (INBOUND_AUTH=header:…), as in
// production; the bench has no DNS to check DKIM against itself.
const AUTHSERV_ID = 'mx.bench.example.org';
const MB = 1024 * 1024;
const TARGET_PER_SECOND = 50;
const TARGET_RSS_MB = 100;

const engine = process.env.BENCH_ENGINE === 'pglite' ? 'pglite' : 'postgres';
const REPORTS = setting('BENCH_REPORTS', 100);
const MESSAGES = setting('BENCH_MESSAGES', 1000);
const SENDERS = setting('BENCH_SENDERS', 10);
const WARMUP = Math.min(50, MESSAGES);
/** A directory for `node --cpu-prof` of the app, when set. */
const CPU_PROF = process.env.BENCH_CPU_PROF;
const log = (line: string) => console.log(line);

/** A report the benchmark answers, with the address its parish clerk replies to. */
interface Target {
  ref: string;
  title: string;
  from: string;
  replyAddress: string;
}

// ---------------------------------------------------------------------------------------------
// Data: a fresh database with routed reports, made by the real services before the app starts
// (an embedded database admits one process at a time).

async function openDatabase(work: string): Promise<{ database: Database; appEnv: Record<string, string> }> {
  const dataDir = path.join(work, 'app');
  if (engine === 'pglite') {
    return { database: createDatabase({ dataDir }), appEnv: { DATA_DIR: dataDir } };
  }
  const admin = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${DATABASE} with (force)`);
    await admin.query(`create database ${DATABASE}`);
  } finally {
    await admin.end();
  }
  cleanups.push(async () => {
    const client = new pg.Client({ connectionString: `${SERVER}/postgres` });
    await client.connect();
    await client.query(`drop database if exists ${DATABASE} with (force)`);
    await client.end();
  });
  const url = `${SERVER}/${DATABASE}`;
  return { database: createDatabase({ databaseUrl: url }), appEnv: { DATABASE_URL: url, DATA_DIR: dataDir } };
}

async function seed(database: Database, dataDir: string): Promise<{ targets: Target[]; outbox: number }> {
  const { knex } = database;
  await migrateLatest(knex);
  await seedReference(knex);
  // Seeding sends nothing itself: the SMTP server is only named because a real installation has one.
  const config = loadConfig({
    NODE_ENV: 'test',
    PUBLIC_URL,
    SECRET,
    DATA_DIR: dataDir,
    SMTP_URL: 'smtp://127.0.0.1:1',
  });
  const services = await createServices({
    config,
    knex,
    logger: pino({ level: 'silent' }),
    // The outbox as the server builds it: every email rendered, as confirming a report does.
    mail: new Outbox({
      renderer: new EmailRenderer({ i18n: await createI18n(), publicUrl: config.publicUrl }),
      publicUrl: config.publicUrl,
      mailFrom: config.mailFrom,
    }),
  });
  const parishes = (await knex('parishes').orderBy('code').pluck('code')) as string[];
  const signer = new Signer(SECRET);
  const targets: Target[] = [];
  for (let i = 0; i < REPORTS; i++) {
    const report = await services.reports.create(
      {
        categoryCode: 'roads',
        parishCode: parishes[i % parishes.length]!,
        title: `Bedre ceļā pie pieturas nr. ${i + 1}`,
        description: 'Liela bedre pie autobusa pieturas, pēc lietus pilna ar ūdeni.\nGrūti izbraukt.',
        location: `Skolas iela ${i + 1}`,
        lat: null,
        lon: null,
        name: 'Jānis Bērziņš',
        email: `reporter.${i + 1}@example.lv`,
        phone: null,
        showName: false,
        language: 'lv',
      },
      [],
    );
    const token = signer.expiring('confirm-report', String(report.id), new Date(Date.now() + 86_400_000));
    const confirmed = await services.reports.confirm(token);
    if (confirmed.outcome !== 'confirmed')
      throw new Error(`report ${report.ref} not confirmed: ${confirmed.outcome}`);
    const recipients = await services.routing.recipients(report.id);
    const clerk = recipients.find((recipient) => recipient.role === 'parish_admin') ?? recipients[0];
    if (!clerk) throw new Error(`report ${report.ref} has no recipients`);
    targets.push({
      ref: report.ref,
      title: report.title,
      from: clerk.email,
      replyAddress: services.links.replyAddress(report.ref, clerk.email),
    });
  }
  const [{ n }] = (await knex('outbox').count({ n: '*' })) as [{ n: number | string }];
  return { targets, outbox: Number(n) };
}

// ---------------------------------------------------------------------------------------------
// Messages: what a parish clerk's mail client sends, composed before the clock starts.

const SENTENCES = [
  'Darbi sāksies rīt no rīta, brigāde būs uz vietas ap plkst. 8.',
  'Paldies par ziņu, nodevām ceļu dienestam.',
  'Bedri aizbērsim šonedēļ, kad būs sauss laiks.',
  'Apskatījām, vajadzīgs jauns asfalts; to ieklās pavasarī.',
];

function compose(options: {
  target: Target;
  messageId: string;
  word: string;
  sentence: string;
  attachment?: { filename: string; content: Buffer };
}): Promise<Buffer> {
  const { target } = options;
  const original = [
    `Jauns ziņojums ${target.ref}: ${target.title}`,
    'Kategorija: Ceļi un ielas',
    'Liela bedre pie autobusa pieturas, pēc lietus pilna ar ūdeni.',
    '',
    'Atbildiet uz šo e-pastu; vārds sākumā maina statusu: #saņemts, #procesā, #atrisināts.',
  ];
  const text = [
    `${options.word}${options.sentence}`,
    '',
    'Ar cieņu,',
    'pagasta pārvalde',
    '',
    `2026. gada 23. novembrī 10:15 Tilts <tilts@rezeknesnovads.example.org> rakstīja:`,
    ...original.map((line) => (line ? `> ${line}` : '>')),
  ].join('\n');
  const mail = new MailComposer({
    from: { name: 'Pagasta pārvalde', address: target.from },
    to: target.replyAddress,
    subject: `Re: [${target.ref}] ${target.title}`,
    messageId: `<${options.messageId}>`,
    inReplyTo: `<${target.ref.toLowerCase()}.notice@rezeknesnovads.example.org>`,
    date: new Date(),
    headers: {
      'Authentication-Results': `${AUTHSERV_ID}; dmarc=pass header.from=${target.from.slice(target.from.indexOf('@') + 1)}`,
    },
    text,
    ...(options.attachment
      ? { attachments: [{ ...options.attachment, contentType: 'application/octet-stream' }] }
      : {}),
  });
  return new Promise((resolve, reject) =>
    mail.compile().build((error, message) => (error ? reject(error) : resolve(message))),
  );
}

interface Outgoing {
  id: string;
  from: string;
  to: string;
  raw: Buffer;
}

async function replies(targets: Target[], count: number, prefix: string): Promise<Outgoing[]> {
  const messages: Outgoing[] = [];
  for (let k = 0; k < count; k++) {
    const target = targets[k % targets.length]!;
    const round = Math.floor(k / targets.length);
    // acknowledged ⇄ in progress are valid both ways, in any order the senders deliver them; every
    // fifth round is a plain comment with no status word.
    const word = round % 5 === 4 ? '' : round % 2 === 0 ? '#saņemts ' : '#procesā ';
    const id = `${prefix}-${k}@bench.example.org`;
    messages.push({
      id,
      from: target.from,
      to: target.replyAddress,
      raw: await compose({ target, messageId: id, word, sentence: SENTENCES[k % SENTENCES.length]! }),
    });
  }
  return messages;
}

// ---------------------------------------------------------------------------------------------
// Sending: each sender is one SMTP connection that sends its messages one after another.

function transport(port: number) {
  return nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: 1,
    maxMessages: Infinity,
    socketTimeout: 120_000,
  });
}

interface SendOutcome {
  ms: number;
  ok: boolean;
  response: string;
  responseCode?: number;
  command?: string;
}

async function sendOne(sender: ReturnType<typeof transport>, message: Outgoing): Promise<SendOutcome> {
  const start = performance.now();
  try {
    const info = await sender.sendMail({
      envelope: { from: message.from, to: [message.to] },
      raw: message.raw,
    });
    return { ms: performance.now() - start, ok: true, response: String(info.response) };
  } catch (error) {
    const failure = error as { message?: string; responseCode?: number; command?: string; response?: string };
    return {
      ms: performance.now() - start,
      ok: false,
      response: failure.response ?? failure.message ?? String(error),
      ...(failure.responseCode === undefined ? {} : { responseCode: failure.responseCode }),
      ...(failure.command === undefined ? {} : { command: failure.command }),
    };
  }
}

async function sendAll(port: number, messages: Outgoing[], senders: number) {
  const transports = Array.from({ length: senders }, () => transport(port));
  const latencies: number[] = [];
  const failures: { id: string; response: string }[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    transports.map(async (sender) => {
      while (next < messages.length) {
        const message = messages[next++]!;
        const result = await sendOne(sender, message);
        latencies.push(result.ms);
        if (!result.ok) failures.push({ id: message.id, response: result.response });
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  for (const sender of transports) sender.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    messages: messages.length,
    senders,
    seconds,
    perSecond: messages.length / seconds,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: latencies.at(-1) ?? 0,
    failures,
  };
}

// ---------------------------------------------------------------------------------------------
// Memory: RSS just before one big message, and its peak while the message is sent and handled.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function steadyRss(pid: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 10; i++) {
    samples.push(rssMb(pid) ?? 0);
    await sleep(100);
  }
  return samples.sort((a, b) => a - b)[5]!;
}

async function bigMessage(options: {
  app: Child;
  port: number;
  sampler: RssSampler;
  phase: string;
  message: Outgoing;
}) {
  const { app, sampler, phase, message } = options;
  await sleep(1000);
  const beforeMb = await steadyRss(app.pid);
  const sender = nodemailer.createTransport({
    host: '127.0.0.1',
    port: options.port,
    secure: false,
    ignoreTLS: true,
    socketTimeout: 120_000,
  });
  sampler.mark(phase);
  const result = await sendOne(sender, message);
  await sleep(500);
  sampler.mark(`after ${phase}`);
  sender.close();
  const peakMb = sampler.peaks.get(phase) ?? beforeMb;
  const afterMb = await steadyRss(app.pid);
  return {
    bytes: message.raw.length,
    ms: result.ms,
    accepted: result.ok,
    response: result.response.trim(),
    ...(result.responseCode === undefined ? {} : { responseCode: result.responseCode }),
    ...(result.command === undefined ? {} : { refusedAt: result.command }),
    beforeMb,
    peakMb,
    increaseMb: peakMb - beforeMb,
    afterMb,
  };
}

/** Random bytes whose base64 (76-character lines) makes a message of about `messageBytes`. */
async function withAttachment(target: Target, id: string, messageBytes: number): Promise<Outgoing> {
  const content = randomBytes(Math.floor(((messageBytes - 4096) * 3 * 76) / (4 * 78)));
  const raw = await compose({
    target,
    messageId: id,
    word: '',
    sentence: 'Pielikumā tāme un rasējums (liels fails).',
    attachment: { filename: 'tame.bin', content },
  });
  return { id, from: target.from, to: target.replyAddress, raw };
}

// ---------------------------------------------------------------------------------------------

/** After the app stopped (PGlite admits one process): what the inbound table says of our messages. */
async function verify(database: Database, ids: { replies: string[]; big: string; huge: string }) {
  const { knex } = database;
  const rows = (await knex('inbound_messages')
    .whereIn('message_id', ids.replies)
    .groupBy('outcome')
    .select('outcome', knex.raw('count(*)::int as n'))) as { outcome: string; n: number }[];
  const outcomes = Object.fromEntries(rows.map((row) => [row.outcome, Number(row.n)]));
  const notApplied = (await knex('inbound_messages')
    .whereIn('message_id', ids.replies)
    .whereNot({ outcome: 'applied' })
    .limit(10)
    .select('message_id', 'outcome', 'detail')) as {
    message_id: string;
    outcome: string;
    detail: string | null;
  }[];
  const big = (await knex('inbound_messages').where({ message_id: ids.big }).first('outcome')) as
    { outcome: string } | undefined;
  const huge = (await knex('inbound_messages').where({ message_id: ids.huge }).first('outcome')) as
    { outcome: string } | undefined;
  const [{ n: updates }] = (await knex('report_updates').where({ channel: 'email' }).count({ n: '*' })) as [
    { n: number | string },
  ];
  return {
    expected: ids.replies.length,
    applied: outcomes.applied ?? 0,
    outcomes,
    notApplied,
    emailUpdates: Number(updates),
    bigOutcome: big?.outcome ?? null,
    hugeStored: huge !== undefined,
  };
}

const fmt = (value: number, digits = 0) =>
  value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-bench-smtp-'));
  cleanups.push(() => Promise.resolve(fs.rmSync(work, { recursive: true, force: true })));
  const dataDir = path.join(work, 'app');

  log(`creating ${REPORTS} routed reports (${engine === 'pglite' ? 'PGlite' : 'PostgreSQL'})…`);
  const { database, appEnv } = await openDatabase(work);
  const seedStart = performance.now();
  const { targets, outbox } = await seed(database, dataDir).finally(() => database.close());
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

/** Waits until the sink has `count` emails (or, with Infinity, none came for two seconds). */
async function waitForSink(sink: { received: () => number }, count: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let last = sink.received();
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    const now = sink.received();
    if (now >= count) return;
    if (now !== last) {
      last = now;
      quietSince = Date.now();
    } else if (count === Infinity && Date.now() - quietSince > 2000) return;
    await sleep(200);
  }
}

function print(results: {
  engine: string;
  reports: number;
  machine: { cpus: number; loadAverage: number[] };
  replies: {
    messages: number;
    senders: number;
    seconds: number;
    perSecond: number;
    p50Ms: number;
    p99Ms: number;
    maxMs: number;
    failureCount: number;
  };
  database: { expected: number; applied: number; bigOutcome: string | null; hugeStored: boolean };
  memory: {
    big25: Awaited<ReturnType<typeof bigMessage>>;
    huge30: Awaited<ReturnType<typeof bigMessage>>;
  };
}) {
  const { replies: r, database: d, memory: m } = results;
  const rows: [string, string, string][] = [
    [
      `replies/s (${r.senders} senders, ${fmt(r.messages)} replies)`,
      fmt(r.perSecond, 1),
      `≥ ${TARGET_PER_SECOND}`,
    ],
    ['wall time', `${fmt(r.seconds, 2)} s`, ''],
    [
      'latency per reply p50 / p99 / max',
      `${fmt(r.p50Ms)} / ${fmt(r.p99Ms)} / ${fmt(r.maxMs)} ms`,
      '(to read)',
    ],
    ['refused by the door', fmt(r.failureCount), '0'],
    ['applied in the database', `${fmt(d.applied)} of ${fmt(d.expected)}`, 'all'],
    [
      `${fmt(m.big25.bytes / MB, 1)} MB reply: answer`,
      m.big25.accepted ? `250, ${d.bigOutcome ?? 'not stored'}` : m.big25.response.slice(0, 40),
      '250, applied',
    ],
    [`${fmt(m.big25.bytes / MB, 1)} MB reply: time`, `${fmt(m.big25.ms)} ms`, ''],
    [
      `${fmt(m.big25.bytes / MB, 1)} MB reply: RSS increase`,
      `+${fmt(m.big25.increaseMb)} MB (${fmt(m.big25.beforeMb)} → ${fmt(m.big25.peakMb)})`,
      `≤ ${TARGET_RSS_MB} MB`,
    ],
    [
      `${fmt(m.huge30.bytes / MB, 1)} MB reply: answer`,
      m.huge30.accepted
        ? 'accepted (!)'
        : `${m.huge30.responseCode ?? '?'} at ${m.huge30.refusedAt ?? '?'}${d.hugeStored ? ', stored (!)' : ''}`,
      '552, not stored',
    ],
    [
      `${fmt(m.huge30.bytes / MB, 1)} MB reply: RSS increase`,
      `+${fmt(m.huge30.increaseMb)} MB (${fmt(m.huge30.beforeMb)} → ${fmt(m.huge30.peakMb)})`,
      `≤ ${TARGET_RSS_MB} MB`,
    ],
  ];
  const width = Math.max(...rows.map((row) => row[0].length));
  const valueWidth = Math.max(...rows.map((row) => row[1].length));
  log(`\nTilts SMTP door, ${results.engine}, ${results.reports} reports, NODE_ENV=production\n`);
  log(`${'figure'.padEnd(width)}  ${'value'.padEnd(valueWidth)}  target`);
  for (const [label, value, goal] of rows)
    log(`${label.padEnd(width)}  ${value.padEnd(valueWidth)}  ${goal}`);
  const load = results.machine.loadAverage.map((value) => value.toFixed(2)).join(' ');
  log(
    `\nload average ${load} on ${results.machine.cpus} CPUs (above the CPU count, read the figures as rough)`,
  );
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  })
  .finally(() => cleanUp());
