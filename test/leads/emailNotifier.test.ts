import { expect } from 'chai';
import { EmailNotifier } from '../../src/leads/emailNotifier.js';
import { OutboxWorker } from '../../src/leads/outboxWorker.js';
import { openSqlite, type SqliteDatabase } from '../../src/storage/sqlite/database.js';
import { SqliteLeadStore } from '../../src/storage/sqlite/leadStore.js';
import { SmtpInbox } from '../fakes/smtpInbox.js';
import { closedPort } from '../fakes/webhookReceiver.js';
import { newLead } from '../fixtures/leads.js';
import { capturingLogger } from '../helpers/logCapture.js';
import { tempDatabase } from '../helpers/tempDatabase.js';
import { waitUntil } from '../helpers/waitUntil.js';

describe('Outbox delivery by e-mail (real loopback SMTP server)', () => {
  let temp: ReturnType<typeof tempDatabase>;
  let db: SqliteDatabase;
  let store: SqliteLeadStore;
  let inbox: SmtpInbox | null;
  let worker: OutboxWorker | null;

  beforeEach(() => {
    temp = tempDatabase();
    db = openSqlite(temp.config);
    store = new SqliteLeadStore(db);
    inbox = null;
    worker = null;
  });
  afterEach(async () => {
    await worker?.stop();
    await inbox?.stop();
    db.close();
    temp.remove();
  });

  async function start(smtpUrl: string) {
    worker = new OutboxWorker({
      store,
      notifiers: {
        email: new EmailNotifier({
          smtpUrl,
          from: 'bot@agency.example',
          fallbackTo: 'leads@agency.example',
          timeoutMs: 2_000,
        }),
      },
      retry: { maxAttempts: 10, baseMs: 50, maxMs: 200 },
      logger: capturingLogger().logger,
      leaseMs: 10_000,
      pollMs: 50,
    });
    await worker.start();
  }

  it('e-mails the lead, with its reference and the enquiry, to the inbox for contacts without a published address', async () => {
    inbox = new SmtpInbox();
    const url = await inbox.start();
    const { lead } = await store.save(newLead({ channels: ['email'] }));
    await start(url);
    await waitUntil(() => inbox!.mails.length === 1);
    const [mail] = inbox.mails;
    expect(mail!.to).to.deep.equal(['leads@agency.example']);
    expect(mail!.raw).to.include(`Investor enquiry ${lead.reference}`);
    expect(mail!.raw).to.include(`Message-ID: <${lead.reference}.lead@investor-enquiry-bot>`);
    expect(mail!.raw).to.include('production site for catheters');
    expect(mail!.raw).to.include('Lima Medical Ltd');
    await waitUntil(async () => (await store.list())[0]!.deliveries[0]!.status === 'delivered');
  });

  it('e-mails a lead for Gabriel Flemming to his own published address', async () => {
    inbox = new SmtpInbox();
    const url = await inbox.start();
    const sample = newLead({ channels: ['email'] });
    sample.lead.contact = {
      ...sample.lead.contact,
      id: 'gabriel-flemming',
      name: 'Gabriel Flemming',
      email: 'gabriel.flemming@gtai.de',
    };
    await store.save(sample);
    await start(url);
    await waitUntil(() => inbox!.mails.length === 1);
    expect(inbox.mails[0]!.to).to.deep.equal(['gabriel.flemming@gtai.de']);
  });

  it('keeps the lead queued while the SMTP server is down and delivers it once it is up', async () => {
    const port = await closedPort();
    const { lead } = await store.save(newLead({ channels: ['email'] }));
    await start(`smtp://127.0.0.1:${port}`);
    await waitUntil(async () => (await store.list())[0]!.deliveries[0]!.attempts >= 2);
    expect((await store.list())[0]!.deliveries[0]!.status).to.equal('pending');
    inbox = new SmtpInbox();
    await inbox.start(port);
    await waitUntil(() => inbox!.mails.length === 1);
    expect(inbox.mails[0]!.raw).to.include(lead.reference);
  });
});
