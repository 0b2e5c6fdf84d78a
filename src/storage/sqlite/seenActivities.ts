import type { SeenActivities } from '../seenActivities.js';
import { withStoreError } from '../storeError.js';
import type { SqliteDatabase } from './database.js';
import { relaxedSync } from './relaxedSync.js';

export class SqliteSeenActivities implements SeenActivities {
  // every message turn runs this once: prepared once
  private readonly insert;
  // not fsynced on its own: a power cut may only forget the last ids (see relaxedSync)
  private readonly relaxed;

  constructor(private readonly db: SqliteDatabase) {
    this.insert = db.prepare<[string, number]>('INSERT OR IGNORE INTO seen_activities (key, seen_at) VALUES (?, ?)');
    this.relaxed = relaxedSync(db);
  }

  async firstSeen(key: string, now: number): Promise<boolean> {
    return withStoreError('remember a handled activity', () =>
      this.relaxed(() => this.insert.run(key, now).changes === 1),
    );
  }

  async forgetOlderThan(before: number): Promise<number> {
    return withStoreError(
      'forget handled activities',
      () => this.db.prepare('DELETE FROM seen_activities WHERE seen_at < ?').run(before).changes,
    );
  }
}
