import pg from 'pg';
import type { Logger } from 'pino';
import type { PostgresConfig } from '../../config.js';
import { type StoreError, storeError, type TransientTest } from '../storeError.js';

/** Error classes that pass by themselves: connection lost, serialization/deadlock, resources, lock waits, restarts. */
const TRANSIENT_SQLSTATES = ['08', '40001', '40P01', '53', '55P03', '57014', '57P'];
const TRANSIENT_NET = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN'];

const pgTransient: TransientTest = (code, message) =>
  code !== undefined
    ? TRANSIENT_SQLSTATES.some((c) => code.startsWith(c)) || TRANSIENT_NET.includes(code)
    : // the pool's own failures carry no code
      /timeout|terminated|Connection/i.test(message);

/** Wraps a pg error as a {@link StoreError}; the message never carries row data or the connection string. */
export function pgStoreError(action: string, error: unknown): StoreError {
  return storeError(action, error, pgTransient);
}

/** Runs one store operation, turning a driver error into a {@link StoreError} naming the action. */
export async function withPgStoreError<T>(action: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw pgStoreError(action, error);
  }
}

/** Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

// bigint columns hold millisecond times and row ids, all far below 2^53: read them as numbers
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? Number
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** A connection pool that fails fast (busyTimeoutMs) instead of hanging a turn when the server is slow or gone. */
export function createPool(config: PostgresConfig, logger?: Logger): pg.Pool {
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolSize,
    connectionTimeoutMillis: config.busyTimeoutMs,
    idleTimeoutMillis: 30_000,
    statement_timeout: 4 * config.busyTimeoutMs,
    lock_timeout: config.busyTimeoutMs,
    application_name: 'investor-bot',
    types,
  });
  // an idle connection dropped by the server must not crash the process: the next query reconnects
  pool.on('error', (error) => logger?.warn({ err: { message: error.message } }, 'PostgreSQL connection lost'));
  return pool;
}

/** Where the pool connects, for messages: host, port and database only (never the password). */
export function describeTarget(url: string): string {
  try {
    const parsed = new URL(url);
    const socket = parsed.searchParams.get('host');
    const host = parsed.hostname ? decodeURIComponent(parsed.hostname) : (socket ?? 'localhost');
    return `${host}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}
