import fs from 'node:fs';
import path from 'node:path';
import type { LoadResult } from './load.js';
import type { ResidentLoadResult } from './load-residents.js';
import type { Optional } from './optional.js';
import type { Timing } from './timings.js';
import type { UploadResult } from './upload.js';

export interface TargetRow {
  label: string;
  path: string;
  /** Share of the baseline's requests/s the issue asks for, and the p99 limit where it sets one. */
  goal: { ratio: number; p99Ms?: number } | undefined;
  result: LoadResult | { unavailable: string };
}

/** One size of database: the baseline, and every path with the page cache off and on. */
export interface ScaleResults {
  reports: number;
  seedSeconds: number | null;
  multiplySeconds: number | null;
  baseline: LoadResult;
  cacheOff: TargetRow[];
  cacheOn: TargetRow[];
  rss: { maxMb: number; byPhase: Record<string, number> };
}

export interface LoadFigures extends Omit<ResidentLoadResult, 'acceptedEmails'> {
  reportsInDatabase: number;
  missing: string[];
  peakRssMb: number;
  limits: string;
}

export interface BenchResults {
  date: string;
  machine: { cpus: number; model: string; memoryGb: number; node: string; loadAverage: number[] };
  engine: string;
  settings: { connections: number; durationSeconds: number; warmupSeconds: number };
  scales: ScaleResults[];
  upload: UploadResult | { skipped: string };
  load: LoadFigures | { skipped: string };
  weights: Optional<{ page: string; javascript: boolean; bytes: number; targetBytes: number }[]>;
  lighthouse: Optional<{ path: string; performance: number; runs?: number[]; accessibility?: number }[]>;
  startup: Record<string, Optional<{ mode: 'tsx' | 'compiled'; startMs: number; rssMb: number }[]>>;
  timings: Timing[];
  rssLimitMb: number;
}

const pad = (text: string, width: number) => text.padEnd(width);
const num = (value: number, digits = 0) =>
  value.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function goalText(goal: TargetRow['goal']): string {
  if (!goal) return '(yardstick)';
  return `≥ ${num(goal.ratio, 1)}×${goal.p99Ms ? `, p99 ≤ ${goal.p99Ms} ms` : ''}`;
}

/** Whether a measured row meets its goal: a figure to read, never a failure of the bench. */
function verdict(row: TargetRow, r: LoadResult, base: number): string {
  if (!row.goal) return '';
  const ratioOk = r.requestsPerSecond / base >= row.goal.ratio;
  const p99Ok = row.goal.p99Ms === undefined || r.p99Ms <= row.goal.p99Ms;
  return ratioOk && p99Ok
    ? 'meets'
    : `misses (${[!ratioOk && 'ratio', !p99Ok && 'p99'].filter(Boolean).join(', ')})`;
}

function printTable(rows: TargetRow[], base: LoadResult, log: (line: string) => void) {
  const header = `${pad('path', 52)} ${pad('req/s', 8)} ${pad('p50 ms', 7)} ${pad('p99 ms', 7)} ${pad('ratio', 6)} ${pad('target', 22)} verdict`;
  log(header);
  log('-'.repeat(header.length + 6));
  for (const row of rows) {
    if ('unavailable' in row.result) {
      log(
        `${pad(row.path, 52)} ${pad('—', 8)} ${pad('—', 7)} ${pad('—', 7)} ${pad('—', 6)} ${pad(goalText(row.goal), 22)} not available (${row.result.unavailable})`,
      );
      continue;
    }
    const r = row.result;
    let problems = r.non2xx + r.errors > 0 ? `  (${num(r.non2xx)} non-2xx, ${num(r.errors)} errors)` : '';
    if (r.requests === 0) problems += '  (no request answered within the run)';
    log(
      `${pad(row.path, 52)} ${pad(num(r.requestsPerSecond), 8)} ${pad(num(r.p50Ms), 7)} ${pad(num(r.p99Ms), 7)} ` +
        `${pad(`${num(r.requestsPerSecond / base.requestsPerSecond, 2)}×`, 6)} ${pad(goalText(row.goal), 22)} ${verdict(row, r, base.requestsPerSecond)}${problems}`,
    );
  }
}

function printScale(scale: ScaleResults, results: BenchResults, log: (line: string) => void) {
  log('');
  log(`=== ${num(scale.reports)} reports on ${results.engine} ===`);
  if (scale.seedSeconds !== null) log(`demo seeder: ${num(scale.seedSeconds)} s`);
  if (scale.multiplySeconds !== null)
    log(`copied in SQL (bench/multiply.ts): ${num(scale.multiplySeconds)} s`);
  const baselineRow: TargetRow = {
    label: 'baseline',
    path: '/fortunes (Express + EJS, one query)',
    goal: undefined,
    result: scale.baseline,
  };
  log('');
  log('page cache OFF (PAGE_CACHE_SECONDS=0): the cost of rendering each page');
  printTable([baselineRow, ...scale.cacheOff], scale.baseline, log);
  log('');
  log('page cache ON (the default PAGE_CACHE_SECONDS): what a resident gets, hot pages cached');
  printTable(scale.cacheOn, scale.baseline, log);
  const phases = Object.entries(scale.rss.byPhase)
    .map(([phase, mb]) => `${phase} ${num(mb)}`)
    .join(', ');
  log(`app RSS: max ${num(scale.rss.maxMb)} MB (target < ${results.rssLimitMb} MB); peaks: ${phases}`);
}

