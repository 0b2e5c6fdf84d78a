import type pg from 'pg';
import { inTransaction } from './pool.js';

/** Any constant: instances starting together take turns on this lock, so each step runs once. */
export const MIGRATION_LOCK = 0x1b0a_7e57;

/**
 * Migrations run at start, not in a turn: a step (an index on a big table) or the wait for another instance's
 * migration may take longer than a store call may (DATABASE_TIMEOUT_MS), but not forever.
 */
const MIGRATION_TIMEOUT_MS = 120_000;

/** Applies the steps the database has not seen yet, in one transaction (PostgreSQL's DDL is transactional). */
export async function migrate(pool: pg.Pool, steps: readonly string[]): Promise<void> {
  await inTransaction(pool, async (connection) => {
    const client = {
      query: <R extends pg.QueryResultRow>(text: string, values?: unknown[]) =>
        connection.query<R>({ text, ...(values && { values }), query_timeout: MIGRATION_TIMEOUT_MS } as pg.QueryConfig),
    };
    await client.query(`SET LOCAL statement_timeout = ${MIGRATION_TIMEOUT_MS}`);
    await client.query(`SET LOCAL lock_timeout = ${MIGRATION_TIMEOUT_MS}`);
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
