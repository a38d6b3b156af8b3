import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');

export interface Child {
  name: string;
  url: string;
  pid: number;
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Starts `node <script>` (through tsx for a `.ts` script; node itself, not npm or tsx's wrapper, so the pid we sample
 * is the server's) and waits until `healthPath` answers 200. Throws with the output if it exits or
 * does not answer within the time limit.
 */
export async function startChild(options: {
  name: string;
  script: string;
  port: number;
  env: Record<string, string>;
  healthPath: string;
  timeoutMs?: number;
  /** Extra node options before the script, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
}): Promise<Child> {
  // Compiled JavaScript runs as it is; TypeScript goes through tsx.
  const loader = options.script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...loader, options.script], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...options.env,
      PORT: String(options.port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${options.name} exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(url + options.healthPath)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${options.name} did not answer ${options.healthPath} in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    name: options.name,
    url,
    pid: child.pid!,
    process: child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 8000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** Resident memory of one process in MB, from /proc (Linux); undefined once it has exited. */
export function rssMb(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Samples a process's RSS every `intervalMs` (200 ms by default) until stopped; `mark` names the
 * phase a peak belongs to.
 */
export class RssSampler {
  private timer: NodeJS.Timeout;
  private phase = 'start';
  readonly peaks = new Map<string, number>();
  max = 0;

  constructor(
    private readonly pid: number,
    intervalMs = 200,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  mark(phase: string) {
    this.phase = phase;
    this.sample();
  }

  private sample() {
    const mb = rssMb(this.pid);
    if (mb === undefined) return;
    this.max = Math.max(this.max, mb);
    this.peaks.set(this.phase, Math.max(this.peaks.get(this.phase) ?? 0, mb));
  }

  stop() {
    clearInterval(this.timer);
  }
}
