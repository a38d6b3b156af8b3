import fs from 'node:fs';
import path from 'node:path';
import type { LoadResult } from './load.js';
import type { UploadResult } from './upload.js';

export interface TargetRow {
  label: string;
  path: string;
  /** Share of the baseline's requests/s the issue asks for, and the p99 limit where it sets one. */
  goal: { ratio: number; p99Ms?: number } | undefined;
  result: LoadResult | { unavailable: string };
}

export interface BenchResults {
  date: string;
  machine: { cpus: number; model: string; memoryGb: number; node: string; loadAverage: number[] };
  engine: string;
  reports: number;
  seedSeconds: number | null;
  settings: { connections: number; durationSeconds: number; warmupSeconds: number };
  baseline: LoadResult;
  targets: TargetRow[];
  upload: UploadResult | { skipped: string };
  rss: { maxMb: number; byPhase: Record<string, number>; limitMb: number };
}

const pad = (text: string, width: number) => text.padEnd(width);
const num = (value: number, digits = 0) =>
  value.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function goalText(goal: TargetRow['goal']): string {
  if (!goal) return '(yardstick)';
  return `≥ ${Math.round(goal.ratio * 100)}%${goal.p99Ms ? `, p99 ≤ ${goal.p99Ms} ms` : ''}`;
}

/** Figures and ratios only: timings on a shared machine are never a pass or a fail. */
export function printResults(results: BenchResults, log: (line: string) => void): void {
  const base = results.baseline.requestsPerSecond;
  log('');
  log(
    `Tilts on ${results.engine}, ${num(results.reports)} reports, ${results.settings.connections} connections, ` +
      `${results.settings.durationSeconds} s per path — ${results.machine.cpus} × ${results.machine.model}, node ${results.machine.node}`,
  );
  if (results.seedSeconds !== null)
    log(`(the ${num(results.reports)} reports were seeded in ${num(results.seedSeconds)} s)`);
  log('');
  const header = `${pad('path', 50)} ${pad('req/s', 9)} ${pad('p99 ms', 8)} ${pad('of baseline', 12)} target`;
  log(header);
  log('-'.repeat(header.length + 12));
  const rows: TargetRow[] = [
    {
      label: 'baseline',
      path: '/fortunes (Express + EJS, one query)',
      goal: undefined,
      result: results.baseline,
    },
    ...results.targets,
  ];
  for (const row of rows) {
    if ('unavailable' in row.result) {
      log(
        `${pad(row.path, 50)} ${pad('—', 9)} ${pad('—', 8)} ${pad('—', 12)} ${goalText(row.goal)}  not available yet (${row.result.unavailable})`,
      );
      continue;
    }
    const r = row.result;
    const ratio = `${num((r.requestsPerSecond / base) * 100)}%`;
    const problems = r.non2xx + r.errors > 0 ? `  (${num(r.non2xx)} non-2xx, ${num(r.errors)} errors)` : '';
    log(
      `${pad(row.path, 50)} ${pad(num(r.requestsPerSecond), 9)} ${pad(num(r.p99Ms), 8)} ${pad(row.goal ? ratio : '100%', 12)} ${goalText(row.goal)}${problems}`,
    );
  }
  log('');
  const upload = results.upload;
  if ('skipped' in upload) log(`report with five 12 MP JPEGs: skipped (${upload.skipped})`);
  else if (!upload.available) log(`report with five 12 MP JPEGs: not available yet — ${upload.reason}`);
  else {
    log(
      `report with five 12 MP JPEGs (${num(upload.bytes / 1e6, 1)} MB): ${num(upload.ms)} ms, ${upload.note}` +
        `${upload.accepted ? '' : ' — NOT accepted'} (target ≤ 2,000 ms)`,
    );
  }
  const phases = Object.entries(results.rss.byPhase)
    .map(([phase, mb]) => `${phase} ${num(mb)}`)
    .join(', ');
  log(
    `app memory: max RSS ${num(results.rss.maxMb)} MB (target < ${results.rss.limitMb} MB); peaks: ${phases}`,
  );
  log(`load average during the run: ${results.machine.loadAverage.map((l) => num(l, 2)).join(' ')}`);
}

export function writeResults(results: BenchResults, file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}
