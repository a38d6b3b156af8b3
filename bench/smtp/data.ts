/**
 * The SMTP benchmark's data: a fresh database with routed reports, made by the real services
 * before the app starts (an embedded database admits one process at a time), and what the inbound
 * table says of the benchmark's messages once the app has stopped.
 */
import path from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { seedReference } from '../../seeds/reference.js';
import { loadConfig } from '../../src/config.js';
import { createDatabase, type Database } from '../../src/db/knex.js';
import { migrateLatest } from '../../src/db/migrate.js';
import { createI18n } from '../../src/i18n/index.js';
import { Outbox } from '../../src/mail/outbox.js';
import { EmailRenderer } from '../../src/mail/renderer.js';
import { Signer } from '../../src/security/signing.js';
import { createServices } from '../../src/services.js';
import { cleanups } from '../cleanup.js';

const SERVER = 'postgres://postgres@127.0.0.1:5432';
const DATABASE = 'tilts_bench_smtp';
export const SECRET = 'bench-smtp-secret-not-for-production-use';
export const PUBLIC_URL = 'http://tilts.bench';

export type Engine = 'pglite' | 'postgres';

/** A report the benchmark answers, with the address its parish clerk replies to. */
export interface Target {
  ref: string;
  title: string;
  from: string;
  replyAddress: string;
}

export async function openDatabase(
  engine: Engine,
  work: string,
): Promise<{ database: Database; appEnv: Record<string, string> }> {
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

export async function seed(
  database: Database,
  dataDir: string,
  reports: number,
): Promise<{ targets: Target[]; outbox: number }> {
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
  for (let i = 0; i < reports; i++) {
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

/** After the app stopped (PGlite admits one process): what the inbound table says of our messages. */
export async function verify(database: Database, ids: { replies: string[]; big: string; huge: string }) {
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
