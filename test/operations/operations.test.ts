import { spawnSync } from 'node:child_process';
import type { Activity } from 'botbuilder';
import { expect } from 'chai';
import type { App } from '../../src/app.js';
import { CaptureServer } from '../fakes/captureServer.js';
import { WebhookReceiver } from '../fakes/webhookReceiver.js';
import { LEAD_FORM } from '../fixtures/leads.js';
import { buildApp } from '../helpers/buildApp.js';
import { postActivity, teamsMessage } from '../helpers/postActivity.js';
import { tempDatabase } from '../helpers/tempDatabase.js';
import { waitUntil } from '../helpers/waitUntil.js';

const TOKEN = 'metrics-token-for-tests-only';

describe('Operations: metrics, the anonymous insight log and the report', function () {
  this.timeout(60_000);
  let temp: ReturnType<typeof tempDatabase>;
  let capture: CaptureServer;
  let webhook: WebhookReceiver;
  let hook: string;
  let app: App;
  let url: string;
  let serviceUrl: string;
  let sequence = 0;

  beforeEach(async () => {
    temp = tempDatabase();
    capture = new CaptureServer();
    serviceUrl = await capture.start();
    // the contact's system refuses the lead for good: the row is parked as dead
    webhook = new WebhookReceiver([{ status: 410 }]);
    hook = await webhook.start();
    app = await buildApp({ DATABASE_URL: temp.url, LEADS_WEBHOOK_URL: hook, METRICS_TOKEN: TOKEN });
    url = await app.listen();
  });
  afterEach(async () => {
    await app.close();
    await capture.stop();
    await webhook.stop();
    temp.remove();
  });

  async function say(conversation: string, fields: object, channelId = 'webchat'): Promise<Activity[]> {
    const before = capture.activities.length;
    const response = await postActivity(url, {
      type: 'message',
      id: `act-${++sequence}`,
      channelId,
      serviceUrl,
      from: { id: 'investor' },
      recipient: { id: 'bot' },
      conversation: { id: conversation },
      ...fields,
    });
    expect(response.status).to.equal(200);
    return capture.activities.slice(before).map((c) => c.activity as unknown as Activity);
  }

  async function scrape(): Promise<string> {
    const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^text\/plain/);
    return response.text();
  }

  /** The value of one series in the exposition text (`name{labels} value`). */
  function value(text: string, series: string): number {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line ? Number(line.slice(series.length + 1)) : Number.NaN;
  }

  it('counts answers, "don\'t know", handoffs, leads and parked deliveries, and times every turn', async () => {
    await say('m1', { text: 'How many hospitals are there in Germany?' });
    await say('m1', { text: 'What is the weather like on Mars today?' });
    await say('m1', { text: 'Who can I talk to about a production site in Saxony?' });
    await say('m1', { value: LEAD_FORM });
    await webhook.waitFor(1);
    await waitUntil(async () => (await app.leads.queueCounts()).dead === 1);
    const text = await scrape();
    expect(value(text, 'investor_bot_answers_total{outcome="answer"}')).to.equal(1);
    expect(value(text, 'investor_bot_answers_total{outcome="dont_know"}')).to.equal(1);
    expect(value(text, 'investor_bot_handoffs_total{kind="contact_card"}')).to.equal(1);
    expect(value(text, 'investor_bot_leads_total{result="stored"}')).to.equal(1);
    expect(value(text, 'investor_bot_lead_deliveries_total{channel="webhook",result="dead"}')).to.equal(1);
    expect(value(text, 'investor_bot_outbox_dead')).to.equal(1);
    expect(value(text, 'investor_bot_outbox_pending')).to.equal(0);
    expect(value(text, 'investor_bot_store_up')).to.equal(1);
    expect(value(text, 'investor_bot_turn_duration_seconds_count{channel="webchat",type="message"}')).to.equal(4);
    expect(text).to.match(/^investor_bot_process_resident_memory_bytes \d+/m);
  });

  it('asks for the token when one is set, and keeps channel ids from growing the series', async () => {
    expect((await fetch(`${url}/metrics`)).status).to.equal(401);
    const wrong = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } });
    expect(wrong.status).to.equal(401);
    await say('m2', { text: 'hello' }, 'made-up-channel-1');
    await say('m2', { text: 'hello' }, 'made-up-channel-2');
    const text = await scrape();
    expect(text).not.to.include('made-up-channel');
    expect(value(text, 'investor_bot_turn_duration_seconds_count{channel="other",type="message"}')).to.equal(2);
  });

  it('logs an unanswered question without who asked it, e-mail addresses and phone numbers', async () => {
    await say('private-conversation-7', {
      text: 'Could you tell ana@lima.example or +55 11 5555 0100 if the weather on Mars is sunny?',
    });
    const entry = await waitUntil(async () => (await app.store.insights.unansweredSince(0))[0]);
    expect(entry).to.deep.include({
      channel: 'webchat',
      language: 'en',
      question: 'Could you tell [e-mail] or [number] if the weather on Mars is sunny?',
    });
    expect(JSON.stringify(entry)).not.to.include('private-conversation-7').and.not.to.include('investor');
    expect(await app.store.insights.feedbackSince(0)).to.deep.equal([]);
  });

  // docs/security.md 46: what the investor types for the lead (name, company, address, phone) is not a question
  const DETAILS = ['Maxi Mustermann', 'Muster Medical GmbH', 'maxi at example dot org', '+49 351 1234 567'];

  /** The insight log once `question`, asked last, is in it (writes run beside the turn, in order). */
  async function insightsAfter(question: string) {
    await waitUntil(async () => (await app.store.insights.unansweredSince(0)).some((q) => q.question === question));
    return {
      unanswered: await app.store.insights.unansweredSince(0),
      feedback: await app.store.insights.feedbackSince(0),
    };
  }

  it('logs nothing typed while the lead form is open, and logs questions again once it is sent', async () => {
    await say('lf1', { text: 'Who can I talk to about a production site in Saxony?' });
    const [form] = await say('lf1', { value: { action: 'startLead', contactId: 'barbara-weigert' } });
    expect(JSON.stringify(form!.attachments)).to.include('submitLead');
    // typed into the chat instead of the form
    for (const detail of DETAILS) await say('lf1', { text: detail });
    const [answer] = await say('lf1', { text: 'How many hospitals are there in Germany?' });
    const entity = answer!.entities!.find((e) => e.type === 'https://schema.org/Message') as unknown as {
      potentialAction: { '@type': string; '@id': string }[];
    };
    await say('lf1', {
      type: 'event',
      name: 'webchat:activity-status/feedback',
      entities: [entity.potentialAction[0]],
    });
    await say('lf1', { value: LEAD_FORM });
    await say('lf1', { text: 'What is the weather like on Mars?' });

    const logged = await insightsAfter('What is the weather like on Mars?');
    expect(logged.unanswered.map((q) => q.question)).to.deep.equal(['What is the weather like on Mars?']);
    // the vote counts, without the question it was for
    expect(logged.feedback.map((f) => [f.vote, f.question])).to.deep.equal([['up', null]]);
    for (const detail of [...DETAILS, 'maxi', 'Mustermann']) expect(JSON.stringify(logged)).not.to.include(detail);
  });

  it('logs none of the answers to the lead prompts on a text channel', async () => {
    await say('lp1', { text: 'Please pass on my enquiry' }, 'sms');
    // the spelled-out address is refused and asked again
    const [name, company, spelled, phone] = DETAILS;
    for (const answer of [name, company, spelled, 'maxi@example.org', phone, 'Germany', 'A plant near Dresden.', 'yes'])
      await say('lp1', { text: answer! }, 'sms');
    await say('lp1', { text: 'What is the weather like on Mars?' }, 'sms');
    const logged = await insightsAfter('What is the weather like on Mars?');
    expect(logged.unanswered.map((q) => q.question)).to.deep.equal(['What is the weather like on Mars?']);
    expect(await app.leads.list()).to.have.length(1);
    for (const detail of [...DETAILS, 'maxi']) expect(JSON.stringify(logged)).not.to.include(detail);
  });

  it('forgets insight log entries older than 90 days by default when the bot starts (docs/security.md 46)', async () => {
    const DAY = 24 * 60 * 60 * 1000;
    const now = Date.now();
    const entry = (days: number, question: string) => ({
      at: now - days * DAY,
      channel: 'webchat',
      language: 'en',
      question,
    });
    await app.store.insights.recordUnanswered(entry(91, 'asked 91 days ago'));
    await app.store.insights.recordUnanswered(entry(89, 'asked 89 days ago'));
    await app.store.insights.recordFeedback({ ...entry(91, 'voted 91 days ago'), vote: 'down', passageId: null });
    await app.close();
    // the next start applies the retention policy of the default settings
    app = await buildApp({ DATABASE_URL: temp.url, LEADS_WEBHOOK_URL: hook, METRICS_TOKEN: TOKEN });
    url = await app.listen();
    expect((await app.store.insights.unansweredSince(0)).map((q) => q.question)).to.deep.equal(['asked 89 days ago']);
    expect(await app.store.insights.feedbackSince(0)).to.deep.equal([]);
  });

  it('takes Web Chat votes on an answer once per answer and vote, and names the passage and question', async () => {
    const [answer] = await say('v1', { text: 'How many hospitals are there in Germany?' });
    const entity = answer!.entities!.find((e) => e.type === 'https://schema.org/Message') as unknown as {
      potentialAction: { '@type': string; '@id': string }[];
    };
    const [like, dislike] = entity.potentialAction;
    expect(like!['@type']).to.equal('LikeAction');
    const vote = (action: object) =>
      say('v1', { type: 'event', name: 'webchat:activity-status/feedback', entities: [action] });
    await vote(dislike!);
    await vote(dislike!); // pressed again, or re-sent: still one vote
    await vote(like!); // changed their mind: a new vote
    await vote({ '@type': 'LikeAction', '@id': 'urn:investor-bot:answer:no-such-answer' });
    const votes = await waitUntil(async () => {
      const all = await app.store.insights.feedbackSince(0);
      return all.length === 3 ? all : null;
    });
    expect(votes.map((v) => [v.vote, v.question])).to.deep.equal([
      ['down', 'How many hospitals are there in Germany?'],
      ['up', 'How many hospitals are there in Germany?'],
      ['up', null],
    ]);
    expect(votes[0]!.passageId).to.be.a('string');
    expect(votes[2]!.passageId).to.equal(null);
  });

  it("offers Teams' feedback buttons on answers and takes the vote by the message id", async () => {
    const conversation = { id: 'a:teams-vote', conversationType: 'personal', tenantId: 't1' };
    const before = capture.activities.length;
    const asked = await postActivity(
      url,
      teamsMessage(serviceUrl, conversation, { id: 'm-1', text: 'How many hospitals are there in Germany?' }),
    );
    expect(asked.status).to.equal(200);
    const sent = capture.activities.slice(before);
    const index = sent.findIndex((c) => (c.activity as unknown as Activity).channelData?.feedbackLoopEnabled === true);
    expect(index, 'the answer carries feedbackLoopEnabled').to.be.at.least(0);
    const messageId = `captured-${before + index + 1}`; // the id the connector (capture) gave that message
    const invoke = await postActivity(
      url,
      teamsMessage(serviceUrl, conversation, {
        type: 'invoke',
        id: 'i-1',
        name: 'message/submitAction',
        replyToId: messageId,
        value: { actionName: 'feedback', actionValue: { reaction: 'dislike', feedback: '{"feedbackText":"old"}' } },
      }),
    );
    expect(invoke.status).to.equal(200);
    const vote = await waitUntil(async () => (await app.store.insights.feedbackSince(0))[0]);
    expect(vote).to.deep.include({
      vote: 'down',
      channel: 'msteams',
      question: 'How many hospitals are there in Germany?',
    });
    // what the person typed into Teams' feedback box is not kept
    expect(JSON.stringify(vote)).not.to.include('old');
  });

  it('reports the most frequent unanswered questions and the answers voted down (npm run report)', async () => {
    await say('r1', { text: 'What is the weather like on Mars?' });
    await say('r2', { text: 'what is the WEATHER like on mars' });
    await say('r3', { text: 'Do you sell tickets for the opera?' });
    const [answer] = await say('r4', { text: 'How many hospitals are there in Germany?' });
    const entity = answer!.entities!.find((e) => e.type === 'https://schema.org/Message') as unknown as {
      potentialAction: { '@type': string; '@id': string }[];
    };
    await say('r4', { type: 'event', name: 'webchat:activity-status/feedback', entities: [entity.potentialAction[1]] });
    await waitUntil(async () => (await app.store.insights.feedbackSince(0)).length === 1);
    await waitUntil(async () => (await app.store.insights.unansweredSince(0)).length === 3);
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/report.ts', ...args], {
        env: { ...process.env, DATABASE_URL: temp.url },
        encoding: 'utf8',
      });
    const text = run();
    expect(text.status, text.stderr).to.equal(0);
    const lines = text.stdout.split('\n');
    const first = lines.findIndex((l) => l.includes('Unanswered questions: 3 asked'));
    expect(lines[first + 1]).to.match(
      /^\s+2×\s+"What is the weather like on Mars\?"|^\s+2×\s+"what is the WEATHER like on mars"/,
    );
    expect(lines[first + 2]).to.match(/^\s+1×\s+"Do you sell tickets for the opera\?"/);
    expect(text.stdout).to.match(/1 down\s+0 up\s+Medical Technology Clusters in Germany/);
    const json = JSON.parse(run('--json', '--days', '7').stdout) as { unanswered: { groups: { count: number }[] } };
    expect(json.unanswered.groups.map((g) => g.count)).to.deep.equal([2, 1]);
    const bad = run('--days', 'soon');
    expect(bad.status).to.equal(2);
    expect(bad.stderr).to.match(/--days must be a whole number/);
  });
});
