import { expect } from 'chai';
import { type App, createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { openStore } from '../src/storage/openStore.js';
import { WebhookReceiver } from './fakes/webhookReceiver.js';
import { newLead } from './fixtures/leads.js';
import { tempDatabase } from './helpers/tempDatabase.js';

const DAY = 24 * 60 * 60 * 1000;

describe('The app: createApp only wires, start() starts the outbox and the retention policy', function () {
  this.timeout(30_000);
  const webhook = new WebhookReceiver();
  let temp: ReturnType<typeof tempDatabase>;
  let app: App | null = null;
  let waiting: string;

  before(async () => {
    temp = tempDatabase();
    const hook = await webhook.start();
    // left by an earlier run: a lead waiting for delivery, and one past the 180 days it may be kept
    const store = await openStore(temp.config);
    waiting = (await store.leads.save(newLead())).lead.reference;
    await store.leads.save(newLead({ time: new Date(Date.now() - 200 * DAY).toISOString(), channels: [] }));
    await store.close();
    const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', DATABASE_URL: temp.url, LEADS_WEBHOOK_URL: hook });
    app = await createApp(config, { logger: createLogger('silent') });
  });
  after(async () => {
    await app?.close();
    await webhook.stop();
    temp.remove();
  });

  it('delivers nothing and deletes nothing before start() (a tool can build the app and only read)', async () => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(webhook.received).to.deep.equal([]);
    expect(await app!.leads.list()).to.have.length(2);
  });

  it('delivers the waiting lead and applies the retention policy once started', async () => {
    await app!.start();
    await app!.start(); // once: a second call starts nothing twice
    const delivered = await webhook.waitFor(1);
    expect(delivered.map((d) => d.idempotencyKey)).to.include(waiting);
    expect((await app!.leads.list()).map((r) => r.lead.reference)).to.deep.equal([waiting]);
  });
});
