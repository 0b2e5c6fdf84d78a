import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { SqliteConfig } from '../databaseConfig.js';
import { StoreError } from '../storeError.js';
import { SQLITE_MIGRATIONS } from './migrations.js';

export type SqliteDatabase = Database.Database;

/**
 * Opens (and on first start creates) the SQLite file: WAL so readers never block the writer, `synchronous=FULL` so a
 * committed lead survives a power cut (what every turn writes relaxes it: see relaxedSync.ts), foreign keys on, and
 * the schema migrated to the newest step.
 */
export function openSqlite(config: SqliteConfig): SqliteDatabase {
  let db: SqliteDatabase;
  try {
    if (config.kind === 'sqlite') {
      mkdirSync(dirname(config.file), { recursive: true });
      db = new Database(config.file, { timeout: config.busyTimeoutMs });
      db.pragma('journal_mode = WAL');
    } else {
      db = new Database(':memory:');
    }
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${Math.trunc(config.busyTimeoutMs)}`);
    migrate(db);
  } catch (error) {
    const where = config.kind === 'sqlite' ? config.file : ':memory:';
    throw new StoreError(`DATABASE_URL: cannot open ${where}: ${(error as Error).message}`, false, { cause: error });
  }
  return db;
}

function migrate(db: SqliteDatabase): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SQLITE_MIGRATIONS.length) {
    throw new Error(`the database is from a newer version (schema ${version}); upgrade the bot`);
  }
  for (let step = version; step < SQLITE_MIGRATIONS.length; step++) {
    db.transaction(() => {
      db.exec(SQLITE_MIGRATIONS[step]!);
      db.pragma(`user_version = ${step + 1}`);
    }).immediate();
  }
}
