import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { parse, stringify } from 'yaml';
import type { App } from '../../src/app.js';
import { CaptureServer } from '../fakes/captureServer.js';
import { LEAD_FORM } from '../fixtures/leads.js';
import { buildApp } from '../helpers/buildApp.js';
import { postActivity } from '../helpers/postActivity.js';
import { waitUntil } from '../helpers/waitUntil.js';

const BARBARA_AAD = '3b0f1c2d-1111-4a5b-8c6d-0123456789ab';
const ANDREA_UPN = 'andrea.schluetter@agency.example';
type Card = { body: { type: string; text?: string; inlines?: { type: string; text: string }[] }[] };

/** A copy of knowledge/ whose contacts.yaml names Barbara by AAD object id and Andrea by user principal name. */
function knowledgeWithTeamsContacts(): string {
  const dir = mkdtempSync(join(tmpdir(), 'knowledge-'));
  cpSync('knowledge', dir, { recursive: true });
  const file = join(dir, 'contacts.yaml');
  const contacts = parse(readFileSync(file, 'utf8'));
  for (const contact of contacts.contacts) {
    if (contact.id === 'barbara-weigert') contact.teams = { aadObjectId: BARBARA_AAD };
    if (contact.id === 'andrea-schluetter') contact.teams = { userPrincipalName: ANDREA_UPN };
  }
  writeFileSync(file, stringify(contacts));
  return dir;
}

