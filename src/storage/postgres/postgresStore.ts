import type { Logger } from 'pino';
import type { PostgresConfig } from '../../config.js';
import type { Store } from '../store.js';
import { StoreError } from '../storeError.js';
import { PostgresInsightLog } from './insightLog.js';
import { PostgresLeadStore } from './leadStore.js';
import { migrate } from './migrate.js';
import { POSTGRES_MIGRATIONS } from './migrations.js';
import { createPool, describeTarget, pgStoreError } from './pool.js';
import { PostgresSeenActivities } from './seenActivities.js';
import { PostgresStateStorage } from './stateStorage.js';
import { PostgresTeamsConversationStore } from './teamsConversations.js';
import { PostgresWelcomes } from './welcomes.js';

/** The scale-out store: one PostgreSQL database shared by every bot instance; the schema is migrated at start. */
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
  let open = true;
  return {
    kind: 'postgres',
    state: new PostgresStateStorage(pool),
    seen: new PostgresSeenActivities(pool),
    welcomes: new PostgresWelcomes(pool),
    leads: new PostgresLeadStore(pool),
    teamsConversations: new PostgresTeamsConversationStore(pool),
    insights: new PostgresInsightLog(pool),
    isOpen: () => open,
    close: async () => {
      if (!open) return;
      open = false;
      await pool.end();
    },
  };
}
