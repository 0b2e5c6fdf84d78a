import { storeError } from '../storeError.js';
import type { SqliteDatabase } from './database.js';
import { relaxedSync } from './relaxedSync.js';

/** A write waiting for the next commit: run inside it, then told how it went (a failure as what it could not do). */
interface Pending<T> {
  action: string;
  run: () => T;
  settle: (outcome: { value: T } | { error: Error }) => void;
}

/**
 * The small writes of every turn (handled-activity claims, insight lines) that wait for a commit: the next one that
 * happens, whichever comes first of the commit scheduled for them (the end of this turn of the event loop) and a
 * conversation's state written meanwhile. A commit cost most of such a write (about 40 µs of CPU, and more of the
 * event loop's time); the state write of a turn that ends while others begin carries their claims along.
 *
 * Each write is told its outcome only after the commit that holds it: a claim is still committed before its turn goes
 * on, so a repeat is never answered twice (docs/security.md 48). A commit that fails leaves its writes waiting for
 * the next one (the scheduled commit then fails them, as each failed alone before).
 */
export class TurnWrites {
  private waiting: Pending<unknown>[] = [];
  private scheduled = false;
  // not fsynced on their own: a power cut may only lose the last ids and lines (see relaxedSync)
  private readonly relaxed;

  constructor(private readonly db: SqliteDatabase) {
    this.relaxed = relaxedSync(db);
  }

  /** Runs `run` in the next commit; resolves to its result once that commit is made (rejects with a StoreError). */
  add<T>(action: string, run: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({
        action,
        run,
        settle: (outcome) => ('error' in outcome ? reject(outcome.error) : resolve(outcome.value as T)),
      } as Pending<unknown>);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /**
   * Runs `work` in one relaxed, immediate transaction with the writes waiting, which are told their outcome once it
   * commits; when it fails, they wait for the next commit and the error is thrown.
   */
  commitWith<T>(work: () => T): T {
    const writes = this.waiting;
    this.waiting = [];
    let results: unknown[] = [];
    let value: T;
    try {
      value = this.relaxed(() =>
        this.db
          .transaction(() => {
            results = writes.map((w) => w.run());
            return work();
          })
          .immediate(),
      );
    } catch (error) {
      this.waiting = [...writes, ...this.waiting];
      throw error;
    }
    for (const [i, w] of writes.entries()) w.settle({ value: results[i] });
    return value;
  }

  /** The scheduled commit: of the writes still waiting, if any; a failure fails each of them. */
  private flush(): void {
    this.scheduled = false;
    if (this.waiting.length === 0) return;
    const writes = this.waiting;
    try {
      this.commitWith(() => undefined);
    } catch (error) {
      // commitWith put them back: they failed together, as each would have failed alone
      this.waiting = this.waiting.filter((w) => !writes.includes(w));
      for (const w of writes) w.settle({ error: storeError(w.action, error) });
    }
  }
}
