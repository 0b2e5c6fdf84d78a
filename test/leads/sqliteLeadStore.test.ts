import Database from 'better-sqlite3';
import { expect } from 'chai';
import { isReference } from '../../src/leads/reference.js';
import { SqliteLeadStore } from '../../src/leads/sqliteLeadStore.js';
import { openSqlite, type SqliteDatabase } from '../../src/storage/sqliteDatabase.js';
import { SqliteStateStorage } from '../../src/storage/sqliteStateStorage.js';
import { StoreError } from '../../src/storage/storeError.js';
import { newLead } from '../fixtures/leads.js';
import { tempDatabase } from '../helpers/tempDatabase.js';

describe('SQLite store (real file)', () => {
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

  it('commits a lead and one outbox row per channel together, under a fresh INV- reference', async () => {
    const { lead, created } = await store.save(newLead({ channels: ['webhook', 'email'] }));
    expect(created).to.equal(true);
    expect(isReference(lead.reference)).to.equal(true);
    expect(committed()).to.deep.equal({ leads: 1, outbox: 2 });
  });

  it('stores nothing when the outbox row cannot be written (one transaction)', async () => {
    const broken = newLead({ channels: ['webhook', 'webhook'] }); // the second row breaks UNIQUE (lead, channel)
    const error = await store.save(broken).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(StoreError);
    expect(committed()).to.deep.equal({ leads: 0, outbox: 0 });
  });

  it('stores a form sent twice in one conversation once, and gives the same reference', async () => {
    const first = await store.save(newLead({ dedupeKey: 'same' }));
    const second = await store.save(newLead({ dedupeKey: 'same' }));
    expect(second.created).to.equal(false);
    expect(second.lead.reference).to.equal(first.lead.reference);
    expect(committed()).to.deep.equal({ leads: 1, outbox: 1 });
  });

  it('stores the same form again as a new lead once the repeat window has passed', async () => {
    const earlier = new Date(Date.now() - 10 * 60_000).toISOString();
    const first = await store.save(newLead({ dedupeKey: 'same', time: earlier }));
    const later = await store.save(newLead({ dedupeKey: 'same' }));
    expect(later.created).to.equal(true);
    expect(later.lead.reference).not.to.equal(first.lead.reference);
  });

  it('exports and erases every lead of one e-mail address (any case), with its outbox rows', async () => {
    await store.save(newLead({ email: 'ana@lima.example' }));
    await store.save(newLead({ email: 'ana@lima.example' }));
    await store.save(newLead({ email: 'other@example.org' }));
    expect(await store.byEmail('ANA@lima.example')).to.have.length(2);
    expect(await store.eraseByEmail('Ana@Lima.example')).to.equal(2);
    expect(committed()).to.deep.equal({ leads: 1, outbox: 1 });
    expect(await store.byEmail('ana@lima.example')).to.deep.equal([]);
  });

  it('purges leads older than the cut-off, with their outbox rows', async () => {
    const old = new Date(Date.now() - 200 * 86_400_000).toISOString();
    await store.save(newLead({ time: old }));
    const { lead: recent } = await store.save(newLead());
    expect(await store.purgeBefore(Date.now() - 180 * 86_400_000)).to.equal(1);
    expect((await store.list()).map((r) => r.lead.reference)).to.deep.equal([recent.reference]);
    expect(committed()).to.deep.equal({ leads: 1, outbox: 1 });
  });

  it('queues leads stored while no channel was configured once one is', async () => {
    await store.save(newLead({ channels: [] }));
    expect(await store.enqueueUndelivered(['webhook'], Date.now())).to.equal(1);
    expect(await store.enqueueUndelivered(['webhook'], Date.now())).to.equal(0);
    expect(committed()).to.deep.equal({ leads: 1, outbox: 1 });
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

  describe('conversation state (botbuilder Storage)', () => {
    it('reads back what it wrote, with an eTag', async () => {
      const state = new SqliteStateStorage(db);
      await state.write({ 'webchat/conversations/c1/': { memory: { welcomed: true } } });
      const items = await state.read(['webchat/conversations/c1/', 'missing']);
      expect(items['webchat/conversations/c1/']).to.deep.include({ memory: { welcomed: true } });
      expect(items['webchat/conversations/c1/']!.eTag).to.be.a('string');
      expect(items).not.to.have.property('missing');
    });

    it('refuses a write with a stale eTag, and accepts "*"', async () => {
      const state = new SqliteStateStorage(db);
      const key = 'webchat/conversations/c2/';
      await state.write({ [key]: { n: 1 } });
      const { eTag } = (await state.read([key]))[key]!;
      await state.write({ [key]: { n: 2, eTag } });
      const stale = await state.write({ [key]: { n: 3, eTag } }).catch((e: Error) => e);
      expect(stale)
        .to.be.instanceOf(Error)
        .with.property('message')
        .that.matches(/eTag conflict/);
      await state.write({ [key]: { n: 4, eTag: '*' } });
      expect((await state.read([key]))[key]).to.deep.include({ n: 4 });
    });

    it('survives a reopen of the file', async () => {
      await new SqliteStateStorage(db).write({ k: { kept: true } });
      db.close();
      db = openSqlite(temp.config);
      expect((await new SqliteStateStorage(db).read(['k'])).k).to.deep.include({ kept: true });
    });
  });
});
