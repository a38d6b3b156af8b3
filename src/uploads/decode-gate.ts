/** The gate's waiting line is full: the task was not queued (see DecodeGate). */
export class GateFullError extends Error {
  constructor() {
    super('decode gate full');
    this.name = 'GateFullError';
  }
}

/**
 * At most `limit` tasks at once, the rest waiting in arrival order. Photo decoding goes through
 * one: a 12-megapixel JPEG is ~36 MB of pixels plus libvips's working buffers, so fifty residents
 * sending photos at the same moment would otherwise hold fifty of them at once (measured: RSS
 * past 550 MB with ten). libvips already spreads one decode over every core, so waiting costs
 * little throughput and bounds memory.
 *
 * At most `maxWaiting` wait: one more is refused at once (GateFullError) rather than queued, so
 * a flood of cheap files that are slow to decode makes its senders (and whoever comes with it)
 * try again in a minute instead of leaving every form waiting behind an unbounded line.
 */
export class DecodeGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly limit: number,
    private readonly maxWaiting = Infinity,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer');
    if (!(maxWaiting === Infinity || (Number.isInteger(maxWaiting) && maxWaiting >= 0)))
      throw new RangeError('maxWaiting must be a whole number');
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) {
      if (this.waiting.length >= this.maxWaiting) throw new GateFullError();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.running += 1;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next task, so `running` counts it without a gap.
      if (next) next();
      else this.running -= 1;
    }
  }

  /** Tasks running and waiting, for tests and metrics. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }
}
