import { expect } from 'chai';
import pg from 'pg';
import type { PostgresConfig } from '../../src/storage/databaseConfig.js';
import { openStore } from '../../src/storage/openStore.js';
import { MIGRATION_LOCK } from '../../src/storage/postgres/migrate.js';
import { POSTGRES_MIGRATIONS } from '../../src/storage/postgres/migrations.js';
import { StoreError } from '../../src/storage/storeError.js';
import { closedPort } from '../fakes/webhookReceiver.js';
import { newLead } from '../fixtures/leads.js';
import { postgresDatabase } from '../helpers/embeddedPostgres.js';

describe('PostgreSQL store: what only a shared server does', () => {
  const configFor = (url: string): PostgresConfig => ({ kind: 'postgres', url, poolSize: 4, busyTimeoutMs: 2_000 });

  async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<T>(sql)).rows;
    } finally {
      await client.end();
    }
  }

  it('migrates once when several instances start on an empty database at the same time', async () => {
    const url = await postgresDatabase();
    const stores = await Promise.all([1, 2, 3].map(() => openStore(configFor(url))));
    try {
      const versions = await query<{ version: number }>(url, 'SELECT version FROM schema_migrations ORDER BY version');
      expect(versions.map((v) => v.version)).to.deep.equal(POSTGRES_MIGRATIONS.map((_, i) => i + 1));
      const { lead } = await stores[0]!.leads.save(newLead());
      expect((await stores[2]!.leads.list())[0]!.lead.reference).to.equal(lead.reference);
    } finally {
      for (const store of stores) await store.close();
    }
  });

  it('waits for another instance migrating longer than a store call may take (DATABASE_TIMEOUT_MS)', async () => {
    const url = await postgresDatabase();
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    await other.query('BEGIN');
    await other.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const opening = openStore({ ...configFor(url), busyTimeoutMs: 200 });
    await new Promise((resolve) => setTimeout(resolve, 800));
    await other.query('COMMIT');
    await other.end();
    const store = await opening;
    expect(await store.leads.list()).to.deep.equal([]);
    await store.close();
  });

  it('fails a call that waits too long for a lock, but does not take the server for gone (docs/security.md 40)', async () => {
    const url = await postgresDatabase();
    const store = await openStore({ ...configFor(url), busyTimeoutMs: 1_000 });
    const other = new pg.Client({ connectionString: url });
    try {
      await store.state.write({ k: { turn: 1 } });
      await other.connect();
      await other.query('BEGIN');
      await other.query("SELECT key FROM state WHERE key = 'k' FOR UPDATE");
      const error = await store.state.write({ k: { turn: 2 } }).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(StoreError);
      // the server answered (with a lock timeout): /readyz stays 200, other calls go on
      expect(store.isUp()).to.equal(true);
      await other.query('ROLLBACK');
      expect(await store.state.read(['k'])).to.have.nested.property('k.turn', 1);
    } finally {
      await other.end();
      await store.close();
    }
  });

  it('refuses a database written by a newer version of the bot', async () => {
    const url = await postgresDatabase();
    await (await openStore(configFor(url))).close();
    await query(
      url,
      `INSERT INTO schema_migrations (version, applied_at) VALUES (${POSTGRES_MIGRATIONS.length + 1}, 0)`,
    );
    const error = await openStore(configFor(url)).catch((e: unknown) => e);
    expect(error)
      .to.be.instanceOf(StoreError)
      .with.property('message')
      .that.matches(/newer version/);
  });

  it('keeps the delivery leases of other instances when an instance starts', async () => {
    const url = await postgresDatabase();
    const [a, b] = await Promise.all([openStore(configFor(url)), openStore(configFor(url))]);
    try {
      await a.leads.save(newLead());
      const now = Date.now();
      expect(await a.leads.claimDue(['webhook'], now, 10, 60_000)).to.have.length(1);
      await b.leads.releaseLeases(); // B (re)starting while A delivers
      expect(await b.leads.claimDue(['webhook'], now, 10, 60_000)).to.deep.equal([]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('fails with a transient StoreError naming the server, without the password, when it is unreachable', async () => {
    const port = await closedPort();
    const error = await openStore(configFor(`postgres://bot:s3cret-pw@127.0.0.1:${port}/investor`)).catch(
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(StoreError);
    expect((error as StoreError).transient).to.equal(true);
    expect((error as Error).message)
      .to.include(`127.0.0.1:${port}/investor`)
      .and.not.to.include('s3cret-pw');
  });
});