/** A reason that quotes a child's output: its first two lines, the rest is in latest.json. */
const firstLines = (text: string) => text.split('\n').slice(0, 2).join(' / ');

function printOptional<T>(
  title: string,
  figures: Optional<T[]>,
  line: (row: T) => string,
  log: (l: string) => void,
) {
  if (!figures.available) {
    log(`${title}: not available — ${firstLines(figures.reason)}`);
    return;
  }
  log(`${title}:`);
  for (const row of figures.value) log(`  ${line(row)}`);
}

function printLoad(load: BenchResults['load'], limitMb: number, log: (line: string) => void) {
  if ('skipped' in load) {
    log(`residents' load: skipped (${load.skipped})`);
    return;
  }
  const kb = load.photoBytes.map((b) => num(b / 1e6, 1)).join(', ');
  log(
    `residents' load: ${load.residents} residents for ${load.durationSeconds} s, 1–2 photos each of ${kb} MB`,
  );
  log(`  (${load.limits})`);
  log(
    `  submissions attempted ${num(load.attempted)}, accepted ${num(load.accepted)}, refused ${num(load.refused)}, ` +
      `via the nearby-reports review ${num(load.reviewed)}, no answer ${num(load.networkErrors)}`,
  );
  log(
    `  reports in the database: ${num(load.reportsInDatabase)} of ${num(load.accepted)} accepted` +
      `${load.missing.length === 0 ? ' — none lost' : ` — LOST: ${load.missing.slice(0, 5).join(', ')}`}`,
  );
  log(`  5xx answers: ${num(load.serverErrors)} (target 0)`);
  log(`  peak RSS: ${num(load.peakRssMb)} MB (target < ${limitMb} MB)`);
  log(
    `  submission latency (form sent → "check your email" page): p50 ${num(load.submissionMs.p50)} ms, ` +
      `p99 ${num(load.submissionMs.p99)} ms, max ${num(load.submissionMs.max)} ms`,
  );
  for (const sample of load.samples.slice(0, 6)) log(`  e.g. ${sample}`);
}

/** Figures and ratios only: timings on a shared machine are read, never a pass or a fail. */
export function printResults(results: BenchResults, log: (line: string) => void): void {
  log('');
  log(
    `Tilts on ${results.engine}, ${results.settings.connections} connections, ${results.settings.durationSeconds} s per path ` +
      `(${results.settings.warmupSeconds} s warm-up) — ${results.machine.cpus} × ${results.machine.model}, node ${results.machine.node}`,
  );
  for (const scale of results.scales) printScale(scale, results, log);
  log('');
  const upload = results.upload;
  if ('skipped' in upload) log(`report with five 12 MP JPEGs: skipped (${upload.skipped})`);
  else if (!upload.available) log(`report with five 12 MP JPEGs: not available — ${upload.reason}`);
  else
    log(
      `report with five 12 MP JPEGs (${num(upload.bytes / 1e6, 1)} MB): ${num(upload.ms)} ms, ${upload.note}` +
        `${upload.accepted ? '' : ' — NOT accepted'} (target ≤ 2,000 ms)`,
    );
  printLoad(results.load, results.rssLimitMb, log);
  log('');
  printOptional(
    'page weights (first visit, transferred, photos and tiles not counted)',
    results.weights,
    (w) =>
      `${pad(w.page, 30)} ${pad(w.javascript ? 'with JS' : 'no JS', 8)} ${num(w.bytes / 1024, 1)} KB (target ≤ ${num(w.targetBytes / 1024)} KB) ${w.bytes <= w.targetBytes ? 'meets' : 'OVER'}`,
    log,
  );
  printOptional(
    'Lighthouse (mobile)',
    results.lighthouse,
    (l) =>
      `${pad(l.path, 30)} performance ${num(l.performance)}${l.runs && l.runs.length > 1 ? ` (median of ${l.runs.join(', ')})` : ''}${l.accessibility === undefined ? '' : `, accessibility ${num(l.accessibility)}`}`,
    log,
  );
  for (const [engine, figures] of Object.entries(results.startup))
    printOptional(
      `start-up on ${engine}`,
      figures,
      (s) => `${pad(s.mode, 9)} start ${num(s.startMs)} ms, RSS ${num(s.rssMb)} MB`,
      log,
    );
  log('timings that used to be test bounds (bench/timings.ts):');
  for (const t of results.timings)
    log(
      `  ${pad(t.name, 62)} ${t.ms === null ? '—' : `${num(t.ms, t.ms < 10 ? 1 : 0)} ms`}${t.note ? `  (${firstLines(t.note)})` : ''}`,
    );
  log(
    `load average at the end: ${results.machine.loadAverage.map((l) => num(l, 2)).join(' ')} (above ${results.machine.cpus}, read the figures as rough)`,
  );
}

export function writeResults(results: BenchResults, file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}
