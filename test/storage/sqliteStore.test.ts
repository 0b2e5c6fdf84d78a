import Database from 'better-sqlite3';
import { expect } from 'chai';
import { openSqlite, type SqliteDatabase } from '../../src/storage/sqlite/database.js';
import { SqliteInsightLog } from '../../src/storage/sqlite/insightLog.js';
import { SqliteLeadStore } from '../../src/storage/sqlite/leadStore.js';
import { relaxedSync } from '../../src/storage/sqlite/relaxedSync.js';
import { SqliteSeenActivities } from '../../src/storage/sqlite/seenActivities.js';
import { SqliteStateStorage } from '../../src/storage/sqlite/stateStorage.js';
import { TurnWrites } from '../../src/storage/sqlite/turnWrites.js';
import { ETagConflict } from '../../src/storage/stateStore.js';
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

  it('runs relaxed writes under synchronous=NORMAL and puts the connection back to FULL, even when they fail', () => {
    const relaxed = relaxedSync(db);
    expect(relaxed(() => db.pragma('synchronous', { simple: true }))).to.equal(1);
    expect(db.pragma('synchronous', { simple: true })).to.equal(2);
    expect(() =>
      relaxed(() => {
        throw new Error('boom');
      }),
    ).to.throw('boom');
    expect(db.pragma('synchronous', { simple: true })).to.equal(2);
  });

  it('leaves the connection at FULL for leads after state, handled ids and insight lines were written', async () => {
    const state = new SqliteStateStorage(db);
    await state.write({ k: { n: 1 } });
    const { k } = await state.read(['k']);
    const stale = await state.write({ k: { n: 2, eTag: 'old' } }).catch((e: unknown) => e);
    expect(stale).to.be.instanceOf(ETagConflict);
    await state.write({ k: { n: 3, eTag: (k as { eTag: string }).eTag } });
    expect(await new SqliteSeenActivities(db).firstSeen('a1', Date.now())).to.equal(true);
    await new SqliteInsightLog(db).recordUnanswered({
      at: Date.now(),
      channel: 'webchat',
      language: 'en',
      question: 'q',
    });
    expect(db.pragma('synchronous', { simple: true })).to.equal(2);
    await store.save(newLead());
    expect(committed()).to.deep.equal({ leads: 1, outbox: 1 });
  });

  // the handled-activity claim of every message turn (src/storage/sqlite/seenActivities.ts): claims that arrive
  // together share one commit, and a repeat among them is still a repeat
  it('commits the handled-activity claims of turns that arrive together at once, each answered as before', async () => {
    const seen = new SqliteSeenActivities(db);
    let commits = 0;
    const exec = db.exec.bind(db);
    db.exec = (sql: string) => {
      // each commit of what a turn writes runs under relaxedSync, which turns synchronous down once
      if (sql === 'PRAGMA synchronous = NORMAL') commits++;
      return exec(sql);
    };
    const now = Date.now();
    const keys = ['a', 'b', 'a', 'c', 'b', 'd', 'e', 'f', 'g', 'h'];
    expect(await Promise.all(keys.map((key) => seen.firstSeen(key, now)))).to.deep.equal([
      ...[true, true, false, true, false],
      ...[true, true, true, true, true],
    ]);
    expect(commits).to.equal(1);
    expect(await seen.firstSeen('a', now)).to.equal(false);
    expect(commits).to.equal(2);
    const other = new Database(temp.file, { readonly: true });
    expect(other.prepare('SELECT count(*) AS n FROM seen_activities').get()).to.deep.equal({ n: 8 });
    other.close();
  });

  // what every turn writes shares commits (src/storage/sqlite/turnWrites.ts): a conversation's state written while
  // claims and insight lines wait commits them along; each claim is answered only once committed
  it('commits the claims and insight lines waiting with a state written meanwhile, and leaves them for their own commit when it fails', async () => {
    const writes = new TurnWrites(db);
    const seen = new SqliteSeenActivities(db, writes);
    const state = new SqliteStateStorage(db, writes);
    const insights = new SqliteInsightLog(db, writes);
    let commits = 0;
    const exec = db.exec.bind(db);
    db.exec = (sql: string) => {
      if (sql === 'PRAGMA synchronous = NORMAL') commits++;
      return exec(sql);
    };
    const other = new Database(temp.file, { readonly: true });
    const count = (table: string) => (other.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    const now = Date.now();
    let answered = false;
    const claims = Promise.all(['a', 'b', 'a'].map((key) => seen.firstSeen(key, now))).then((firsts) => {
      answered = true;
      return firsts;
    });
    const logged = insights.recordUnanswered({ at: now, channel: 'webchat', language: 'en', question: 'q' });
    await state.write({ k: { n: 1 } });
    // one commit held the state, both claims and the line; the claims were not answered before it
    expect([commits, count('seen_activities'), count('unanswered_questions'), count('state')]).to.deep.equal([
      1, 2, 1, 1,
    ]);
    expect(await claims).to.deep.equal([true, true, false]);
    expect(answered).to.equal(true);
    await logged;
    // a state write that fails (a stale eTag) commits nothing of the waiting claims: their own commit does
    const more = seen.firstSeen('c', now);
    const stale = await state.write({ k: { n: 2, eTag: 'old' } }).catch((e: unknown) => e);
    expect(stale).to.be.instanceOf(ETagConflict);
    expect(count('seen_activities')).to.equal(2);
    expect(await more).to.equal(true);
    expect([count('seen_activities'), commits]).to.deep.equal([3, 3]);
    other.close();
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
