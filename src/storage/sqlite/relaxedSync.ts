import type { SqliteDatabase } from './database.js';

/**
 * Runs writes under `synchronous=NORMAL`, then puts the connection back to FULL. In WAL mode such a commit is not
 * fsynced by itself: it survives a crash of the process, and only an OS crash or power cut before the next FULL
 * commit or checkpoint (which sync the WAL) can lose it. Only for what every turn writes (conversation state,
 * handled-activity ids, the anonymous insight log): losing the last of those makes a conversation forget its last
 * turn (or answer a re-sent message again), while their fsyncs took about a sixth of a turn. Leads, their outbox
 * and everything else keep FULL, the connection's setting. better-sqlite3 is synchronous: no other write runs
 * between. Never call it inside a transaction: SQLite refuses to change the setting there.
 */
export function relaxedSync(db: SqliteDatabase): <T>(work: () => T) => T {
  return (work) => {
    // exec, not a statement prepared once: SQLite applies this pragma when it compiles it (about 1 µs)
    db.exec('PRAGMA synchronous = NORMAL');
    try {
      return work();
    } finally {
      db.exec('PRAGMA synchronous = FULL');
    }
  };
}
