import type { Logger } from 'pino';
import { StoreError } from './storeError.js';

export interface StoreHealthOptions {
  /** One cheap round trip to the server (`SELECT 1`), bypassing the health check itself. */
  ping: () => Promise<unknown>;
  /** Whether an error means the server is unreachable (refused, dropped, silent past the timeout). */
  isUnreachable: (error: unknown) => boolean;
  /** How often the server is tried while it is unreachable. */
  retryMs: number;
  /** How often it is checked while it answers (so /readyz notices an outage with no traffic). */
  checkMs: number;
  logger?: Logger;
}

/**
 * Whether the store's server answers, for every call of one process (docs/security.md 40). Once a call finds it
 * unreachable, calls fail at once with a transient {@link StoreError} instead of each waiting out the timeout (a
 * frozen server would otherwise cost every store call of every turn its full timeout); a ping every `retryMs` finds
 * it back, and calls go through again. `/readyz` and the `store_up` metric read {@link up}.
 */
export class StoreHealth {
  private down = false;
  private timer: NodeJS.Timeout | null = null;
  private pinging: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly options: StoreHealthOptions) {}

  get up(): boolean {
    return !this.down;
  }

  /** Runs one store call, or fails it at once while the server is unreachable. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.down) throw new StoreError('store: the database is unreachable', true);
    try {
      return await work();
    } catch (error) {
      this.observe(error);
      throw error;
    }
  }

  /** Takes note of a store call's failure: the server may be unreachable. */
  observe(error: unknown): void {
    if (this.options.isUnreachable(error)) this.markDown(error);
  }

  /** Starts the periodic check. */
  start(): void {
    this.stopped = false;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Checks the server now (a connection was dropped: the server may have gone). */
  check(): Promise<void> {
    this.pinging ??= this.options
      .ping()
      .then(
        () => {
          if (!this.down) return;
          this.down = false;
          this.options.logger?.info('store reachable again');
        },
        (error: unknown) => this.observe(error),
      )
      .finally(() => {
        this.pinging = null;
      });
    return this.pinging;
  }

  private markDown(error: unknown): void {
    if (this.down) return;
    this.down = true;
    this.options.logger?.error(
      { err: { message: (error as Error).message } },
      'store unreachable: answering without it, refusing leads until it is back',
    );
    // look again soon, not after the long interval of a healthy server
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(
      () => {
        this.timer = null;
        void this.check().finally(() => {
          if (!this.timer) this.schedule();
        });
      },
      this.down ? this.options.retryMs : this.options.checkMs,
    );
    this.timer.unref();
  }
}
