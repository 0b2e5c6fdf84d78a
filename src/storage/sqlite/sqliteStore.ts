import type { SqliteConfig } from '../databaseConfig.js';
import type { Store } from '../store.js';
import { openSqlite } from './database.js';
import { SqliteInsightLog } from './insightLog.js';
import { SqliteLeadStore } from './leadStore.js';
import { SqliteSeenActivities } from './seenActivities.js';
import { SqliteStateStorage } from './stateStorage.js';
import { SqliteTeamsConversationStore } from './teamsConversations.js';
import { TurnWrites } from './turnWrites.js';
import { SqliteWelcomes } from './welcomes.js';

/** The embedded default: one SQLite file (or memory) for one bot process. */
export function openSqliteStore(config: SqliteConfig): Store {
  const db = openSqlite(config);
  // what every turn writes shares commits (see TurnWrites)
  const writes = new TurnWrites(db);
  return {
    kind: 'sqlite',
    state: new SqliteStateStorage(db, writes),
    seen: new SqliteSeenActivities(db, writes),
    welcomes: new SqliteWelcomes(db),
    leads: new SqliteLeadStore(db),
    teamsConversations: new SqliteTeamsConversationStore(db),
    insights: new SqliteInsightLog(db, writes),
    isOpen: () => db.open,
    // a local file: a full disk or a read-only file fails single writes, which the callers handle one by one
    isUp: () => db.open,
    close: async () => {
      if (db.open) db.close();
    },
  };
}
