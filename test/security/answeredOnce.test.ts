import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import type { App } from '../../src/app.js';
import { buildApp } from '../helpers/buildApp.js';
import { postActivity } from '../helpers/postActivity.js';
import { tempDatabase } from '../helpers/tempDatabase.js';

/**
 * A loopback channel that, when a reply arrives, looks in the bot's SQLite file (through a connection of its own,
 * which sees only committed rows) for the claim of the activity the reply answers.
 */
class CheckingChannel {
  /** Per reply: the activity it answers, and whether that activity's claim was committed when the reply arrived. */
  readonly replies: { activityId: string; claimCommitted: boolean }[] = [];
  private readonly server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const reply = JSON.parse(body || '{}') as { replyToId?: string; type?: string };
      if (req.method === 'POST' && reply.type === 'message' && reply.replyToId) {
        const conversation = /\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '')?.[1];
        const key = JSON.stringify(['webchat', decodeURIComponent(conversation ?? ''), reply.replyToId]);
        const db = new Database(this.file, { readonly: true });
        const row = db.prepare('SELECT 1 AS found FROM seen_activities WHERE key = ?').get(key);
        db.close();
        this.replies.push({ activityId: reply.replyToId, claimCommitted: row !== undefined });
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${this.replies.length}` }));
    });
  });

  constructor(private readonly file: string) {}

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

// docs/security.md 48 (and 14): the handled-activity claims of turns that arrive together share one commit
// (src/storage/sqlite/seenActivities.ts); each is committed before its turn goes on, so before its reply is sent, and
// an activity delivered twice is answered once, also by the next process on the same store.
describe('Handled-activity claims, batched (docs/security.md 48)', function () {
  this.timeout(60_000);
  const temp = tempDatabase();
  const channel = new CheckingChannel(temp.file);
  let serviceUrl: string;
  let app: App | undefined;

  before(async () => {
    serviceUrl = await channel.start();
  });
  after(async () => {
    await app?.close();
    await channel.stop();
    temp.remove();
  });

  const message = (i: number) => ({
    type: 'message',
    id: `once-${i}`,
    channelId: 'webchat',
    serviceUrl,
    from: { id: `investor-${i}` },
    recipient: { id: 'bot' },
    conversation: { id: `once-conversation-${i}` },
    text: 'How many hospitals are there in Germany?',
  });

  /** Every activity twice, all at once: the claims arrive together and share commits. */
  const deliverTwiceAtOnce = async (url: string, count: number) => {
    const responses = await Promise.all(
      [
        ...Array.from({ length: count }, (_x, i) => message(i)),
        ...Array.from({ length: count }, (_x, i) => message(i)),
      ].map((activity) => postActivity(url, activity)),
    );
    expect(responses.map((r) => r.status)).to.deep.equal(Array.from({ length: 2 * count }, () => 200));
  };

  it('commits each batched claim before the turn sends its reply, and answers an activity delivered twice once, also after a restart (48)', async () => {
    const count = 12;
    app = await buildApp({ DATABASE_URL: temp.url });
    await deliverTwiceAtOnce(await app.listen(), count);
    // one reply per activity, each sent after its claim was committed
    expect(channel.replies.map((r) => r.activityId).sort()).to.deep.equal(
      Array.from({ length: count }, (_x, i) => `once-${i}`).sort(),
    );
    expect(channel.replies.filter((r) => !r.claimCommitted)).to.deep.equal([]);
    // (that claims arriving together share one commit is checked on the store itself: test/storage/sqliteStore.test.ts)
    await app.close();
    // the next process on the same store answers none of them again
    app = await buildApp({ DATABASE_URL: temp.url });
    await deliverTwiceAtOnce(await app.listen(), count);
    expect(channel.replies).to.have.length(count);
  });
});
