import type { Logger } from 'pino';
import type { DatabaseConfig } from './databaseConfig.js';
import { openPostgresStore } from './postgres/postgresStore.js';
import { openSqliteStore } from './sqlite/sqliteStore.js';
import type { Store } from './store.js';

/** Opens the configured store and brings its schema to the newest step; rejects with a StoreError naming the cause. */
export function openStore(config: DatabaseConfig, logger?: Logger): Promise<Store> {
  return config.kind === 'postgres' ? openPostgresStore(config, logger) : Promise.resolve(openSqliteStore(config));
}
