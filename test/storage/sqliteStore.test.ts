import Database from 'better-sqlite3';
import { expect } from 'chai';
import { openSqlite, type SqliteDatabase } from '../../src/storage/sqlite/database.js';
import { SqliteLeadStore } from '../../src/storage/sqlite/leadStore.js';
import { StoreError } from '../../src/storage/storeError.js';
import { newLead } from '../fixtures/leads.js';
import { tempDatabase } from '../helpers/tempDatabase.js';

describe('SQLite store: what only a file does', () => {
  let temp: ReturnType<typeof tempDatabase>;
  let db: SqliteDatabase;
  let store: SqliteLeadStore;

  beforeEach(() => {
    temp = tempDatabase();
    db = openSqlite(temp.config);
    store = new SqliteLeadStore(db);
  });
  afterEach(() => {
    if (db.open) db.close();
    temp.remove();
  });

  /** Row counts as a second connection sees them: what is really committed in the file. */
  function committed(): { leads: number; outbox: number } {
    const other = new Database(temp.file, { readonly: true });
    const count = (table: string) => (other.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    const result = { leads: count('leads'), outbox: count('outbox') };
    other.close();
    return result;
  }

  it('opens the file in WAL mode with synchronous=FULL', () => {
    expect(db.pragma('journal_mode', { simple: true })).to.equal('wal');
    expect(db.pragma('synchronous', { simple: true })).to.equal(2);
  });

  it('fails as busy, not silently, while another connection holds the write lock', async () => {
    const other = new Database(temp.file);
    other.exec('BEGIN IMMEDIATE');
    try {
      const error = await store.save(newLead()).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(StoreError);
      expect((error as StoreError).transient).to.equal(true);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(committed().leads).to.equal(0);
  });
});
