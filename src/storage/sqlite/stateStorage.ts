import { randomUUID } from 'node:crypto';
import type { StoreItems } from 'botbuilder';
import { ETagConflict, type StateStore } from '../stateStore.js';
import { storeError, withStoreError } from '../storeError.js';
import type { SqliteDatabase } from './database.js';
import { TurnWrites } from './turnWrites.js';

/** Conversation state in the SQLite file (see {@link StateStore} for the eTag rules). */
export class SqliteStateStorage implements StateStore {
  private readonly select;
  private readonly upsert;
  private readonly remove;
  /**
   * `writes`: the small writes of other turns (handled-activity claims, insight lines) that a state write commits
   * along (see TurnWrites). Not fsynced on its own: a power cut may only make a conversation forget its last turn
   * (see relaxedSync).
   */
  constructor(
    private readonly db: SqliteDatabase,
    private readonly writes = new TurnWrites(db),
  ) {
    this.select = db.prepare<[string], { doc: string; etag: string }>('SELECT doc, etag FROM state WHERE key = ?');
    this.upsert = db.prepare<[string, string, string, number]>(
      `INSERT INTO state (key, doc, etag, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET doc = excluded.doc, etag = excluded.etag, updated_at = excluded.updated_at`,
    );
    this.remove = db.prepare<[string]>('DELETE FROM state WHERE key = ?');
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    withStoreError('read conversation state', () => {
      for (const key of keys) {
        const row = this.select.get(key);
        if (row) items[key] = { ...JSON.parse(row.doc), eTag: row.etag };
      }
    });
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const now = Date.now();
    const writeAll = () => {
      for (const [key, item] of Object.entries(changes)) {
        const { eTag, ...doc } = item as { eTag?: string };
        if (eTag && eTag !== '*') {
          const current = this.select.get(key);
          if (current && current.etag !== eTag) throw new ETagConflict(key);
        }
        this.upsert.run(key, JSON.stringify(doc), randomUUID(), now);
      }
    };
    try {
      this.writes.commitWith(writeAll);
    } catch (error) {
      if (error instanceof ETagConflict) throw error;
      throw storeError('save conversation state', error);
    }
  }

  async delete(keys: string[]): Promise<void> {
    withStoreError('delete conversation state', () =>
      this.db.transaction(() => {
        for (const key of keys) this.remove.run(key);
      })(),
    );
  }

  async forgetOlderThan(before: number): Promise<number> {
    return withStoreError(
      'forget conversation state',
      () => this.db.prepare('DELETE FROM state WHERE updated_at < ?').run(before).changes,
    );
  }
}
