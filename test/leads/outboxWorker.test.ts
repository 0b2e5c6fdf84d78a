import { expect } from 'chai';
import { LeadPayloadSchema } from '../../src/leads/leadPayload.js';
import { OutboxWorker } from '../../src/leads/outboxWorker.js';
import { WebhookNotifier } from '../../src/leads/webhookNotifier.js';
import { openSqlite, type SqliteDatabase } from '../../src/storage/sqlite/database.js';
import { SqliteLeadStore } from '../../src/storage/sqlite/leadStore.js';
import { closedPort, type WebhookAnswer, WebhookReceiver } from '../fakes/webhookReceiver.js';
import { newLead } from '../fixtures/leads.js';
import { capturingLogger } from '../helpers/logCapture.js';
import { tempDatabase } from '../helpers/tempDatabase.js';
import { waitUntil } from '../helpers/waitUntil.js';

const RETRY = { maxAttempts: 6, baseMs: 20, maxMs: 200 };

describe('Outbox delivery to the lead webhook', () => {
  let temp: ReturnType<typeof tempDatabase>;
  let db: SqliteDatabase;
  let store: SqliteLeadStore;
  let receiver: WebhookReceiver;
  let worker: OutboxWorker | null;
  let log: ReturnType<typeof capturingLogger>;

  beforeEach(() => {
    temp = tempDatabase();
    db = openSqlite(temp.config);
    store = new SqliteLeadStore(db);
    log = capturingLogger();
    worker = null;
  });
  afterEach(async () => {
    await worker?.stop();
    await receiver?.stop();
    db.close();
    temp.remove();
  });

  async function deliverWith(url: string, retry = RETRY): Promise<OutboxWorker> {
    worker = new OutboxWorker({
      store,
      notifiers: { webhook: new WebhookNotifier(url, 300) },
      retry,
      logger: log.logger,
      leaseMs: 5_000,
      pollMs: 50,
    });
    await worker.start();
    return worker;
  }

  async function receiverAnswering(script: WebhookAnswer[]): Promise<string> {
    receiver = new WebhookReceiver(script);
    return receiver.start();
  }

  async function deliveryOf(reference: string) {
    const [record] = (await store.list()).filter((r) => r.lead.reference === reference);
    return record!.deliveries[0]!;
  }

  it('delivers through 503, a dropped connection and a timeout, with the same Idempotency-Key each time', async () => {
    const { lead } = await store.save(newLead());
    const url = await receiverAnswering([{ status: 503 }, 'drop', 'hang', { status: 200 }]);
    await deliverWith(url);
    const tries = await receiver.waitFor(4);
    await waitUntil(async () => (await deliveryOf(lead.reference)).status === 'delivered');
    expect(tries.map((t) => t.idempotencyKey)).to.deep.equal(Array(4).fill(lead.reference));
    expect(LeadPayloadSchema.parse(tries[3]!.body).reference).to.equal(lead.reference);
    expect((await deliveryOf(lead.reference)).attempts).to.equal(4);
  });

  it('waits at least as long as a 429 Retry-After asks', async () => {
    const { lead } = await store.save(newLead());
    const url = await receiverAnswering([{ status: 429, headers: { 'retry-after': '1' } }, { status: 200 }]);
    await deliverWith(url);
    const [first, second] = await receiver.waitFor(2);
    expect(second!.at - first!.at).to.be.at.least(950);
    await waitUntil(async () => (await deliveryOf(lead.reference)).status === 'delivered');
  });

  it('delivers once a receiver that refused connections comes up', async () => {
    const port = await closedPort();
    const { lead } = await store.save(newLead());
    await deliverWith(`http://127.0.0.1:${port}/leads`);
    await waitUntil(async () => (await deliveryOf(lead.reference)).attempts >= 2);
    expect((await deliveryOf(lead.reference)).lastError).to.match(/ECONNREFUSED/);
    receiver = new WebhookReceiver([{ status: 200 }]);
    await receiver.start(port);
    await waitUntil(async () => (await deliveryOf(lead.reference)).status === 'delivered');
    expect(receiver.received[0]!.idempotencyKey).to.equal(lead.reference);
  });

  it('parks a lead the receiver rejects with a 4xx after one try, with an alert in the log', async () => {
    const { lead } = await store.save(newLead());
    const url = await receiverAnswering([{ status: 422 }]);
    await deliverWith(url);
    await waitUntil(async () => (await deliveryOf(lead.reference)).status === 'dead');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received).to.have.length(1);
    const alert = log.lines.find((l) => l.alert === 'lead-delivery-parked');
    expect(alert).to.include({ reference: lead.reference, reason: 'webhook: HTTP 422' });
    expect((await store.list()).map((r) => r.lead.reference)).to.include(lead.reference);
  });

  it('parks a lead after the last allowed try, keeps it, and delivers it again once requeued', async () => {
    const { lead } = await store.save(newLead());
    const url = await receiverAnswering([{ status: 500 }]);
    await deliverWith(url, { ...RETRY, maxAttempts: 3 });
    await waitUntil(async () => (await deliveryOf(lead.reference)).status === 'dead');
    expect(receiver.received).to.have.length(3);
    expect(log.lines.some((l) => l.alert === 'lead-delivery-parked' && l.attempts === 3)).to.equal(true);

    receiver.answer([{ status: 200 }]);
    expect(await store.retryDead(lead.reference, Date.now())).to.equal(1);
    worker!.kick();
    await waitUntil(async () => (await deliveryOf(lead.reference)).status === 'delivered');
  });

  it('never writes investor names, e-mails or phone numbers to the log', async () => {
    const sample = newLead();
    await store.save(sample);
    const url = await receiverAnswering([{ status: 503 }, { status: 200 }]);
    await deliverWith(url);
    await receiver.waitFor(2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const text = log.raw.join('');
    expect(log.lines.length).to.be.greaterThan(0);
    for (const secret of [sample.lead.investor.name, sample.lead.investor.email, sample.lead.investor.phone!]) {
      expect(text).not.to.include(secret);
    }
  });
});
