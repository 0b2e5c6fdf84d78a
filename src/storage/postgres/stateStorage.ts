import { randomUUID } from 'node:crypto';
import type { StoreItems } from 'botbuilder';
import type pg from 'pg';
import { ETagConflict, type StateStore } from '../stateStore.js';
import { inTransaction, pgStoreError, withPgStoreError } from './pool.js';

// an item with an eTag is written only while the stored row still has that eTag (or no row exists yet)
const UPSERT = `INSERT INTO state (key, doc, etag, updated_at) VALUES ($1, $2, $3, $4)
  ON CONFLICT (key) DO UPDATE SET doc = excluded.doc, etag = excluded.etag, updated_at = excluded.updated_at`;
const UPSERT_IF_MATCH = `${UPSERT} WHERE state.etag = $5 RETURNING key`;

/** Conversation state in PostgreSQL, shared by every instance (see {@link StateStore} for the eTag rules). */
export class PostgresStateStorage implements StateStore {
  constructor(private readonly pool: pg.Pool) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    if (keys.length === 0) return items;
    const { rows } = await withPgStoreError('read conversation state', () =>
      this.pool.query<{ key: string; doc: string; etag: string }>(
        'SELECT key, doc, etag FROM state WHERE key = ANY($1)',
        [keys],
      ),
    );
    for (const row of rows) items[row.key] = { ...JSON.parse(row.doc), eTag: row.etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const entries = Object.entries(changes);
    if (entries.length === 0) return;
    const now = Date.now();
    const writeOne = async (db: pg.Pool | pg.PoolClient, key: string, item: unknown) => {
      const { eTag, ...doc } = item as { eTag?: string };
      const values = [key, JSON.stringify(doc), randomUUID(), now];
      if (eTag && eTag !== '*') {
        const result = await db.query(UPSERT_IF_MATCH, [...values, eTag]);
        if (result.rowCount === 0) throw new ETagConflict(key);
      } else {
        await db.query(UPSERT, values);
      }
    };
    try {
      // a turn saves one key: one round trip; several keys are all-or-nothing
      if (entries.length === 1) await writeOne(this.pool, entries[0]![0], entries[0]![1]);
      else
        await inTransaction(this.pool, async (client) => {
          for (const [key, item] of entries) await writeOne(client, key, item);
        });
    } catch (error) {
      if (error instanceof ETagConflict) throw error;
      throw pgStoreError('save conversation state', error);
    }
  }

  async delete(keys: string[]): Promise<void> {
    await withPgStoreError('delete conversation state', () =>
      this.pool.query('DELETE FROM state WHERE key = ANY($1)', [keys]),
    );
  }

  async forgetOlderThan(before: number): Promise<number> {
    const result = await withPgStoreError('forget conversation state', () =>
      this.pool.query('DELETE FROM state WHERE updated_at < $1', [before]),
    );
    return result.rowCount ?? 0;
  }
}
