import type pg from 'pg';
import { inTransaction } from './pool.js';

/** Any constant: instances starting together take turns on this lock, so each step runs once. */
const MIGRATION_LOCK = 0x1b0a_7e57;

/** Applies the steps the database has not seen yet, in one transaction (PostgreSQL's DDL is transactional). */
export async function migrate(pool: pg.Pool, steps: readonly string[]): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at bigint NOT NULL)',
    );
    const { rows } = await client.query<{ version: number | null }>(
      'SELECT MAX(version) AS version FROM schema_migrations',
    );
    const version = rows[0]?.version ?? 0;
    if (version > steps.length) {
      throw new Error(`the database is from a newer version (schema ${version}); upgrade the bot`);
    }
    for (let step = version; step < steps.length; step++) {
      await client.query(steps[step]!);
      await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [step + 1, Date.now()]);
    }
  });
}
