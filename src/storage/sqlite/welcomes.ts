import { withStoreError } from '../storeError.js';
import type { Welcomes } from '../welcomes.js';
import type { SqliteDatabase } from './database.js';

export class SqliteWelcomes implements Welcomes {
  private readonly insert;

  constructor(private readonly db: SqliteDatabase) {
    this.insert = db.prepare<[string, number]>('INSERT OR IGNORE INTO welcomed (key, welcomed_at) VALUES (?, ?)');
  }

  async claim(key: string, now: number): Promise<boolean> {
    return withStoreError('remember a welcome', () => this.insert.run(key, now).changes === 1);
  }

  async forgetOlderThan(before: number): Promise<number> {
    return withStoreError(
      'forget welcomes',
      () => this.db.prepare('DELETE FROM welcomed WHERE welcomed_at < ?').run(before).changes,
    );
  }
}
