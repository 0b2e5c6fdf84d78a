import { expect } from 'chai';
import type { App } from '../../src/app.js';
import { DirectLineConversations } from '../../src/channels/webchat/directLineConversations.js';
import { WEB_CHAT_VOTE_EVENT } from '../../src/channels/webchat/webChatChannel.js';
import { kill9, startBot } from '../helpers/botProcess.js';
import { buildApp } from '../helpers/buildApp.js';
import { heapAfterGc, probeHealth } from '../helpers/load.js';
import { capturingLogger } from '../helpers/logCapture.js';
import { waitUntil } from '../helpers/waitUntil.js';

const SECRET = 'test-secret-for-direct-line-tokens-0123456789';

/** A Direct Line client without the stock library: the raw routes an attacker would use. */
function directLine(url: string) {
  return {
    async open(): Promise<{ conversationId: string; token: string }> {
      const response = await fetch(`${url}/api/chat-token`, { method: 'POST' });
      expect(response.status).to.equal(200);
      const { conversationId, token } = (await response.json()) as { conversationId: string; token: string };
      return { conversationId, token };
    },
    async post(chat: { conversationId: string; token: string }, activity: object): Promise<number> {
      const response = await fetch(`${url}/v3/directline/conversations/${chat.conversationId}/activities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${chat.token}` },
        body: JSON.stringify(activity),
      });
      await response.arrayBuffer();
      return response.status;
    },
    async transcript(chat: { conversationId: string; token: string }): Promise<{ type: string; text?: string }[]> {
      const response = await fetch(`${url}/v3/directline/conversations/${chat.conversationId}/activities`, {
        headers: { authorization: `Bearer ${chat.token}` },
      });
      return ((await response.json()) as { activities: { type: string; text?: string }[] }).activities;
    },
  };
}

describe('Direct Line transcripts bounded in bytes (docs/security.md 37)', () => {
  const limits = { maxConversations: 100, maxActivities: 500, idleMs: 60_000 };

  it('keeps a transcript under its byte cap by forgetting its oldest activities, the latest always kept', () => {
    const store = new DirectLineConversations({ ...limits, maxTranscriptBytes: 10_000, maxTotalBytes: 1_000_000 });
    const conversation = store.get(store.create('u1'))!;
    for (let i = 0; i < 50; i++) store.append(conversation, { type: 'event', value: `${i}:${'x'.repeat(2_000)}` });
    expect(store.size.bytes).to.be.within(1, 10_000);
    const kept = store.after(conversation, 0).activities;
    expect(kept.at(-1)!.value).to.match(/^49:/);
    expect(kept.length).to.be.within(2, 5);
  });

  it('forgets the least recently used conversations when all transcripts together pass the total cap', () => {
    const store = new DirectLineConversations({ ...limits, maxTranscriptBytes: 10_000, maxTotalBytes: 25_000 });
    const ids = Array.from({ length: 5 }, (_, i) => store.create(`u${i}`));
    for (const id of ids) {
      const conversation = store.get(id)!;
      for (let i = 0; i < 5; i++) store.append(conversation, { type: 'message', text: 'y'.repeat(1_800) });
    }
    expect(store.size.bytes).to.be.at.most(25_000);
    expect(store.get(ids[0]!)).to.equal(undefined);
    expect(store.get(ids[4]!)).not.to.equal(undefined);
  });
});

