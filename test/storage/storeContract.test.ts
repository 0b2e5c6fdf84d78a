import { expect } from 'chai';
import type { DatabaseConfig } from '../../src/storage/databaseConfig.js';
import { isReference } from '../../src/storage/leadReference.js';
import { openStore } from '../../src/storage/openStore.js';
import { applyRetention } from '../../src/storage/retention.js';
import type { Store } from '../../src/storage/store.js';
import { StoreError } from '../../src/storage/storeError.js';
import { newLead } from '../fixtures/leads.js';
import { postgresDatabase } from '../helpers/embeddedPostgres.js';
import { tempDatabase } from '../helpers/tempDatabase.js';

/** A fresh, empty database of one kind; `cleanup` deletes what `config` points at. */
interface Backend {
  name: string;
  fresh(): Promise<{ config: DatabaseConfig; cleanup: () => void }>;
}

const BACKENDS: Backend[] = [
  {
    name: 'SQLite file',
    fresh: async () => {
      const temp = tempDatabase();
      return { config: temp.config, cleanup: temp.remove };
    },
  },
  {
    name: 'PostgreSQL',
    fresh: async () => ({
      config: { kind: 'postgres', url: await postgresDatabase(), poolSize: 4, busyTimeoutMs: 2_000 },
      cleanup: () => {},
    }),
  },
];

const DAY = 86_400_000;

