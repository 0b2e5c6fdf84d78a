import pg from 'pg';
import type { Logger } from 'pino';
import type { PostgresConfig } from '../databaseConfig.js';
import { StoreError, storeError, type TransientTest } from '../storeError.js';
import type { StoreHealth } from '../storeHealth.js';

/** Error classes that pass by themselves: connection lost, serialization/deadlock, resources, lock waits, restarts. */
const TRANSIENT_SQLSTATES = ['08', '40001', '40P01', '53', '55P03', '57014', '57P'];
// ENOENT: a Unix socket that is not there (the server is down)
const TRANSIENT_NET = [
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENOENT',
];
/** Connection failures, the server shutting down or refusing connections (57P01-57P05). */
const UNREACHABLE_SQLSTATES = ['08', '57P'];

// the pool's and the client's own failures carry no code: a connect timeout, "Query read timeout", a dropped socket
const clientFailure = (message: string) => /timeout|terminated|Connection/i.test(message);

const pgTransient: TransientTest = (code, message) =>
  code !== undefined
    ? TRANSIENT_SQLSTATES.some((c) => code.startsWith(c)) || TRANSIENT_NET.includes(code)
    : clientFailure(message);

/**
 * Whether an error means the server cannot be reached at all (refused, dropped, or silent past the timeout), as
 * opposed to one query failing: then {@link StoreHealth} fails further calls at once until a ping gets through.
 */
export function isUnreachable(error: unknown): boolean {
  const cause = error instanceof StoreError ? error.cause : error;
  const code = (cause as { code?: unknown })?.code;
  if (typeof code === 'string')
    return UNREACHABLE_SQLSTATES.some((c) => code.startsWith(c)) || TRANSIENT_NET.includes(code);
  return clientFailure(String((cause as { message?: unknown })?.message ?? ''));
}

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
    client.release();
    return result;
  } catch (error) {
    // a connection that is gone (or silent) cannot roll back: waiting for it would double the timeout; discarded,
    // its transaction ends with it on the server
    if (isUnreachable(error)) client.release(error as Error);
    else {
      const failed = await client.query('ROLLBACK').then(
        () => undefined,
        (rollback: Error) => rollback,
      );
      client.release(failed);
    }
    throw error;
  }
}

// bigint columns hold millisecond times and row ids, all far below 2^53: read them as numbers
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? Number
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/**
 * A connection pool that fails within busyTimeoutMs instead of hanging a turn when the server is slow, gone or
 * frozen (docs/security.md 40): connecting, waiting for a lock, running a statement, and (`query_timeout`, on the
 * client) waiting for a server that accepted the connection but never answers.
 */
export function createPool(config: PostgresConfig, logger?: Logger): pg.Pool {
  // a live server cancels a slow statement itself, a little before the client gives up: only a silent one reaches
  // `query_timeout`, which is what counts as unreachable (isUnreachable)
  const serverMs = config.busyTimeoutMs - Math.min(1_000, Math.trunc(config.busyTimeoutMs / 5));
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolSize,
    connectionTimeoutMillis: config.busyTimeoutMs,
    idleTimeoutMillis: 30_000,
    statement_timeout: serverMs,
    lock_timeout: serverMs,
    query_timeout: config.busyTimeoutMs,
    application_name: 'investor-bot',
    types,
  });
  // an idle connection dropped by the server must not crash the process: the next query reconnects
  pool.on('error', (error) => logger?.warn({ err: { message: error.message } }, 'PostgreSQL connection lost'));
  return pool;
}

/**
 * The pool as the stores use it: every query and checkout through `health`, which fails them at once while the
 * server is unreachable; a checked-out connection's queries (a transaction) tell `health` when the server is lost.
 */
export function guardedPool(pool: pg.Pool, health: StoreHealth): pg.Pool {
  const watched = (client: pg.PoolClient) =>
    new Proxy(client, {
      get(target, key, receiver) {
        if (key !== 'query') return Reflect.get(target, key, receiver);
        return (...args: Parameters<pg.PoolClient['query']>) =>
          (target.query(...args) as unknown as Promise<unknown>).catch((error: unknown) => {
            health.observe(error);
            throw error;
          });
      },
    });
  return new Proxy(pool, {
    get(target, key, receiver) {
      if (key === 'query') {
        return (...args: Parameters<pg.Pool['query']>) =>
          health.run(() => target.query(...args) as unknown as Promise<unknown>);
      }
      if (key === 'connect') return () => health.run(() => target.connect()).then(watched);
      return Reflect.get(target, key, receiver);
    },
  });
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
