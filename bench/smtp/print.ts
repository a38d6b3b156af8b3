/** The SMTP benchmark's table of figures. */
import type { bigMessage } from './send.js';

export const MB = 1024 * 1024;
export const TARGET_PER_SECOND = 50;
export const TARGET_RSS_MB = 100;
const log = (line: string) => console.log(line);

export const fmt = (value: number, digits = 0) =>
  value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function print(results: {
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
