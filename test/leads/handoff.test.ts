import Database from 'better-sqlite3';
import { expect } from 'chai';
import type { App } from '../../src/app.js';
import { LeadPayloadSchema } from '../../src/leads/leadPayload.js';
import { CaptureServer } from '../fakes/captureServer.js';
import { WebhookReceiver } from '../fakes/webhookReceiver.js';
import { LEAD_FORM } from '../fixtures/leads.js';
import { buildApp } from '../helpers/buildApp.js';
import { capturingLogger } from '../helpers/logCapture.js';
import { postActivity } from '../helpers/postActivity.js';
import { tempDatabase } from '../helpers/tempDatabase.js';

type Activity = Record<string, unknown> & {
  text?: string;
  attachments?: { content: { body: Record<string, unknown>[]; actions: Record<string, unknown>[] } }[];
};

describe('Handoff and lead capture through /api/messages', () => {
  let temp: ReturnType<typeof tempDatabase>;
  let app: App;
  let url: string;
  let serviceUrl: string;
  let capture: CaptureServer;
  let webhook: WebhookReceiver;
  let log: ReturnType<typeof capturingLogger>;
  let sequence = 0;

  beforeEach(async () => {
    temp = tempDatabase();
    capture = new CaptureServer();
    serviceUrl = await capture.start();
    webhook = new WebhookReceiver([{ status: 200 }]);
    const hook = await webhook.start();
    log = capturingLogger('debug');
    app = await buildApp(
      { DATABASE_URL: temp.url, LEADS_WEBHOOK_URL: hook, LEADS_RETRY_BASE_MS: '20', LOG_LEVEL: 'debug' },
      { logger: log.logger, configure: (config) => (config.database.busyTimeoutMs = 100) },
    );
    url = await app.listen();
  });
  afterEach(async () => {
    await app.close();
    await capture.stop();
    await webhook.stop();
    temp.remove();
  });

  async function send(conversation: string, fields: Record<string, unknown>, channelId = 'webchat') {
    const id = (fields.id as string) ?? `act-${++sequence}`;
    const activity = {
      type: 'message',
      id,
      channelId,
      serviceUrl,
      from: { id: 'investor-1', name: 'Investor' },
      recipient: { id: 'bot', name: 'InvestorBot' },
      conversation: { id: conversation },
      ...fields,
    };
    const before = capture.activities.length;
    const response = await postActivity(url, activity);
    return {
      status: response.status,
      body: await response.text(),
      replies: capture.activities.slice(before).map((a) => a.activity as Activity),
    };
  }

  const text = (replies: Activity[]) => replies.map((r) => r.text ?? '').join('\n');
  const storedLeads = () => {
    const db = new Database(temp.file, { readonly: true });
    const n = (db.prepare('SELECT COUNT(*) AS n FROM leads').get() as { n: number }).n;
    db.close();
    return n;
  };
  const reference = (replies: Activity[]) => /INV-[0-9A-Z]{5}/.exec(text(replies))?.[0];

  it('offers to pass on the enquiry with the contact card, and shows the consented form', async () => {
    const { replies } = await send('c-offer', { text: 'Who can I talk to about a production site in Saxony?' });
    const actions = replies[0]!.attachments![0]!.content.actions;
    const offer = actions.find((a) => a.type === 'Action.Submit')!;
    expect(offer).to.deep.include({ title: 'Send my enquiry to Barbara Weigert' });

    const form = await send('c-offer', { value: offer.data });
    const card = form.replies[0]!.attachments![0]!.content;
    const inputs = card.body.filter((b) => String(b.type).startsWith('Input.'));
    expect(inputs.map((i) => i.id)).to.deep.equal([
      'name',
      'company',
      'email',
      'phone',
      'country',
      'message',
      'consent',
    ]);
    expect(inputs.at(-1)).to.deep.include({ type: 'Input.Toggle', valueOn: 'true', value: 'false' });
    const consentText = JSON.stringify(card.body);
    for (const part of ['Barbara Weigert', 'sole purpose of answering this enquiry', '180 days', 'withdraw']) {
      expect(consentText).to.include(part);
    }
    expect(card.actions[0]).to.deep.include({
      type: 'Action.Submit',
      data: { action: 'submitLead', contactId: 'barbara-weigert' },
    });
  });

  it('stores a submitted lead, confirms with its reference, and delivers it to the webhook with that key', async () => {
    const { status, replies } = await send('c-lead', { value: LEAD_FORM });
    expect(status).to.be.within(200, 299);
    const ref = reference(replies);
    expect(ref, text(replies)).to.be.a('string');
    expect(text(replies))
      .to.include('Barbara Weigert')
      .and.to.include('confidential')
      .and.to.match(/working day/);
    const [delivery] = await webhook.waitFor(1);
    expect(delivery!.idempotencyKey).to.equal(ref);
    const payload = LeadPayloadSchema.parse(delivery!.body);
    expect(payload).to.deep.include({ reference: ref, enquiry: LEAD_FORM.message });
    expect(payload.contact.id).to.equal('barbara-weigert'); // no topic known: Investor Services
    expect(payload.investor).to.deep.equal({
      name: 'Ana Lima',
      company: 'Lima Medical Ltd',
      email: 'ana@lima-medical.example',
      phone: '+55 11 5555 0100',
      country: 'Brazil',
    });
    expect(payload.consent).to.include({ given: true, channel: 'webchat' });
    expect(payload.consent.version).to.match(/^en-[0-9a-f]{10}$/);
    expect(replies.some((r) => r.type === 'event' && r.name === 'handoff.initiate')).to.equal(true);
  });

  it('routes the lead by the conversation and hands over what was asked and answered', async () => {
    await send('c-gtai', { text: "What does GTAI's investor consulting cost?" });
    const { replies } = await send('c-gtai', { value: LEAD_FORM });
    expect(text(replies)).to.include('Gabriel Flemming');
    const [delivery] = await webhook.waitFor(1);
    const payload = LeadPayloadSchema.parse(delivery!.body);
    expect(payload.contact.id).to.equal('gabriel-flemming');
    expect(payload.conversation[0]!.question).to.equal("What does GTAI's investor consulting cost?");
    expect(payload.conversation[0]!.answer).to.match(/free of charge|Source/);
  });

  for (const [why, change, problem] of [
    ['without consent', { consent: 'false' }, /tick "I agree"/],
    ['with a bad e-mail address', { email: 'ana@' }, /not a valid e-mail address/],
    ['with extra fields', { status: 'won', assignedTo: 'me' }, /fields I don't accept/],
    ['with an oversized enquiry', { message: 'x'.repeat(5_000) }, /too long \(at most 2000 characters\)/],
  ] as const) {
    it(`stores nothing for a form ${why}, says why, and gives the form back filled in`, async () => {
      const { replies } = await send(`c-bad-${why}`, { value: { ...LEAD_FORM, ...change } });
      expect(text(replies)).to.match(problem).and.to.include('not stored anything');
      expect(reference(replies)).to.equal(undefined);
      const inputs = replies[0]!.attachments![0]!.content.body;
      expect(inputs.find((i) => i.id === 'company')).to.deep.include({ value: 'Lima Medical Ltd' });
      expect(storedLeads()).to.equal(0);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(webhook.received).to.have.length(0);
    });
  }

  it('answers once, stores one lead and delivers it once when the channel sends the same activity twice', async () => {
    const first = await send('c-twice', { id: 'same-activity', value: LEAD_FORM });
    const again = await send('c-twice', { id: 'same-activity', value: LEAD_FORM });
    expect(reference(first.replies)).to.match(/^INV-/);
    expect(again.status).to.equal(200);
    expect(again.replies).to.deep.equal([]);
    expect(storedLeads()).to.equal(1);
    await webhook.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(webhook.received).to.have.length(1);
  });

  it('still stores one lead for the same form re-sent as a new activity (a double click)', async () => {
    const first = await send('c-double', { value: LEAD_FORM });
    const again = await send('c-double', { value: LEAD_FORM });
    expect(reference(again.replies)).to.equal(reference(first.replies));
    expect(storedLeads()).to.equal(1);
  });

  it('accepts the same form as a Teams Action.Execute invoke and answers with a card holding the reference', async () => {
    const { status, body } = await send('c-invoke', {
      type: 'invoke',
      name: 'adaptiveCard/action',
      channelId: 'msteams',
      value: { action: { type: 'Action.Execute', verb: 'submitLead', data: LEAD_FORM }, trigger: 'manual' },
    });
    expect(status).to.equal(200);
    const response = JSON.parse(body);
    expect(response).to.deep.include({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const ref = /INV-[0-9A-Z]{5}/.exec(JSON.stringify(response.value))?.[0];
    const [delivery] = await webhook.waitFor(1);
    expect(delivery!.idempotencyKey).to.equal(ref);
  });

  it('collects the lead step by step on a text-only channel, asking again only for a bad answer', async () => {
    const say = (t: string) => send('c-text', { text: t }, 'sms');
    await say('Please pass on my enquiry');
    for (const answer of ['Ana Lima', 'Lima Medical Ltd']) await say(answer);
    const bad = await say('ana@');
    expect(text(bad.replies)).to.include('not a valid e-mail address').and.to.include('You typed: "ana@"');
    for (const answer of ['ana@lima-medical.example', 'skip', 'Brazil', 'A production site near Dresden.'])
      await say(answer);
    const consent = await say('yes');
    const ref = reference(consent.replies);
    expect(ref).to.be.a('string');
    const payload = LeadPayloadSchema.parse((await webhook.waitFor(1))[0]!.body);
    expect(payload).to.deep.include({ reference: ref, enquiry: 'A production site near Dresden.' });
    expect(payload.investor).to.include({ email: 'ana@lima-medical.example', phone: null, country: 'Brazil' });
    expect(payload.source.form).to.equal('text');
  });

  it('takes only an explicit yes as consent on a text channel: "ok", "sure" or "y" ask again (docs/security.md 36)', async () => {
    const say = (t: string) => send('c-vague', { text: t }, 'sms');
    await say('Please pass on my enquiry');
    for (const answer of ['Ana Lima', 'Lima Medical Ltd', 'ana@lima-medical.example', 'skip', 'Brazil', 'A site.'])
      await say(answer);
    for (const vague of ['ok', 'sure', 'y']) {
      const reply = await say(vague);
      expect(reference(reply.replies), vague).to.equal(undefined);
      expect(text(reply.replies), vague).to.match(/agree/i);
    }
    expect(storedLeads()).to.equal(0);
    // past the burst of 10 a conversation may send one message a second
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(reference((await say('I agree')).replies)).to.be.a('string');
  });

  it('tells the investor to try again, and confirms nothing, when the store is busy', async () => {
    const other = new Database(temp.file);
    other.exec('BEGIN IMMEDIATE');
    let replies: Activity[];
    try {
      ({ replies } = await send('c-busy', { value: LEAD_FORM }));
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(text(replies)).to.include('could not store your enquiry').and.to.include('try again');
    expect(reference(replies)).to.equal(undefined);
    expect(replies[0]!.attachments![0]!.content.body.find((i) => i.id === 'email')).to.deep.include({
      value: LEAD_FORM.email,
    });
    expect(storedLeads()).to.equal(0);
  });

  it('keeps investor names, e-mails and phone numbers out of the log', async () => {
    await send('c-log', { value: LEAD_FORM });
    await webhook.waitFor(1);
    const logged = log.raw.join('');
    expect(logged).to.include('lead delivered');
    for (const secret of [LEAD_FORM.name, LEAD_FORM.email, LEAD_FORM.phone, LEAD_FORM.message])
      expect(logged).not.to.include(secret);
  });
});
