import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import { openSqlite } from '../../src/storage/sqlite/database.js';
import { SqliteLeadStore } from '../../src/storage/sqlite/leadStore.js';
import { SqliteStateStorage } from '../../src/storage/sqlite/stateStorage.js';
import { newLead } from '../fixtures/leads.js';
import { tempDatabase } from '../helpers/tempDatabase.js';

describe('npm run leads (privacy commands on the real SQLite file)', function () {
  this.timeout(60_000);
  let temp: ReturnType<typeof tempDatabase>;
  const refs: Record<string, string> = {};

  beforeEach(async () => {
    temp = tempDatabase();
    const db = openSqlite(temp.config);
    const store = new SqliteLeadStore(db);
    const old = new Date(Date.now() - 40 * 86_400_000).toISOString();
    refs.ana = (
      await store.save(newLead({ email: 'ana@lima.example', channels: ['webhook', 'email'] }))
    ).lead.reference;
    refs.old = (await store.save(newLead({ email: 'old@example.org', time: old }))).lead.reference;
    refs.bo = (await store.save(newLead({ email: 'bo@example.org' }))).lead.reference;
    await new SqliteStateStorage(db).write({ 'webchat/conversations/x/': { memory: {} } });
    db.prepare('UPDATE state SET updated_at = ?').run(Date.now() - 48 * 3_600_000);
    db.close();
  });
  afterEach(() => temp.remove());

  function leads(...args: string[]) {
    return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/leads.ts', ...args], {
      env: { ...process.env, DATABASE_URL: temp.url, LEADS_RETENTION_DAYS: '30', STATE_RETENTION_HOURS: '24' },
      encoding: 'utf8',
    });
  }
  function rows(sql: string): unknown[] {
    const db = new Database(temp.file, { readonly: true });
    const result = db.prepare(sql).all();
    db.close();
    return result;
  }

  it('lists every lead with its delivery state', () => {
    const result = leads('list');
    expect(result.status).to.equal(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).to.have.length(3);
    expect(lines.find((l) => l.startsWith(refs.ana!))).to.include('webhook:pending(0) email:pending(0)');
  });

  it('exports all data for one e-mail address as JSON', () => {
    const result = leads('export', 'ANA@lima.example');
    expect(result.status).to.equal(0);
    const exported = JSON.parse(result.stdout);
    expect(exported).to.have.length(1);
    expect(exported[0].lead).to.deep.include({ reference: refs.ana });
    expect(exported[0].lead.investor.email).to.equal('ana@lima.example');
  });

  it('erases the leads of one e-mail address and their outbox rows from the file', () => {
    const result = leads('erase', 'ana@lima.example');
    expect(result.status).to.equal(0);
    expect(result.stdout).to.include('erased 1 lead(s)');
    expect(rows("SELECT reference FROM leads WHERE email = 'ana@lima.example'")).to.deep.equal([]);
    expect(rows('SELECT id FROM outbox')).to.have.length(2); // the other two leads' rows only
    expect(rows('SELECT id FROM outbox WHERE lead_id NOT IN (SELECT id FROM leads)')).to.deep.equal([]);
  });

  it('purges leads past LEADS_RETENTION_DAYS and conversation state past STATE_RETENTION_HOURS', () => {
    const result = leads('purge');
    expect(result.status).to.equal(0);
    expect(result.stdout).to.include('purged 1 lead(s) older than 30 days and 1 conversation state(s)');
    expect(rows('SELECT reference FROM leads ORDER BY reference')).to.have.deep.members([
      { reference: refs.ana },
      { reference: refs.bo },
    ]);
    expect(rows('SELECT key FROM state')).to.deep.equal([]);
  });

  it('explains its usage for an unknown command', () => {
    const result = leads('drop-everything');
    expect(result.status).to.equal(2);
    expect(result.stderr).to.include('usage: npm run leads');
    expect(rows('SELECT id FROM leads')).to.have.length(3);
  });
});
