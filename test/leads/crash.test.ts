import type { ChildProcess } from 'node:child_process';
import { expect } from 'chai';
import { CaptureServer } from '../fakes/captureServer.js';
import { type WebhookAnswer, WebhookReceiver } from '../fakes/webhookReceiver.js';
import { LEAD_FORM } from '../fixtures/leads.js';
import { kill9, startBot } from '../helpers/botProcess.js';
import { tempDatabase } from '../helpers/tempDatabase.js';

describe('A confirmed lead survives kill -9 (real process, real SQLite file)', function () {
  this.timeout(60_000);
  let temp: ReturnType<typeof tempDatabase>;
  let capture: CaptureServer;
  let webhook: WebhookReceiver;
  let running: ChildProcess | null;

  beforeEach(async () => {
    temp = tempDatabase();
    capture = new CaptureServer();
    running = null;
  });
  afterEach(async () => {
    if (running && running.exitCode === null) await kill9(running);
    await capture.stop();
    await webhook.stop();
    temp.remove();
  });

  async function confirmLeadThenKill(firstAnswers: WebhookAnswer[]): Promise<string> {
    webhook = new WebhookReceiver(firstAnswers);
    const env = {
      DATABASE_URL: temp.url,
      LEADS_WEBHOOK_URL: await webhook.start(),
      LEADS_WEBHOOK_TIMEOUT_MS: '5000',
      LEADS_RETRY_BASE_MS: '200',
    };
    const serviceUrl = await capture.start();
    const bot = await startBot(env);
    running = bot.child;
    const response = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: 'lead-1',
        channelId: 'webchat',
        serviceUrl,
        from: { id: 'investor-1' },
        recipient: { id: 'bot' },
        conversation: { id: 'crash-1' },
        value: LEAD_FORM,
      }),
    });
    expect(response.status).to.be.within(200, 299);
    const reference = /INV-[0-9A-Z]{5}/.exec(capture.textsOf('crash-1').join('\n'))?.[0];
    expect(reference, 'the bot confirmed the lead').to.be.a('string');
    await webhook.waitFor(1);
    await kill9(bot.child);

    // the receiver recovers; a new process on the same file must deliver what the dead one confirmed
    webhook.answer([{ status: 200 }]);
    const tried = webhook.received.length;
    running = (await startBot(env)).child;
    await webhook.waitFor(tried + 1);
    return reference!;
  }

  it('delivers after a restart when the webhook answered 503 before the kill, with the same Idempotency-Key', async () => {
    const reference = await confirmLeadThenKill([{ status: 503 }]);
    expect(webhook.received.map((r) => r.idempotencyKey)).to.deep.equal(webhook.received.map(() => reference));
    expect(webhook.received.at(-1)!.body).to.deep.include({ reference });
  });

  it('delivers again, with the same key, a lead whose delivery was in flight at the kill', async () => {
    const reference = await confirmLeadThenKill(['hang']);
    expect(webhook.received.map((r) => r.idempotencyKey)).to.deep.equal(webhook.received.map(() => reference));
  });
});
