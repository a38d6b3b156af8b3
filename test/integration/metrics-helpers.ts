import assert from 'node:assert/strict';
import os from 'node:os';
import { pino } from 'pino';
import { SmtpTransport } from '../../src/mail/transport.js';
import { OutboxWorker } from '../../src/mail/worker.js';
import { Metrics } from '../../src/metrics/metrics.js';
import type { TestContext } from '../support/app.js';
import { unreachableDatabase } from '../support/database.js';
import { startSmtpCapture, type SmtpCapture } from '../support/smtp.js';
import { silentLogger } from './mail/support.js';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  /** `# TYPE` of each metric family. */
  types: Map<string, string>;
  samples: Sample[];
  /** The value of the one sample with this name and exactly these labels, or undefined. */
  value(name: string, labels?: Record<string, string>): number | undefined;
  /** Every sample of a name. */
  all(name: string): Sample[];
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const SAMPLE = new RegExp(`^(${NAME})(?:\\{(.*)\\})? (\\S+)(?: -?\\d+)?$`);
const LABEL = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\["\\n])*)"(?:,|$)/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const SUFFIXES: Record<string, string[]> = {
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['_sum', '_count'],
};

// Prometheus reads values with Go's ParseFloat, which takes NaN and Inf in any case (prom-client
// writes "Nan" for a histogram with no observations yet).
function parseValue(text: string, line: string): number {
  if (/^\+?inf$/i.test(text)) return Infinity;
  if (/^-inf$/i.test(text)) return -Infinity;
  if (/^nan$/i.test(text)) return NaN;
  assert.match(text, /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i, `not a sample value: ${line}`);
  return Number(text);
}

function parseLabels(text: string | undefined, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let rest = text ?? '';
  while (rest.length > 0) {
    const match = LABEL.exec(rest);
    assert.ok(match, `bad labels in: ${line}`);
    assert.ok(!(match[1]! in labels), `label ${match[1]} twice in: ${line}`);
    labels[match[1]!] = match[2]!.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1');
    rest = rest.slice(match[0].length);
  }
  return labels;
}

/** The family a sample belongs to: itself, or a histogram's or summary's name without its suffix. */
function familyOf(name: string, types: Map<string, string>): string | undefined {
  if (types.has(name)) return name;
  for (const [type, suffixes] of Object.entries(SUFFIXES)) {
    for (const suffix of suffixes) {
      const base = name.endsWith(suffix) ? name.slice(0, -suffix.length) : undefined;
      if (base && types.get(base) === type) return base;
    }
  }
  return undefined;
}

/** Checks a histogram as Prometheus reads it: cumulative buckets ending with +Inf equal to _count. */
function assertHistograms(exposition: Exposition): void {
  for (const [family, type] of exposition.types) {
    if (type !== 'histogram') continue;
    const series = new Map<string, Sample[]>();
    for (const sample of exposition.all(`${family}_bucket`)) {
      const { le, ...rest } = sample.labels;
      assert.ok(le !== undefined, `${family}_bucket without le`);
      const key = JSON.stringify(rest);
      series.set(key, [...(series.get(key) ?? []), sample]);
    }
    for (const [key, buckets] of series) {
      const counts = buckets.map((bucket) => bucket.value);
      assert.deepEqual(
        counts,
        [...counts].sort((a, b) => a - b),
        `${family} ${key}: buckets not cumulative`,
      );
      assert.equal(buckets.at(-1)!.labels.le, '+Inf', `${family} ${key}: no +Inf bucket`);
      assert.equal(exposition.value(`${family}_count`, JSON.parse(key)), counts.at(-1));
    }
  }
}

/**
 * Reads the Prometheus text format (0.0.4) strictly: every line a comment, a `# HELP`, a
 * `# TYPE` before its family's samples (once), or a well-formed sample; fails on anything else.
 */
export function parseExposition(text: string): Exposition {
  assert.ok(text.endsWith('\n'), 'the exposition ends with a newline');
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.slice(0, -1).split('\n')) {
    if (line === '') continue;
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) {
      assert.match(type[1]!, new RegExp(`^${NAME}$`), line);
      assert.ok(TYPES.has(type[2]!), `unknown type: ${line}`);
      assert.ok(!types.has(type[1]!), `TYPE twice: ${line}`);
      assert.ok(!samples.some((sample) => familyOf(sample.name, new Map([[type[1]!, type[2]!]]))), line);
      types.set(type[1]!, type[2]!);
      continue;
    }
    if (line.startsWith('#')) {
      assert.match(line, /^# (?:HELP \S+ .*|[^T].*)$/, `bad comment: ${line}`);
      continue;
    }
    const sample = SAMPLE.exec(line);
    assert.ok(sample, `not a sample: ${line}`);
    assert.ok(familyOf(sample[1]!, types), `a sample before its # TYPE: ${line}`);
    samples.push({
      name: sample[1]!,
      labels: parseLabels(sample[2], line),
      value: parseValue(sample[3]!, line),
    });
  }
  const same = (a: Record<string, string>, b: Record<string, string>) =>
    JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
  const exposition: Exposition = {
    types,
    samples,
    all: (name) => samples.filter((sample) => sample.name === name),
    value(name, labels = {}) {
      const found = samples.filter((sample) => sample.name === name && same(sample.labels, labels));
      assert.ok(found.length <= 1, `${name} ${JSON.stringify(labels)} appears ${found.length} times`);
      return found[0]?.value;
    },
  };
  assertHistograms(exposition);
  return exposition;
}

/** One scrape of an app whose database cannot be reached (nothing listens on port 1). */
export async function scrapeWithoutDatabase(): Promise<Exposition> {
  const unreachable = unreachableDatabase(1000);
  try {
    const metrics = new Metrics({
      knex: unreachable,
      clock: () => new Date(),
      logger: pino({ level: 'silent' }),
      dataDir: os.tmpdir(),
    });
    return parseExposition((await metrics.scrape()).body);
  } finally {
    await unreachable.destroy();
  }
}

/**
 * Runs `work` with an outbox worker of `context`'s database sending to a local SMTP capture (told
 * how to answer by `work`), both closed after: how the metrics tests make mail sent, retried or dead.
 */
export async function withMailServer(
  context: TestContext,
  clock: () => Date,
  work: (worker: OutboxWorker, smtp: SmtpCapture) => Promise<void>,
  options: { batchSize?: number } = {},
): Promise<void> {
  const smtp = await startSmtpCapture();
  const transport = new SmtpTransport({ smtpUrl: smtp.url, mailFrom: context.config.mailFrom });
  try {
    const worker = new OutboxWorker({
      knex: context.services.knex,
      transport,
      logger: silentLogger,
      clock,
      ...options,
    });
    await work(worker, smtp);
  } finally {
    transport.close();
    await smtp.close();
  }
}
