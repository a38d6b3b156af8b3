/**
 * Sending: each sender is one SMTP connection that sends its messages one after another; and the
 * memory a single big message costs, from RSS just before it to its peak while it is handled.
 */
import { performance } from 'node:perf_hooks';
import nodemailer from 'nodemailer';
import { rssMb, type Child, type RssSampler } from '../processes.js';
import type { Outgoing } from './messages.js';

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

export async function sendAll(port: number, messages: Outgoing[], senders: number) {
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function steadyRss(pid: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 10; i++) {
    samples.push(rssMb(pid) ?? 0);
    await sleep(100);
  }
  return samples.sort((a, b) => a - b)[5]!;
}

export async function bigMessage(options: {
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

/** Waits until the sink has `count` emails (or, with Infinity, none came for two seconds). */
export async function waitForSink(sink: { received: () => number }, count: number, timeoutMs: number) {
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
