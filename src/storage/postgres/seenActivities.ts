import type pg from 'pg';
import type { SeenActivities } from '../seenActivities.js';
import { withPgStoreError } from './pool.js';

export class PostgresSeenActivities implements SeenActivities {
  constructor(private readonly pool: pg.Pool) {}

  async firstSeen(key: string, now: number): Promise<boolean> {
    const result = await withPgStoreError('remember a handled activity', () =>
      this.pool.query('INSERT INTO seen_activities (key, seen_at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [
        key,
        now,
      ]),
    );
    return result.rowCount === 1;
  }

  async forgetOlderThan(before: number): Promise<number> {
    const result = await withPgStoreError('forget handled activities', () =>
      this.pool.query('DELETE FROM seen_activities WHERE seen_at < $1', [before]),
    );
    return result.rowCount ?? 0;
  }
}
