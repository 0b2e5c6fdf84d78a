import type { SeenActivities } from '../seenActivities.js';
import { withStoreError } from '../storeError.js';
import type { SqliteDatabase } from './database.js';
import { relaxedSync } from './relaxedSync.js';

/** A claim waiting for the next commit. */
interface Claim {
  key: string;
  now: number;
  settle: (first: boolean | Error) => void;
}

export class SqliteSeenActivities implements SeenActivities {
  // every message turn runs this once: prepared once
  private readonly insert;
  private readonly insertAll;
  // not fsynced on its own: a power cut may only forget the last ids (see relaxedSync)
  private readonly relaxed;
  private waiting: Claim[] = [];

  constructor(private readonly db: SqliteDatabase) {
    this.insert = db.prepare<[string, number]>('INSERT OR IGNORE INTO seen_activities (key, seen_at) VALUES (?, ?)');
    this.insertAll = db.transaction((claims: readonly Claim[]) =>
      claims.map((claim) => this.insert.run(claim.key, claim.now).changes === 1),
    );
    this.relaxed = relaxedSync(db);
  }

  /**
   * Claims of turns that arrive together (in one turn of the event loop) are committed together: with ten
   * conversations at once, about four a commit, and a commit was most of a claim's 40 µs. Each claim is
   * still made, and answered, before its turn goes on: a repeat is never answered twice (the same key twice in one
   * commit: the second is the repeat). A failed commit fails every claim in it, as it failed each alone before.
   */
  firstSeen(key: string, now: number): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ key, now, settle: (first) => (first instanceof Error ? reject(first) : resolve(first)) });
      if (this.waiting.length === 1) setImmediate(() => this.commit());
    });
  }

  private commit(): void {
    const claims = this.waiting;
    this.waiting = [];
    let firsts: boolean[];
    try {
      firsts = withStoreError('remember a handled activity', () =>
        this.relaxed(() => this.insertAll.immediate(claims)),
      );
    } catch (error) {
      for (const claim of claims) claim.settle(error as Error);
      return;
    }
    for (const [i, claim] of claims.entries()) claim.settle(firsts[i]!);
  }

  async forgetOlderThan(before: number): Promise<number> {
    return withStoreError(
      'forget handled activities',
      () => this.db.prepare('DELETE FROM seen_activities WHERE seen_at < ?').run(before).changes,
    );
  }
}