for (const backend of BACKENDS) {
  describe(`Store contract: ${backend.name}`, () => {
    let config: DatabaseConfig;
    let cleanup: () => void;
    let opened: Store[];
    let store: Store;

    /** Another connection to the same database: what a second bot instance (or a restart) sees. */
    async function another(): Promise<Store> {
      const other = await openStore(config);
      opened.push(other);
      return other;
    }

    beforeEach(async function () {
      this.timeout(20_000);
      ({ config, cleanup } = await backend.fresh());
      opened = [];
      store = await another();
    });
    afterEach(async () => {
      for (const s of opened) await s.close();
      cleanup();
    });

    describe('leads and their outbox', () => {
      it('commits a lead and one outbox row per channel together, under a fresh INV- reference', async () => {
        const { lead, created } = await store.leads.save(newLead({ channels: ['webhook', 'email'] }));
        expect(created).to.equal(true);
        expect(isReference(lead.reference)).to.equal(true);
        const [record] = await (await another()).leads.list();
        expect(record!.lead).to.deep.equal(lead);
        expect(record!.deliveries.map((d) => [d.channel, d.status])).to.deep.equal([
          ['webhook', 'pending'],
          ['email', 'pending'],
        ]);
      });

      it('stores nothing when an outbox row cannot be written (one transaction)', async () => {
        const broken = newLead({ channels: ['webhook', 'webhook'] }); // the second row breaks UNIQUE (lead, channel)
        const error = await store.leads.save(broken).catch((e: unknown) => e);
        expect(error).to.be.instanceOf(StoreError);
        expect(await (await another()).leads.list()).to.deep.equal([]);
      });

      it('stores a form sent twice in one conversation once, also when both copies arrive at once', async () => {
        const other = await another();
        const [a, b] = await Promise.all([
          store.leads.save(newLead({ dedupeKey: 'same' })),
          other.leads.save(newLead({ dedupeKey: 'same' })),
        ]);
        expect([a.created, b.created].sort()).to.deep.equal([false, true]);
        expect(a.lead.reference).to.equal(b.lead.reference);
        const again = await store.leads.save(newLead({ dedupeKey: 'same' }));
        expect(again).to.deep.include({ created: false });
        expect(await store.leads.list()).to.have.length(1);
      });

      it('stores the same form again as a new lead once the repeat window has passed', async () => {
        const earlier = new Date(Date.now() - 10 * 60_000).toISOString();
        const first = await store.leads.save(newLead({ dedupeKey: 'same', time: earlier }));
        const later = await store.leads.save(newLead({ dedupeKey: 'same' }));
        expect(later.created).to.equal(true);
        expect(later.lead.reference).not.to.equal(first.lead.reference);
      });

      it('exports and erases every lead of one e-mail address (any case), with its outbox rows', async () => {
        await store.leads.save(newLead({ email: 'ana@lima.example' }));
        await store.leads.save(newLead({ email: 'ana@lima.example' }));
        const { lead: kept } = await store.leads.save(newLead({ email: 'other@example.org' }));
        expect(await store.leads.byEmail('ANA@lima.example')).to.have.length(2);
        expect(await store.leads.eraseByEmail(' Ana@Lima.example ')).to.equal(2);
        expect(await store.leads.byEmail('ana@lima.example')).to.deep.equal([]);
        const left = await store.leads.list();
        expect(left.map((r) => r.lead.reference)).to.deep.equal([kept.reference]);
        // the erased leads' outbox rows went with them: only the kept lead's row can be claimed
        const claimed = await store.leads.claimDue(['webhook'], Date.now(), 10, 60_000);
        expect(claimed.map((c) => c.lead.reference)).to.deep.equal([kept.reference]);
      });

      it('purges leads older than the cut-off, with their outbox rows', async () => {
        await store.leads.save(newLead({ time: new Date(Date.now() - 200 * DAY).toISOString() }));
        const { lead: recent } = await store.leads.save(newLead());
        expect(await store.leads.purgeBefore(Date.now() - 180 * DAY)).to.equal(1);
        expect((await store.leads.list()).map((r) => r.lead.reference)).to.deep.equal([recent.reference]);
        const claimed = await store.leads.claimDue(['webhook'], Date.now(), 10, 60_000);
        expect(claimed).to.have.length(1);
      });

      it('queues leads stored while no channel was configured once one is, once', async () => {
        await store.leads.save(newLead({ channels: [] }));
        await store.leads.save(newLead({ channels: [] }));
        expect(await store.leads.enqueueUndelivered([], Date.now())).to.equal(0);
        expect(await store.leads.enqueueUndelivered(['webhook', 'email'], Date.now())).to.equal(2);
        expect(await store.leads.enqueueUndelivered(['webhook'], Date.now())).to.equal(0);
        const claimed = await store.leads.claimDue(['webhook', 'email'], Date.now(), 10, 60_000);
        expect(claimed).to.have.length(4);
      });

      it('claims due rows oldest first, only of the asked channels, and leases them', async () => {
        const now = Date.now();
        const { lead: older } = await store.leads.save(newLead({ time: new Date(now - 2_000).toISOString() }));
        const { lead: newer } = await store.leads.save(newLead({ time: new Date(now - 1_000).toISOString() }));
        await store.leads.save(newLead({ channels: ['email'] }));
        const claimed = await store.leads.claimDue(['webhook'], now, 10, 60_000);
        expect(claimed.map((c) => [c.lead.reference, c.channel, c.attempts])).to.deep.equal([
          [older.reference, 'webhook', 0],
          [newer.reference, 'webhook', 0],
        ]);
        // leased: neither this nor another instance gets them again until the lease ends
        expect(await (await another()).leads.claimDue(['webhook'], now + 1_000, 10, 60_000)).to.deep.equal([]);
        expect(await store.leads.claimDue(['webhook'], now + 61_000, 10, 60_000)).to.have.length(2);
        expect(await store.leads.nextDueAt(['email'])).to.be.a('number');
      });

      it('gives each due row to exactly one of several workers claiming at the same time', async () => {
        for (let i = 0; i < 30; i++) await store.leads.save(newLead());
        const workers = [store, await another(), await another()];
        const now = Date.now();
        const rounds = await Promise.all(
          workers.flatMap((w) => [1, 2, 3].map(() => w.leads.claimDue(['webhook'], now, 4, 60_000))),
        );
        const ids = rounds.flat().map((item) => item.id);
        expect(new Set(ids).size).to.equal(ids.length); // no row twice
        const rest = await store.leads.claimDue(['webhook'], now, 100, 60_000);
        expect(ids.length + rest.length).to.equal(30); // and none lost
      });

      it('records delivery, retry and parking, and puts parked rows back on request', async () => {
        const { lead: a } = await store.leads.save(newLead());
        const { lead: b } = await store.leads.save(newLead());
        const now = Date.now();
        const [first, second] = await store.leads.claimDue(['webhook'], now, 10, 60_000);
        await store.leads.markDelivered(first!.id, now);
        await store.leads.reschedule(second!.id, 1, now + 5_000, 'HTTP 503');
        expect(await store.leads.nextDueAt(['webhook'])).to.equal(now + 5_000);
        await store.leads.park(second!.id, 2, 'HTTP 410');
        expect(await store.leads.nextDueAt(['webhook'])).to.equal(null);
        const states = new Map((await store.leads.list()).map((r) => [r.lead.reference, r.deliveries[0]!]));
        expect(states.get(a.reference)).to.deep.include({ status: 'delivered', attempts: 1, lastError: null });
        expect(states.get(a.reference)!.deliveredAt).to.equal(new Date(now).toISOString());
        expect(states.get(b.reference)).to.deep.include({ status: 'dead', attempts: 2, lastError: 'HTTP 410' });
        expect(await store.leads.retryDead(b.reference.toLowerCase(), now)).to.equal(1);
        expect(await store.leads.retryDead(null, now)).to.equal(0);
        const again = await store.leads.claimDue(['webhook'], now, 10, 60_000);
        expect(again.map((c) => [c.lead.reference, c.attempts])).to.deep.equal([[b.reference, 0]]);
      });
    });

    describe('conversation state (botbuilder Storage)', () => {
      const key = 'webchat/conversations/c1/';

      it('reads back what another instance wrote, with an eTag', async () => {
        await store.state.write({ [key]: { memory: { welcomed: true } } });
        const items = await (await another()).state.read([key, 'missing']);
        expect(items[key]).to.deep.include({ memory: { welcomed: true } });
        expect(items[key]!.eTag).to.be.a('string');
        expect(items).not.to.have.property('missing');
      });

      it('refuses a write with a stale eTag (a turn raced by another instance), and accepts "*"', async () => {
        await store.state.write({ [key]: { n: 1 } });
        const { eTag } = (await store.state.read([key]))[key]!;
        await (await another()).state.write({ [key]: { n: 2, eTag } });
        const stale = await store.state.write({ [key]: { n: 3, eTag } }).catch((e: Error) => e);
        expect(stale)
          .to.be.instanceOf(Error)
          .with.property('message')
          .that.matches(/eTag conflict/);
        expect((await store.state.read([key]))[key]).to.deep.include({ n: 2 });
        await store.state.write({ [key]: { n: 4, eTag: '*' } });
        expect((await store.state.read([key]))[key]).to.deep.include({ n: 4 });
      });

      it('writes several keys all or nothing', async () => {
        await store.state.write({ a: { n: 1 } });
        const { eTag } = (await store.state.read(['a'])).a!;
        await store.state.write({ a: { n: 2 } });
        const error = await store.state.write({ b: { n: 1 }, a: { n: 3, eTag } }).catch((e: Error) => e);
        expect(error).to.be.instanceOf(Error);
        expect(await store.state.read(['b'])).to.deep.equal({});
      });

      it('deletes, and forgets conversations not written since the cut-off', async () => {
        await store.state.write({ a: { n: 1 }, b: { n: 2 } });
        await store.state.delete(['a']);
        expect(Object.keys(await store.state.read(['a', 'b']))).to.deep.equal(['b']);
        expect(await store.state.forgetOlderThan(Date.now() - 60_000)).to.equal(0);
        expect(await store.state.forgetOlderThan(Date.now() + 1)).to.equal(1);
        expect(await store.state.read(['b'])).to.deep.equal({});
      });

      it('survives a reopen', async () => {
        await store.state.write({ k: { kept: true } });
        await store.close();
        store = await another();
        expect((await store.state.read(['k'])).k).to.deep.include({ kept: true });
      });
    });

    describe('handled activities and Teams chats', () => {
      it('says "first" once per activity key, across instances, until the key is forgotten', async () => {
        const now = Date.now();
        expect(await store.seen.firstSeen('msteams/c/1', now)).to.equal(true);
        expect(await (await another()).seen.firstSeen('msteams/c/1', now)).to.equal(false);
        expect(await store.seen.firstSeen('msteams/c/2', now)).to.equal(true);
        expect(await store.seen.forgetOlderThan(now + 1)).to.equal(2);
        expect(await store.seen.firstSeen('msteams/c/1', now)).to.equal(true);
      });

      it('lets exactly one of several instances claim the welcome of a conversation, also at the same moment', async () => {
        const now = Date.now();
        const instances = [store, await another(), await another()];
        const claims = await Promise.all(
          instances.flatMap((s) => [s.welcomes.claim('msteams/a:1', now), s.welcomes.claim('msteams/a:1', now)]),
        );
        expect(claims.filter(Boolean)).to.have.length(1);
        expect(await store.welcomes.claim('msteams/a:2', now)).to.equal(true);
        expect(await store.welcomes.forgetOlderThan(now + 1)).to.equal(2);
        expect(await (await another()).welcomes.claim('msteams/a:1', now)).to.equal(true);
      });

      it("keeps, refreshes and forgets a contact's Teams conversation", async () => {
        const reference = { conversation: { id: 'a:1' }, serviceUrl: 'https://smba.example/emea/' };
        await store.teamsConversations.save('barbara-weigert', reference as never, 1);
        const moved = { ...reference, serviceUrl: 'https://smba.example/amer/' };
        await store.teamsConversations.save('barbara-weigert', moved as never, 2);
        expect(await (await another()).teamsConversations.get('barbara-weigert')).to.deep.equal(moved);
        await store.teamsConversations.remove('barbara-weigert');
        expect(await store.teamsConversations.get('barbara-weigert')).to.equal(null);
      });
    });

    describe('the anonymous insight log', () => {
      it('keeps unanswered questions and answer votes in order, and reads them from a time on', async () => {
        const t = Date.now();
        await store.insights.recordUnanswered({ at: t - 2, channel: 'webchat', language: 'en', question: 'A?' });
        await store.insights.recordUnanswered({ at: t - 1, channel: 'msteams', language: 'de', question: 'B?' });
        await store.insights.recordFeedback({
          at: t,
          channel: 'webchat',
          vote: 'down',
          passageId: 'p1',
          question: 'C?',
        });
        await store.insights.recordFeedback({ at: t, channel: 'msteams', vote: 'up', passageId: null, question: null });
        const other = await another();
        expect(await other.insights.unansweredSince(t - 1)).to.deep.equal([
          { at: t - 1, channel: 'msteams', language: 'de', question: 'B?' },
        ]);
        expect(await other.insights.feedbackSince(0)).to.deep.equal([
          { at: t, channel: 'webchat', vote: 'down', passageId: 'p1', question: 'C?' },
          { at: t, channel: 'msteams', vote: 'up', passageId: null, question: null },
        ]);
      });

      it('counts rows waiting for delivery and parked rows', async () => {
        await store.leads.save(newLead({ channels: ['webhook', 'email'] }));
        const [row] = await store.leads.claimDue(['webhook'], Date.now(), 1, 60_000);
        await store.leads.park(row!.id, 3, 'HTTP 410');
        expect(await store.leads.queueCounts()).to.deep.equal({ pending: 1, dead: 1 });
      });
    });

    it('applies the retention policy to leads, state, handled activities, welcomes and the insight log', async () => {
      const now = Date.now();
      await store.leads.save(newLead({ time: new Date(now - 200 * DAY).toISOString() }));
      await store.leads.save(newLead());
      await store.state.write({ k: { n: 1 } });
      await store.seen.firstSeen('x', now - 48 * 3_600_000);
      await store.welcomes.claim('w', now - 48 * 3_600_000);
      await store.insights.recordUnanswered({
        at: now - 400 * DAY,
        channel: 'webchat',
        language: 'en',
        question: 'old',
      });
      await store.insights.recordUnanswered({ at: now, channel: 'webchat', language: 'en', question: 'new' });
      const policy = { leadDays: 180, stateHours: 24, insightDays: 365 };
      const purged = await applyRetention(store, policy, now + 25 * 3_600_000);
      expect(purged).to.deep.equal({ leads: 1, conversations: 1, insights: 1 });
      expect((await store.insights.unansweredSince(0)).map((q) => q.question)).to.deep.equal(['new']);
      expect(await store.seen.firstSeen('x', now)).to.equal(true);
      expect(await store.welcomes.claim('w', now)).to.equal(true);
    });
  });
}
