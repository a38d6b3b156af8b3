import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/*
 * Asking for a sign-in link answers alike for an address that is a member's and one that is not,
 * and must take alike too: sending a link (its row, its email, its audit row) takes several times
 * as long as finding no one, and a stranger timing the answers would learn who is staff. An unknown
 * address is answered after as long as the last links took to send (their median, so one slow send
 * does not slow every stranger's answer); a member's answer waits for nothing more.
 */

const KEPT = 9;
/** Before any link was sent since the start: about what sending one takes on a quiet database. */
const FIRST_GUESS_MS = 40;
/** An unknown address never waits longer than this, whatever the database was doing. */
const MOST_MS = 2_000;

export class AnswerTime {
  private readonly recent: number[] = [];

  /** A moment to measure from. */
  start(): number {
    return performance.now();
  }

  /** A link was sent: how long it took from `start` is remembered. */
  sent(started: number): void {
    this.recent.push(performance.now() - started);
    if (this.recent.length > KEPT) this.recent.shift();
  }

  /** Nobody to send to: waits until as long as a send takes has passed since `start`. */
  async nobody(started: number): Promise<void> {
    const left = Math.min(this.typical(), MOST_MS) - (performance.now() - started);
    if (left > 0) await sleep(left);
  }

  private typical(): number {
    if (this.recent.length === 0) return FIRST_GUESS_MS;
    const sorted = [...this.recent].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)]!;
  }
}
