import type pg from 'pg';
import type { Welcomes } from '../welcomes.js';
import { withPgStoreError } from './pool.js';

export class PostgresWelcomes implements Welcomes {
  constructor(private readonly pool: pg.Pool) {}

  async claim(key: string, now: number): Promise<boolean> {
    // one statement: of two instances inserting the same key at once, exactly one gets the row
    const result = await withPgStoreError('remember a welcome', () =>
      this.pool.query('INSERT INTO welcomed (key, welcomed_at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [
        key,
        now,
      ]),
    );
    return result.rowCount === 1;
  }

  async forgetOlderThan(before: number): Promise<number> {
    const result = await withPgStoreError('forget welcomes', () =>
      this.pool.query('DELETE FROM welcomed WHERE welcomed_at < $1', [before]),
    );
    return result.rowCount ?? 0;
  }
}
