import type { Logger } from 'pino';
import type { PostgresConfig } from '../databaseConfig.js';
import type { Store } from '../store.js';
import { StoreError } from '../storeError.js';
import { StoreHealth } from '../storeHealth.js';
import { PostgresInsightLog } from './insightLog.js';
import { PostgresLeadStore } from './leadStore.js';
import { migrate } from './migrate.js';
import { POSTGRES_MIGRATIONS } from './migrations.js';
import { createPool, describeTarget, guardedPool, isUnreachable, pgStoreError } from './pool.js';
import { PostgresSeenActivities } from './seenActivities.js';
import { PostgresStateStorage } from './stateStorage.js';
import { PostgresTeamsConversationStore } from './teamsConversations.js';
import { PostgresWelcomes } from './welcomes.js';

/** While the server answers, how often an idle bot checks that it still does (for /readyz). */
const CHECK_MS = 10_000;
/** While it does not, how often it is tried again. */
const RETRY_MS = 1_000;

/**
 * The scale-out store: one PostgreSQL database shared by every bot instance; the schema is migrated at start. While
 * the server is unreachable every call fails at once (see {@link StoreHealth}); the pool reconnects when it is back.
 */
export async function openPostgresStore(config: PostgresConfig, logger?: Logger): Promise<Store> {
  const pool = createPool(config, logger);
  try {
    await migrate(pool, POSTGRES_MIGRATIONS);
  } catch (error) {
    await pool.end().catch(() => undefined);
    const cause = pgStoreError('migrate', error);
    throw new StoreError(
      `DATABASE_URL: cannot open PostgreSQL at ${describeTarget(config.url)}: ${(error as Error).message}`,
      cause.transient,
      { cause: error },
    );
  }
  const health = new StoreHealth({
    ping: () => pool.query('SELECT 1'),
    isUnreachable,
    retryMs: RETRY_MS,
    checkMs: CHECK_MS,
    ...(logger && { logger }),
  });
  // the server dropped an idle connection: it may be restarting or gone
  pool.on('error', () => void health.check());
  health.start();
  const guarded = guardedPool(pool, health);
  let open = true;
  return {
    kind: 'postgres',
    state: new PostgresStateStorage(guarded),
    seen: new PostgresSeenActivities(guarded),
    welcomes: new PostgresWelcomes(guarded),
    leads: new PostgresLeadStore(guarded),
    teamsConversations: new PostgresTeamsConversationStore(guarded),
    insights: new PostgresInsightLog(guarded),
    isOpen: () => open,
    isUp: () => open && health.up,
    close: async () => {
      if (!open) return;
      open = false;
      health.stop();
      await pool.end();
    },
  };
}
