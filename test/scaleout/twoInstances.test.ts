import type { ChildProcess } from 'node:child_process';
import { expect } from 'chai';
import { CaptureServer } from '../fakes/captureServer.js';
import { WebhookReceiver } from '../fakes/webhookReceiver.js';
import { LEAD_FORM } from '../fixtures/leads.js';
import { kill9, startBot } from '../helpers/botProcess.js';
import { postgresDatabase } from '../helpers/embeddedPostgres.js';
import { postActivity } from '../helpers/postActivity.js';

const REFERENCE = /INV-[0-9A-Z]{5}/;

describe('Two bot processes behind a load balancer, one PostgreSQL', function () {
  this.timeout(90_000);
  let capture: CaptureServer;
  let webhook: WebhookReceiver;
  let serviceUrl: string;
  let bots: { child: ChildProcess; url: string }[];
  let sequence = 0;

  before(async () => {
    const databaseUrl = await postgresDatabase();
    capture = new CaptureServer();
    serviceUrl = await capture.start();
    webhook = new WebhookReceiver([{ status: 200 }]);
    const env = {
      DATABASE_URL: databaseUrl,
      LEADS_WEBHOOK_URL: await webhook.start(),
      LEADS_WEBHOOK_TIMEOUT_MS: '5000',
    };
    // both start at once: the schema is migrated once, under the migration lock
    bots = await Promise.all([startBot(env), startBot(env)]);
  });
  after(async () => {
    for (const bot of bots ?? []) if (bot.child.exitCode === null) await kill9(bot.child);
    await capture?.stop();
    await webhook?.stop();
  });

  /** One turn through instance `n` (0 = A, 1 = B); resolves to the texts the bot sent in that turn. */
  async function turn(n: number, conversation: string, fields: object, channelId = 'webchat'): Promise<string> {
    const before = capture.textsOf(conversation).length;
    const response = await postActivity(bots[n]!.url, {
      type: 'message',
      id: `act-${++sequence}`,
      channelId,
      serviceUrl,
      from: { id: `investor-${conversation}`, name: 'Investor' },
      recipient: { id: 'bot', name: 'InvestorBot' },
      conversation: { id: conversation },
      locale: 'en-US',
      ...fields,
    });
    expect(response.status, `turn on instance ${'AB'[n]}`).to.equal(200);
    return capture.textsOf(conversation).slice(before).join('\n');
  }

  it('continues a conversation across the instances: each turn on the other one keeps the context', async () => {
    const say = (n: number, text: string) => turn(n, 'across-1', { text }, 'sms');
    const first = await say(0, 'How many people work in medical technology in Saxony?');
    expect(first).to.match(/Source:/);
    // "more" needs the last answer, kept only in the conversation state
    const more = await say(1, 'tell me more');
    expect(more)
      .to.match(/Source:/)
      .and.not.to.equal(first);
    // the text-only lead form, one field per turn, alternating instances
    expect(await say(0, 'Please pass on my enquiry')).to.match(/name/i);
    const steps = [
      'Ana Lima',
      'Lima Medical Ltd',
      'ana@lima-medical.example',
      'skip',
      'Brazil',
      'A site near Dresden.',
    ];
    for (const [i, answer] of steps.entries()) {
      expect(await say((i + 1) % 2, answer)).not.to.match(/didn't understand|not sure what you mean/i);
    }
    const confirmed = await say(1, 'yes');
    const reference = REFERENCE.exec(confirmed)?.[0];
    expect(reference, confirmed).to.be.a('string');
    const delivered = (await webhook.waitFor(1)).find((r) => r.idempotencyKey === reference);
    expect(delivered!.body).to.deep.include({ reference, enquiry: 'A site near Dresden.' });
    // the transcript handed to the contact holds the question asked on the other instance
    expect(JSON.stringify(delivered!.body.conversation)).to.include('medical technology in Saxony');
  });

  it('delivers 20 leads submitted alternately to both instances exactly once each', async () => {
    const already = webhook.received.length;
    const references = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const text = await turn(i % 2, `lead-${i}`, {
          value: { ...LEAD_FORM, message: `Enquiry ${i}: a production site for catheters near Dresden.` },
        });
        const reference = REFERENCE.exec(text)?.[0];
        expect(reference, `lead ${i} confirmed`).to.be.a('string');
        return reference!;
      }),
    );
    expect(new Set(references).size).to.equal(20);
    await webhook.waitFor(already + 20);
    // both workers keep polling: give a duplicate every chance to show up before counting
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const keys = webhook.received.slice(already).map((r) => r.idempotencyKey);
    expect([...keys].sort()).to.deep.equal([...references].sort());
  });
});
