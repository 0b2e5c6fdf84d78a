/**
 * Turns running at once (a turn also waits on the channel, so not fewer); more wait in a queue of at most
 * MAX_QUEUED_TURNS, then 503 with Retry-After.
 */
export const MAX_RUNNING_TURNS = 16;
export const MAX_QUEUED_TURNS = 2_000;

/** What {@link TurnGate.run} gives when the queue is full: the caller answers 503 and the channel retries. */
export const GATE_FULL = Symbol('gate full');

/**
 * Lets a bounded number of turns run at once and queues the rest (bounded too). A turn is CPU work; with hundreds
 * interleaved, every other request (the health check, a token) waits behind all of them. With a few at a time,
 * they wait only behind those (docs/security.md 17).
 */
export class TurnGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly maxRunning: number,
    private readonly maxWaiting: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T | typeof GATE_FULL> {
    if (this.running >= this.maxRunning) {
      if (this.waiting.length >= this.maxWaiting) return GATE_FULL;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      // hand the slot straight to the next waiter, or free it
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