describe('Contacts notified in Teams (proactive lead cards through the outbox)', () => {
  const capture = new CaptureServer();
  let serviceUrl: string;
  let knowledgeDir: string;
  let app: App;
  let url: string;
  let sequence = 0;

  before(async () => {
    serviceUrl = await capture.start();
    knowledgeDir = knowledgeWithTeamsContacts();
  });
  beforeEach(async () => {
    app = await buildApp({ KNOWLEDGE_DIR: knowledgeDir, LEADS_RETRY_BASE_MS: '20', LEADS_RETRY_MAX_MS: '50' });
    url = await app.listen();
  });
  afterEach(() => app.close());
  after(async () => {
    await capture.stop();
    rmSync(knowledgeDir, { recursive: true, force: true });
  });

  /** A Teams user installs the app personally (the install event Teams sends). */
  const install = (conversationId: string, user: { id: string; aadObjectId: string }, action = 'add') =>
    postActivity(url, {
      type: 'installationUpdate',
      action,
      id: `install-${++sequence}`,
      channelId: 'msteams',
      serviceUrl,
      from: user,
      recipient: { id: '28:bot', name: 'InvestorBot' },
      conversation: { id: conversationId, conversationType: 'personal', tenantId: 'agency' },
      channelData: { tenant: { id: 'agency' } },
    });
  /** An investor sends the lead form in web chat. */
  const submitLead = (conversationId: string, fields: Record<string, unknown> = {}) =>
    postActivity(url, {
      type: 'message',
      id: `lead-${++sequence}`,
      channelId: 'webchat',
      serviceUrl,
      from: { id: 'investor', name: 'Investor' },
      recipient: { id: 'bot', name: 'InvestorBot' },
      conversation: { id: conversationId },
      value: { ...LEAD_FORM, ...fields },
    });
  const cardsIn = (conversationId: string) =>
    capture.activities
      .filter((a) => a.conversationId === conversationId)
      .flatMap((a) => (a.activity.attachments as { content: Card }[] | undefined) ?? [])
      .map((a) => a.content);
  const referenceOf = (conversationId: string) =>
    capture
      .textsOf(conversationId)
      .join('\n')
      .match(/INV-[A-Z2-9]{5}/)?.[0];

  it('recognises a contact by AAD object id at install and posts their new lead to them as a card', async () => {
    await install('a:barbara-chat', { id: '29:barbara', aadObjectId: BARBARA_AAD });
    await submitLead('investor-1');
    const reference = await waitUntil(() => referenceOf('investor-1'));
    const card = await waitUntil(() => cardsIn('a:barbara-chat').find((c) => JSON.stringify(c).includes(reference)));
    expect(card.body[0]!.text).to.equal(`New enquiry ${reference}`);
    const text = JSON.stringify(card);
    for (const value of [LEAD_FORM.name, LEAD_FORM.company, LEAD_FORM.email, LEAD_FORM.message]) {
      expect(text).to.include(value);
    }
    await waitUntil(async () =>
      (await app.leads.list())[0]?.deliveries.some((d) => d.channel === 'teams' && d.status === 'delivered'),
    );
  });

  it('retries a refused post (503, 429) like any delivery, and delivers the card once accepted', async () => {
    await install('a:barbara-retry', { id: '29:barbara', aadObjectId: BARBARA_AAD });
    capture.refuseNext('a:barbara-retry', 503, 429);
    const refusedBefore = capture.refused.length;
    await submitLead('investor-2', { message: 'Second enquiry, about clean rooms.' });
    await waitUntil(() => cardsIn('a:barbara-retry').some((c) => JSON.stringify(c).includes('clean rooms')));
    expect(capture.refused.length - refusedBefore).to.equal(2);
    const teams = await waitUntil(async () =>
      (await app.leads.list())[0]?.deliveries.find((d) => d.channel === 'teams' && d.status === 'delivered'),
    );
    expect(teams.attempts).to.equal(2, 'the failed tries');
  });

  it('parks the delivery with the reason when Teams refuses for good (403: the contact blocked the bot)', async () => {
    await install('a:barbara-blocked', { id: '29:barbara', aadObjectId: BARBARA_AAD });
    capture.refuseNext('a:barbara-blocked', 403);
    await submitLead('investor-3', { message: 'Third enquiry.' });
    const teams = await waitUntil(async () =>
      (await app.leads.list())[0]?.deliveries.find((d) => d.channel === 'teams' && d.status === 'dead'),
    );
    expect(teams.lastError).to.equal('teams: HTTP 403');
  });

  it('recognises a contact configured only by user principal name, by looking the member up at install', async () => {
    capture.members.set('29:andrea', { id: '29:andrea', aadObjectId: 'a-different-id', userPrincipalName: ANDREA_UPN });
    await install('a:andrea-chat', { id: '29:andrea', aadObjectId: '9d9d9d9d-2222-4a5b-8c6d-0123456789ab' });
    await submitLead('investor-4', { contactId: 'andrea-schluetter', message: 'A question about networks.' });
    await waitUntil(() => cardsIn('a:andrea-chat').some((c) => JSON.stringify(c).includes('networks')));
  });

  it('posts nothing in Teams for a contact who has not installed the app, or who removed it', async () => {
    await install('a:barbara-gone', { id: '29:barbara', aadObjectId: BARBARA_AAD });
    await install('a:barbara-gone', { id: '29:barbara', aadObjectId: BARBARA_AAD }, 'remove');
    await submitLead('investor-5', { message: 'Fifth enquiry.' });
    await submitLead('investor-6', { contactId: 'gabriel-flemming', message: 'Sixth enquiry.' });
    await waitUntil(() => referenceOf('investor-6'));
    for (const record of await app.leads.list()) {
      expect(record.deliveries.map((d) => d.channel)).not.to.include('teams');
    }
    expect(cardsIn('a:barbara-gone').filter((c) => JSON.stringify(c).includes('enquiry'))).to.deep.equal([]);
  });

  it('shows what the investor typed as plain text runs, never as Markdown or card structure', async () => {
    await install('a:barbara-hostile', { id: '29:barbara', aadObjectId: BARBARA_AAD });
    const hostile = '**Urgent** [click](https://evil.example) <b>x</b> "}],"actions":[{"type":"Action.OpenUrl"';
    await submitLead('investor-7', { company: 'Evil "Corp" **Ltd**', message: hostile });
    const card = await waitUntil(() => cardsIn('a:barbara-hostile').find((c) => JSON.stringify(c).includes('Urgent')));
    const textBlocks = card.body.filter((b) => b.type === 'TextBlock').map((b) => b.text ?? '');
    expect(textBlocks.join('\n')).not.to.include('Urgent');
    expect(textBlocks.join('\n')).not.to.include('Evil');
    const runs = card.body.flatMap((b) => b.inlines ?? []).map((r) => r.text);
    expect(runs).to.include(hostile);
    expect(runs).to.include('Evil "Corp" **Ltd**');
    const actions = (card as unknown as { actions: { url: string }[] }).actions;
    expect(actions.map((a) => a.url)).to.deep.equal([`mailto:${LEAD_FORM.email}`]);
  });
});

