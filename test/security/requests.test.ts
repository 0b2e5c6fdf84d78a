import net from 'node:net';
import { expect } from 'chai';
import type { App } from '../../src/app.js';
import { CaptureServer } from '../fakes/captureServer.js';
import { buildApp } from '../helpers/buildApp.js';
import { capturingLogger } from '../helpers/logCapture.js';
import { postActivity } from '../helpers/postActivity.js';

// docs/security.md 3, 8, 9, 10 (1, 2, 4-7 are in test/http/messages.test.ts; 11 in test/http/auth.test.ts)
describe('Requests the bot must survive (docs/security.md 3, 8-10)', () => {
  const capture = new CaptureServer();
  const log = capturingLogger('info');
  let serviceUrl: string;
  let app: App;
  let url: string;

  before(async () => {
    serviceUrl = await capture.start();
    app = await buildApp({ REQUEST_TIMEOUT_MS: '500' }, { logger: log.logger });
    url = await app.listen();
  });
  after(async () => {
    await app.close();
    await capture.stop();
  });

  const message = (conversationId: string, fields: Record<string, unknown> = {}) => ({
    type: 'message',
    id: `${conversationId}-1`,
    channelId: 'webchat',
    serviceUrl,
    from: { id: 'investor' },
    recipient: { id: 'bot' },
    conversation: { id: conversationId },
    text: 'How many hospitals are there in Germany?',
    ...fields,
  });
  const turnFailures = () => log.lines.filter((l) => l.msg === 'turn failed' || l.msg === 'request failed');

  it('closes a stalled upload after the request timeout (3)', async () => {
    const { port } = new URL(url);
    const socket = net.connect(Number(port), '127.0.0.1');
    const started = Date.now();
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      'POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"type":',
    );
    await new Promise<void>((resolve) => socket.once('close', () => resolve()));
    const elapsed = Date.now() - started;
    expect(elapsed).to.be.within(400, 5_000);
    expect(await app.leads.list()).to.deep.equal([]);
  });

  for (const missing of ['conversation', 'from', 'serviceUrl'] as const) {
    it(`refuses or ignores a message without ${missing}, never crashing (8)`, async () => {
      const activity: Record<string, unknown> = message(`no-${missing}`);
      delete activity[missing];
      const response = await postActivity(url, activity);
      expect(response.status).to.be.oneOf([200, 202, 400]);
      expect(turnFailures()).to.deep.equal([]);
      expect((await fetch(`${url}/healthz`)).status).to.equal(200);
    });
  }

  for (const timestamp of ['not a date', '2026-13-45T99:99:99Z', 12345, '', '9'.repeat(400)]) {
    it(`answers a message with the timestamp ${JSON.stringify(timestamp).slice(0, 30)} without an error later in the turn (9)`, async () => {
      const conversation = `timestamp-${String(timestamp).length}-${typeof timestamp}`;
      const response = await postActivity(url, message(conversation, { timestamp, localTimestamp: timestamp }));
      expect(response.status).to.be.oneOf([200, 400]);
      if (response.status === 200) expect(capture.textsOf(conversation).join('\n')).to.include('1,894');
      expect(turnFailures()).to.deep.equal([]);
    });
  }

  it('never lets __proto__ or constructor keys pollute objects (10)', async () => {
    const body = JSON.stringify(message('proto'))
      .replace(
        '{"type":"message"',
        '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"type":"message"',
      )
      .replace(
        '"from":{"id":"investor"}',
        '"from":{"id":"investor","__proto__":{"isAdmin":true}},"value":{"__proto__":{"polluted":"yes"},"action":"submitLead"}',
      );
    const response = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(response.status).to.be.below(500);
    const plain: Record<string, unknown> = {};
    expect(plain.polluted).to.equal(undefined);
    expect(plain.isAdmin).to.equal(undefined);
    expect(Object.prototype).not.to.have.property('polluted');
    expect(await app.leads.list()).to.deep.equal([]);
    expect(turnFailures()).to.deep.equal([]);
  });
});
