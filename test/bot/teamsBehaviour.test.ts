import { expect } from 'chai';
import type { App } from '../../src/app.js';
import { CaptureServer } from '../fakes/captureServer.js';
import { buildApp } from '../helpers/buildApp.js';
import { capturingLogger } from '../helpers/logCapture.js';
import { postActivity, teamsMessage } from '../helpers/postActivity.js';

describe('Teams tenant allow-list (TEAMS_ALLOWED_TENANTS)', () => {
  let app: App;
  let url: string;
  const capture = new CaptureServer();
  let serviceUrl: string;
  const log = capturingLogger();

  before(async () => {
    serviceUrl = await capture.start();
    app = await buildApp({ TEAMS_ALLOWED_TENANTS: 'Agency-Tenant, second-tenant' }, { logger: log.logger });
    url = await app.listen();
  });
  after(async () => {
    await app.close();
    await capture.stop();
  });

  const fromTenant = (tenant: string, conversation: string, fields: Record<string, unknown>) =>
    postActivity(
      url,
      teamsMessage(
        serviceUrl,
        { id: conversation, conversationType: 'personal', tenantId: tenant },
        {
          channelData: { tenant: { id: tenant } },
          ...fields,
        },
      ),
    );

  it('answers an allowed tenant (ids compared without case)', async () => {
    await fromTenant('agency-tenant', 'allowed-1', { text: 'How many hospitals are there in Germany?' });
    expect(capture.textsOf('allowed-1').join('\n')).to.include('1,894');
  });

  it('gives another tenant no answer, stores no lead, and logs it', async () => {
    const response = await fromTenant('other-tenant', 'stranger-1', {
      value: {
        action: 'submitLead',
        name: 'Eve',
        company: 'Elsewhere',
        email: 'eve@elsewhere.example',
        message: 'Hello',
        consent: 'true',
      },
    });
    expect(response.status).to.be.below(500);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(capture.textsOf('stranger-1')).to.deep.equal([]);
    expect(await app.leads.list()).to.deep.equal([]);
    expect(log.lines.some((l) => l.msg === 'tenant not allowed')).to.equal(true);
  });
});

describe('Teams buttons: suggested actions in personal chats, card buttons in channels and group chats', () => {
  let app: App;
  let url: string;
  const capture = new CaptureServer();
  let serviceUrl: string;

  before(async () => {
    serviceUrl = await capture.start();
    app = await buildApp();
    url = await app.listen();
  });
  after(async () => {
    await app.close();
    await capture.stop();
  });

  async function ask(conversationType: string, conversation: string) {
    const isGroup = conversationType !== 'personal';
    await postActivity(
      url,
      teamsMessage(
        serviceUrl,
        { id: conversation, conversationType, isGroup },
        {
          text: '<at>InvestorBot</at> How many hospitals are there in Germany?',
          entities: [
            { type: 'mention', text: '<at>InvestorBot</at>', mentioned: { id: '28:bot', name: 'InvestorBot' } },
          ],
        },
      ),
    );
    return capture.activities.filter((a) => a.conversationId === conversation).map((a) => a.activity);
  }

  it('keeps suggested actions in a personal chat', async () => {
    const [reply] = await ask('personal', 'teams-personal');
    expect((reply!.suggestedActions as { actions: unknown[] }).actions).to.have.length.greaterThan(0);
  });

  it('turns them into Action.Execute card buttons in a channel', async () => {
    const [reply] = await ask('channel', 'teams-channel');
    expect(reply!.suggestedActions).to.equal(undefined);
    const cards = reply!.attachments as { content: { actions: { type: string; title: string; data: unknown }[] } }[];
    const buttons = cards.at(-1)!.content.actions;
    expect(buttons.map((b) => b.title)).to.include('Talk to a person');
    expect(buttons.find((b) => b.title === 'Talk to a person')).to.deep.include({
      type: 'Action.Execute',
      verb: 'ask',
      data: { question: 'Talk to a person' },
    });
  });

  const press = (conversation: string, data: unknown, verb = 'ask') =>
    postActivity(
      url,
      teamsMessage(
        serviceUrl,
        { id: conversation, conversationType: 'groupChat', isGroup: true },
        { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data } } },
      ),
    );

  it('answers a pressed button like the typed question, and replaces the buttons with the choice', async () => {
    const response = await press('teams-group-press', { question: 'Talk to a person' });
    expect(response.status).to.equal(200);
    const body = (await response.json()) as { statusCode: number; type: string; value: { body: unknown[] } };
    expect(body).to.deep.include({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(JSON.stringify(body.value.body)).to.include('Talk to a person');
    const replies = capture.textsOf('teams-group-press').join('\n');
    expect(replies).to.include('Barbara Weigert');
    expect(replies).to.match(/\+49 351 2138-153/);
  });

  it('refuses a button without a question, or an unknown verb, with the invoke error shape', async () => {
    for (const [data, verb] of [
      [{}, 'ask'],
      [{ question: 'hi' }, 'deleteEverything'],
      // the verb table is looked up by its own verbs only, never an object's built-in properties
      [{ question: 'hi' }, 'constructor'],
      [{ question: 'hi' }, '__proto__'],
    ] as const) {
      const response = await press('teams-group-bad', data, verb);
      expect(response.status).to.equal(400);
      const body = (await response.json()) as { statusCode: number; type: string };
      expect(body).to.deep.include({ statusCode: 400, type: 'application/vnd.microsoft.error' });
    }
    expect(capture.textsOf('teams-group-bad')).to.deep.equal([]);
  });
});

describe('Teams Markdown subset', () => {
  let app: App;
  let url: string;
  const capture = new CaptureServer();
  let serviceUrl: string;

  before(async () => {
    serviceUrl = await capture.start();
    app = await buildApp();
    url = await app.listen();
  });
  after(async () => {
    await app.close();
    await capture.stop();
  });

  it('writes replies with bold, italics, lists and links only: no headings, tables, code or raw HTML', async () => {
    const questions = [
      'help',
      'How many hospitals are there in Germany?',
      'Which MedTech clusters cover robotics and dental?',
      'Who can I talk to about a production site?',
      'What is the minimum wage in Germany?',
      'What does <b>SaxoCell</b> do? # | `x`',
    ];
    const texts: string[] = [];
    for (const [i, text] of questions.entries()) {
      const conversation = `teams-markdown-${i}`;
      await postActivity(url, teamsMessage(serviceUrl, { id: conversation, conversationType: 'personal' }, { text }));
      texts.push(
        ...capture.activities
          .filter((a) => a.conversationId === conversation)
          .map((a) => String(a.activity.text ?? '')),
      );
    }
    expect(texts.filter(Boolean)).to.have.length.at.least(questions.length);
    for (const text of texts) {
      expect(text).not.to.match(/^\s*#{1,6}\s/m, 'a heading');
      expect(text).not.to.match(/^\s*\|.*\|\s*$/m, 'a table row');
      expect(text).not.to.match(/```|(^|[^\\])`/m, 'code');
      expect(text).not.to.match(/<\/?[a-z][^>]*>/i, 'an HTML tag');
    }
  });
});
