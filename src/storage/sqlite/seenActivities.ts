import type { SeenActivities } from '../seenActivities.js';
import { withStoreError } from '../storeError.js';
import type { SqliteDatabase } from './database.js';
import { TurnWrites } from './turnWrites.js';

export class SqliteSeenActivities implements SeenActivities {
  // every message turn runs this once: prepared once
  private readonly insert;

  /** `writes`: the commits this store shares with the conversation state and the insight log (see TurnWrites). */
  constructor(
    private readonly db: SqliteDatabase,
    private readonly writes = new TurnWrites(db),
  ) {
    this.insert = db.prepare<[string, number]>('INSERT OR IGNORE INTO seen_activities (key, seen_at) VALUES (?, ?)');
  }

  /**
   * Claims of turns that arrive together (in one turn of the event loop) are committed together, and with a
   * conversation's state written meanwhile (see TurnWrites): with ten conversations at once, several a commit, and a
   * commit was most of a claim's cost. Each claim is still made, and answered, only once committed, before its turn
   * goes on: a repeat is never answered twice (the same key twice in one commit: the second is the repeat;
   * docs/security.md 48). A failed commit fails every claim in it, as it failed each alone before.
   */
  firstSeen(key: string, now: number): Promise<boolean> {
    return this.writes.add('remember a handled activity', () => this.insert.run(key, now).changes === 1);
  }

  async forgetOlderThan(before: number): Promise<number> {
    return withStoreError(
      'forget handled activities',
      () => this.db.prepare('DELETE FROM seen_activities WHERE seen_at < ?').run(before).changes,
    );
  }
}