describe("A contact's Teams chat is never taken from a request the bot may not answer (docs/security.md 35)", () => {
  const teams = new CaptureServer();
  const attacker = new CaptureServer();
  let knowledgeDir: string;
  let app: App;
  let url: string;
  let attackerUrl: string;
  let teamsUrl: string;

  before(async () => {
    teamsUrl = await teams.start();
    attackerUrl = await attacker.start();
    knowledgeDir = knowledgeWithTeamsContacts();
    // the allow-list names the real channel's exact origin; the attacker is another port of the same host
    app = await buildApp({ KNOWLEDGE_DIR: knowledgeDir, ALLOWED_SERVICE_URLS: new URL(teamsUrl).origin });
    url = await app.listen();
  });
  after(async () => {
    await app.close();
    await Promise.all([teams.stop(), attacker.stop()]);
    rmSync(knowledgeDir, { recursive: true, force: true });
  });

  it('refuses an expectReplies install from an outside serviceUrl with 403, asks it nothing, and keeps no chat', async () => {
    attacker.members.set('29:andrea', { id: '29:andrea', aadObjectId: 'x', userPrincipalName: ANDREA_UPN });
    for (const type of ['installationUpdate', 'message']) {
      const response = await postActivity(url, {
        type,
        action: 'add',
        text: 'hello',
        id: `evil-${type}`,
        deliveryMode: 'expectReplies',
        channelId: 'msteams',
        serviceUrl: attackerUrl,
        from: { id: '29:andrea', aadObjectId: '9d9d9d9d-2222-4a5b-8c6d-0123456789ab' },
        recipient: { id: '28:bot', name: 'InvestorBot' },
        conversation: { id: 'a:evil-chat', conversationType: 'personal', tenantId: 'agency' },
        channelData: { tenant: { id: 'agency' } },
      });
      expect(response.status, type).to.equal(403);
    }
    expect(attacker.requests).to.deep.equal([]);
    // a lead for that contact is not routed to any Teams chat
    await postActivity(url, {
      type: 'message',
      id: 'lead-after-evil',
      channelId: 'webchat',
      serviceUrl: teamsUrl,
      from: { id: 'investor', name: 'Investor' },
      recipient: { id: 'bot', name: 'InvestorBot' },
      conversation: { id: 'investor-evil' },
      value: { ...LEAD_FORM, contactId: 'andrea-schluetter', message: 'After the attack.' },
    });
    const record = await waitUntil(async () =>
      (await app.leads.list()).find((r) => r.lead.enquiry === 'After the attack.'),
    );
    expect(record.deliveries.map((d) => d.channel)).not.to.include('teams');
  });

  it('keeps no contact chat from an expectReplies request even on an allowed serviceUrl (it has no chat to post to)', async () => {
    const response = await postActivity(url, {
      type: 'installationUpdate',
      action: 'add',
      id: 'install-expect',
      deliveryMode: 'expectReplies',
      channelId: 'msteams',
      serviceUrl: teamsUrl,
      from: { id: '29:barbara', aadObjectId: BARBARA_AAD },
      recipient: { id: '28:bot', name: 'InvestorBot' },
      conversation: { id: 'a:barbara-expect', conversationType: 'personal', tenantId: 'agency' },
      channelData: { tenant: { id: 'agency' } },
    });
    expect(response.status).to.equal(200);
    await postActivity(url, {
      type: 'message',
      id: 'lead-after-expect',
      channelId: 'webchat',
      serviceUrl: teamsUrl,
      from: { id: 'investor', name: 'Investor' },
      recipient: { id: 'bot', name: 'InvestorBot' },
      conversation: { id: 'investor-expect' },
      value: { ...LEAD_FORM, message: 'After the reply-in-body install.' },
    });
    const record = await waitUntil(async () =>
      (await app.leads.list()).find((r) => r.lead.enquiry === 'After the reply-in-body install.'),
    );
    expect(record.deliveries.map((d) => d.channel)).not.to.include('teams');
  });
});
