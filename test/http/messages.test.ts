import { gzipSync } from 'node:zlib';
import { expect } from 'chai';
import type { App } from '../../src/app.js';
import { CaptureServer } from '../fakes/captureServer.js';
import { buildApp } from '../helpers/buildApp.js';

describe('POST /api/messages', () => {
  let app: App;
  let url: string;
  const capture = new CaptureServer();
  let serviceUrl: string;

  before(async () => {
    app = await buildApp();
    url = await app.listen();
    serviceUrl = await capture.start();
  });
  after(async () => {
    await app.close();
    await capture.stop();
  });

  const message = (conversationId: string, text: string, extra: Record<string, unknown> = {}) => ({
    type: 'message',
    id: `${conversationId}-1`,
    channelId: 'webchat',
    serviceUrl,
    from: { id: 'investor-1', name: 'Investor' },
    recipient: { id: 'bot', name: 'InvestorBot' },
    conversation: { id: conversationId },
    text,
    ...extra,
  });
  const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(`${url}/api/messages`, { method: 'POST', headers, body });

  describe('when a channel sends a question', () => {
    it('answers through the serviceUrl with the extract and its source', async () => {
      const response = await post(
        JSON.stringify(message('conv-hospitals', 'How many hospitals are there in Germany?')),
      );
      expect(response.status).to.be.within(200, 299);
      const [reply] = capture.textsOf('conv-hospitals');
      expect(reply).to.contain('1,894');
      expect(reply).to.match(/Source: Medical Technology Clusters in Germany/);
    });

    it('answers a question it cannot answer with a plain "I don\'t know" and a contact', async () => {
      await post(JSON.stringify(message('conv-wage', 'What is the minimum wage in Germany?')));
      const [reply] = capture.textsOf('conv-wage');
      expect(reply).to.match(/don't have information/);
      expect(reply).to.match(/\+49|@gtai\.de/);
    });

    it('returns the replies in the body for deliveryMode expectReplies, without calling the serviceUrl', async () => {
      const before = capture.activities.length;
      const body = message('conv-expect', 'hello', { deliveryMode: 'expectReplies' });
      const response = await post(JSON.stringify(body));
      const payload = (await response.json()) as { activities: { text: string }[] };
      expect(payload.activities[0]!.text).to.match(/ask/i);
      expect(capture.activities.length).to.equal(before);
    });
  });

  describe('when the request is not an acceptable activity', () => {
    const cases: [string, () => Promise<Response>, number][] = [
      ['malformed JSON', () => post('{"type": "message",'), 400],
      ['a JSON array', () => post('[]'), 400],
      ['JSON null', () => post('null'), 400],
      ['a JSON string', () => post('"s"'), 400],
      ['a missing type', () => post(JSON.stringify({ text: 'hi' })), 400],
      ['a non-string type', () => post(JSON.stringify({ type: 42 })), 400],
      ['text/plain', () => post('hello', { 'content-type': 'text/plain' }), 415],
      ['a form body', () => post('a=b', { 'content-type': 'application/x-www-form-urlencoded' }), 415],
      [
        'a multipart upload',
        () =>
          post('--x\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\n\r\nhi\r\n--x--\r\n', {
            'content-type': 'multipart/form-data; boundary=x',
          }),
        415,
      ],
      [
        'a gzip body',
        () =>
          fetch(`${url}/api/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
            body: gzipSync(JSON.stringify(message('conv-gzip', 'hi'))),
          }),
        415,
      ],
      ['a body over 64 KB', () => post(JSON.stringify(message('conv-big', 'x'.repeat(70_000)))), 413],
    ];
    for (const [what, send, status] of cases) {
      it(`answers ${status} to ${what}, with a generic body`, async () => {
        const response = await send();
        expect(response.status).to.equal(status);
        const text = await response.text();
        expect(text).not.to.match(/at \w+ \(|node_modules|Error:/);
      });
    }

    it('sends nothing to a serviceUrl outside the allow-list', async () => {
      const before = capture.activities.length;
      const response = await post(
        JSON.stringify(message('conv-evil', 'hello', { serviceUrl: 'https://attacker.example.com' })),
      );
      expect(response.status).to.equal(403);
      expect(capture.activities.length).to.equal(before);
    });
  });

  describe('when the serviceUrl is outside the allow-list, in every delivery mode (docs/security.md 12)', () => {
    for (const deliveryMode of [undefined, 'normal', 'expectReplies', 'notification']) {
      it(`answers 403 and sends nothing (deliveryMode ${deliveryMode ?? 'unset'})`, async () => {
        const before = capture.activities.length;
        const body = message(`conv-evil-${deliveryMode}`, 'hello', {
          serviceUrl: 'https://attacker.example.com',
          deliveryMode,
        });
        const response = await post(JSON.stringify(body));
        expect(response.status).to.equal(403);
        expect(await response.text()).not.to.match(/ask/i);
        expect(capture.activities.length).to.equal(before);
      });
    }
  });

  describe('health', () => {
    it('reports alive on /healthz and ready on /readyz once the knowledge is indexed', async () => {
      expect((await fetch(`${url}/healthz`)).status).to.equal(200);
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).to.equal(200);
      expect(await ready.json()).to.deep.equal({ status: 'ready' });
    });
  });
});
