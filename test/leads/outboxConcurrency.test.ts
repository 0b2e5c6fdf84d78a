import { expect } from 'chai';
import type { Notifier } from '../../src/leads/deliveryError.js';
import { OutboxWorker } from '../../src/leads/outboxWorker.js';
import { WebhookNotifier } from '../../src/leads/webhookNotifier.js';
import type { Lead, NewLead } from '../../src/storage/leadStore.js';
import { openSqlite, type SqliteDatabase } from '../../src/storage/sqlite/database.js';
import { SqliteLeadStore } from '../../src/storage/sqlite/leadStore.js';
import { WebhookReceiver } from '../fakes/webhookReceiver.js';
import { newLead } from '../fixtures/leads.js';
import { capturingLogger } from '../helpers/logCapture.js';
import { tempDatabase } from '../helpers/tempDatabase.js';
import { waitUntil } from '../helpers/waitUntil.js';

/** The webhook timeout the bot uses unless LEADS_WEBHOOK_TIMEOUT_MS says otherwise. */
const DEFAULT_TIMEOUT_MS = 10_000;

/** Each contact's leads go to that contact's own webhook receiver. */
class PerContactWebhooks implements Notifier {
  constructor(private readonly byContact: Record<string, Notifier>) {}

  deliver(lead: Lead): Promise<void> {
    return this.byContact[lead.contact.id]!.deliver(lead);
  }
}

function leadFor(contactId: string): NewLead {
  const sample = newLead();
  return { ...sample, lead: { ...sample.lead, contact: { ...sample.lead.contact, id: contactId } } };
}

// docs/security.md 45: one receiver that hangs delays only its own lead, never the others
describe('Outbox delivery while one receiver hangs', function () {
  this.timeout(40_000);
  let temp: ReturnType<typeof tempDatabase>;
  let db: SqliteDatabase;
  let store: SqliteLeadStore;
  let hanging: WebhookReceiver;
  let fast: WebhookReceiver;
  let worker: OutboxWorker | null;

  beforeEach(() => {
    temp = tempDatabase();
    db = openSqlite(temp.config);
    store = new SqliteLeadStore(db);
    hanging = new WebhookReceiver(['hang']);
    fast = new WebhookReceiver([{ status: 200 }]);
    worker = null;
  });
  afterEach(async () => {
    // the hanging receiver lets go first, so the worker's stop does not wait for a timeout
    await hanging.stop();
    await worker?.stop();
    await fast.stop();
    db.close();
    temp.remove();
  });

  async function startWorker(notifier: Notifier, timeoutMs: number, concurrency?: number): Promise<OutboxWorker> {
    worker = new OutboxWorker({
      store,
      notifiers: { webhook: notifier },
      retry: { maxAttempts: 10, baseMs: 100, maxMs: 200 },
      logger: capturingLogger().logger,
      leaseMs: 2 * timeoutMs + 30_000,
      pollMs: 50,
      ...(concurrency ? { concurrency } : {}),
    });
    await worker.start();
    return worker;
  }

  /** Stores a lead and tells the worker, as the intake does. */
  async function submit(contactId: string): Promise<string> {
    const { lead } = await store.save(leadFor(contactId));
    worker!.kick();
    return lead.reference;
  }

  async function deliveryOf(reference: string) {
    const record = (await store.list()).find((r) => r.lead.reference === reference);
    return record!.deliveries[0]!;
  }

  it('delivers 5 leads within 2 s while the lead before them hangs until the 10 s timeout, then retries that one', async () => {
    const slow = new WebhookNotifier(await hanging.start(), DEFAULT_TIMEOUT_MS);
    const quick = new WebhookNotifier(await fast.start(), DEFAULT_TIMEOUT_MS);
    await startWorker(new PerContactWebhooks({ 'slow-contact': slow, 'fast-contact': quick }), DEFAULT_TIMEOUT_MS);

    const stuck = await submit('slow-contact');
    await hanging.waitFor(1);
    const started = Date.now();
    const others: string[] = [];
    for (let i = 0; i < 5; i++) others.push(await submit('fast-contact'));

    await waitUntil(async () => {
      const states = await Promise.all(others.map(deliveryOf));
      return states.every((s) => s.status === 'delivered');
    }, 2_000);
    expect(Date.now() - started).to.be.below(2_000);
    expect(fast.received.map((r) => r.idempotencyKey).sort()).to.deep.equal([...others].sort());
    expect(await deliveryOf(stuck)).to.include({ status: 'pending', attempts: 0 });

    // the hanging try times out and the lead is tried again, with the same key
    const tries = await hanging.waitFor(2, DEFAULT_TIMEOUT_MS + 5_000);
    expect(tries.map((t) => t.idempotencyKey)).to.deep.equal([stuck, stuck]);
    expect(await deliveryOf(stuck)).to.include({ status: 'pending', attempts: 1, lastError: 'webhook: timed out' });
    expect(fast.received).to.have.length(5);
  });

  it('runs no more deliveries at once than configured', async () => {
    const url = await hanging.start();
    await startWorker(new WebhookNotifier(url, 500), 500, 3);
    for (let i = 0; i < 5; i++) await submit('slow-contact');
    await hanging.waitFor(3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hanging.received).to.have.length(3);
    // as the first tries time out, the two left waiting get their turn
    const keys = new Set((await hanging.waitFor(5, 5_000)).map((r) => r.idempotencyKey));
    expect(keys.size).to.equal(5);
  });
});
