import type { SqliteDatabase } from './sqliteDatabase.js';

/**
 * Remembers which activities were handled, in the store (so every instance and a restart agree): Teams re-sends a
 * message it got no timely answer for, and the bot must not answer it twice.
 */
export interface SeenActivities {
  /** Records the key; true the first time it is seen, false for a repeat. */
  firstSeen(key: string, now: number): Promise<boolean>;
  /** Forgets keys seen before `before` (ms); returns how many. */
  forgetOlderThan(before: number): Promise<number>;
}

export class SqliteSeenActivities implements SeenActivities {
  constructor(private readonly db: SqliteDatabase) {}

  async firstSeen(key: string, now: number): Promise<boolean> {
    return (
      this.db.prepare('INSERT OR IGNORE INTO seen_activities (key, seen_at) VALUES (?, ?)').run(key, now).changes === 1
    );
  }

  async forgetOlderThan(before: number): Promise<number> {
    return this.db.prepare('DELETE FROM seen_activities WHERE seen_at < ?').run(before).changes;
  }
}
