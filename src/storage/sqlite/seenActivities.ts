import type { SeenActivities } from '../seenActivities.js';
import { withStoreError } from '../storeError.js';
import type { SqliteDatabase } from './database.js';

export class SqliteSeenActivities implements SeenActivities {
  constructor(private readonly db: SqliteDatabase) {}

  async firstSeen(key: string, now: number): Promise<boolean> {
    return withStoreError(
      'remember a handled activity',
      () =>
        this.db.prepare('INSERT OR IGNORE INTO seen_activities (key, seen_at) VALUES (?, ?)').run(key, now).changes ===
        1,
    );
  }

  async forgetOlderThan(before: number): Promise<number> {
    return withStoreError(
      'forget handled activities',
      () => this.db.prepare('DELETE FROM seen_activities WHERE seen_at < ?').run(before).changes,
    );
  }
}