describe('Direct Line under abuse: refused activities, large events, floods (docs/security.md 37-39)', function () {
  this.timeout(120_000);
  let app: App;
  let url: string;
  const log = capturingLogger('info');

  before(async () => {
    app = await buildApp({ WEBCHAT_TOKEN_SECRET: SECRET }, { logger: log.logger });
    url = await app.listen();
  });
  after(() => app.close());

  it('refuses events the bot does not use with a clean 400, and stores none of them', async () => {
    const dl = directLine(url);
    const chat = await dl.open();
    for (const name of ['webchat/join', 'anything', undefined]) {
      expect(await dl.post(chat, { type: 'event', name, value: { x: 1 } }), String(name)).to.equal(400);
    }
    expect(await dl.post(chat, { type: 'conversationUpdate' })).to.equal(400);
    expect(await dl.post(chat, { type: 'typing' })).to.equal(200);
    expect(await dl.post(chat, { type: 'event', name: WEB_CHAT_VOTE_EVENT, value: {} })).to.equal(200);
    expect((await dl.transcript(chat)).filter((a) => a.type === 'event')).to.have.length(1);
  });

  it('answers a message only after its turn ran: the reply is in the transcript when the post returns', async () => {
    const dl = directLine(url);
    const chat = await dl.open();
    expect(await dl.post(chat, { type: 'message', text: 'How many hospitals are there in Germany?' })).to.equal(200);
    const texts = (await dl.transcript(chat)).map((a) => a.text ?? '');
    expect(texts.join('\n')).to.include('1,894');
  });

  it('keeps the heap bounded while 10 chats each post 100 events of 60 KB', async () => {
    const dl = directLine(url);
    const value = { comment: 'z'.repeat(60_000) };
    const chats = await Promise.all(Array.from({ length: 10 }, () => dl.open()));
    const before = heapAfterGc();
    await Promise.all(
      chats.map(async (chat) => {
        for (let i = 0; i < 100; i++) await dl.post(chat, { type: 'event', name: WEB_CHAT_VOTE_EVENT, value });
      }),
    );
    const growthMb = (heapAfterGc() - before) / 1024 / 1024;
    process.stdout.write(`      heap grew ${growthMb.toFixed(1)} MB after 60 MB of events\n`);
    // kept whole, the 1,000 events would hold 60 MB; each transcript keeps at most 256 KB of them
    expect(growthMb).to.be.below(20);
  });

  it('logs a flood in one conversation once, with how many messages it refused, not once per message', async () => {
    const dl = directLine(url);
    const chat = await dl.open();
    const before = log.lines.length;
    await Promise.all(Array.from({ length: 40 }, () => dl.post(chat, { type: 'message', text: 'hello' })));
    const throttled = log.lines.slice(before).filter((l) => l.msg === 'conversation throttled');
    expect(throttled).to.have.length(1);
    expect(throttled[0]!.refused).to.be.a('number').and.to.be.at.least(1);
    const polite = (await dl.transcript(chat)).filter((a) => /faster than I can answer/.test(a.text ?? ''));
    expect(polite).to.have.length(1);
  });
});

describe('Direct Line posts go through the turn gate (docs/security.md 39)', function () {
  this.timeout(120_000);

  it('keeps /healthz within 1 s while 20 clients post as fast as they can', async () => {
    const { child, url } = await startBot({ DATABASE_URL: 'sqlite::memory:', WEBCHAT_TOKEN_SECRET: SECRET });
    try {
      const dl = directLine(url);
      // the 20 conversations /api/chat-token gives one address at once: more than the gate runs together
      const chats = await Promise.all(Array.from({ length: 20 }, () => dl.open()));
      let running = true;
      let posts = 0;
      const flood = chats.map(async (chat) => {
        while (running) {
          await dl.post(chat, { type: 'message', text: 'Which MedTech clusters cover robotics and dental?' });
          posts++;
        }
      });
      const latencies = await probeHealth(`${url}/healthz`, 100, 300);
      running = false;
      await Promise.all(flood);
      latencies.sort((a, b) => a - b);
      const p99 = latencies[Math.floor(latencies.length * 0.99)]!;
      process.stdout.write(`      /healthz p99 ${p99.toFixed(0)} ms during ${posts} Direct Line posts\n`);
      expect(posts).to.be.above(20);
      expect(p99).to.be.below(1_000);
      await waitUntil(async () => (await fetch(`${url}/healthz`)).status === 200);
    } finally {
      await kill9(child);
    }
  });
});
