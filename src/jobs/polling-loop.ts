/**
 * Runs `turn` again and again in the background, waiting between turns as long as the last turn
 * asks (it returns the delay in ms). `stop()` waits for a turn that is running, so nothing is left
 * half done. Timers are unref'ed: a loop never keeps the process alive on its own.
 */
export class PollingLoop {
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<unknown> | undefined;
  private running = false;

  constructor(
    private readonly turn: () => Promise<number>,
    /** Logs a failed turn and says how long to wait before the next one. */
    private readonly onError: (error: unknown) => number,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => void this.tick(), delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    const run = this.turn().catch((error: unknown) => this.onError(error));
    this.inFlight = run;
    const next = await run;
    this.inFlight = undefined;
    this.schedule(next);
  }
}
