import { DirectLine } from 'botframework-directlinejs';
import { expect } from 'chai';
import XMLHttpRequest from 'xhr2';
import type { App } from '../../src/app.js';
import { DirectLineTokens } from '../../src/channels/webchat/tokens.js';
import { buildApp } from '../helpers/buildApp.js';
import { waitUntil } from '../helpers/waitUntil.js';

const SECRET = 'test-secret-for-direct-line-tokens-0123456789';

// the stock client polls through rxjs' ajax, which needs the browser's XMLHttpRequest; it only looks WebSocket up
const browserGlobals = globalThis as { XMLHttpRequest?: unknown; WebSocket?: unknown };
browserGlobals.XMLHttpRequest ??= XMLHttpRequest;
browserGlobals.WebSocket ??= class NoWebSocket {};

type DlActivity = { type: string; id?: string; text?: string; from: { id: string; role?: string } };

describe('Built-in Direct Line, driven by the stock botframework-directlinejs client', function () {
  this.timeout(30_000);
  let app: App;
  let url: string;
  const clients: DirectLine[] = [];

  before(async () => {
    app = await buildApp({ WEBCHAT_TOKEN_SECRET: SECRET });
    url = await app.listen();
  });
  after(async () => {
    for (const client of clients) client.end();
    await app.close();
  });

  async function chatToken(
    body: object = {},
  ): Promise<{ conversationId: string; token: string; expires_in: number; domain: string }> {
    const response = await fetch(`${url}/api/chat-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).to.equal(200);
    return response.json();
  }

  function connect(token: string): { client: DirectLine; seen: DlActivity[] } {
    const client = new DirectLine({ token, domain: `${url}/v3/directline`, webSocket: false, pollingInterval: 200 });
    clients.push(client);
    const seen: DlActivity[] = [];
    // ending the client errors the stream with "conversation ended": expected at the end of each test
    client.activity$.subscribe(
      (a) => seen.push(a as DlActivity),
      () => undefined,
    );
    return { client, seen };
  }

  it('welcomes on start, echoes the message with its id, and answers with the source', async () => {
    const { token } = await chatToken();
    const { client, seen } = connect(token);
    await waitUntil(() => seen.find((a) => a.from.role === 'bot' && /Welcome/.test(a.text ?? '')));
    const id = await new Promise<string>((resolve, reject) =>
      client
        .postActivity({
          type: 'message',
          from: { id: 'ignored' },
          text: 'How many hospitals are there in Germany?',
        } as never)
        .subscribe(resolve, reject),
    );
    await waitUntil(() => seen.find((a) => a.id === id));
    const answer = await waitUntil(() => seen.find((a) => a.from.role === 'bot' && /1,894/.test(a.text ?? '')));
    expect(answer.text).to.match(/Source: Medical Technology Clusters in Germany/);
    expect(seen.find((a) => a.id === id)!.from.id).to.match(/^dl_/);
  });

  it("welcomes in the browser's language that the widget gives with the token request", async () => {
    const { seen } = connect((await chatToken({ locale: 'de-DE' })).token);
    await waitUntil(() => seen.find((a) => a.from.role === 'bot' && /^Willkommen!/.test(a.text ?? '')));
    // a locale that is not a language tag is ignored, and the chat still starts (in English)
    const { seen: other } = connect((await chatToken({ locale: '<b>de</b>' })).token);
    await waitUntil(() => other.find((a) => a.from.role === 'bot' && /^Welcome!/.test(a.text ?? '')));
  });

  it("refuses a token on another conversation's activities", async () => {
    const mine = await chatToken();
    const theirs = await chatToken();
    for (const method of ['GET', 'POST']) {
      const response = await fetch(`${url}/v3/directline/conversations/${theirs.conversationId}/activities`, {
        method,
        headers: { authorization: `Bearer ${mine.token}`, 'content-type': 'application/json' },
        ...(method === 'POST' ? { body: JSON.stringify({ type: 'message', text: 'hi' }) } : {}),
      });
      expect(response.status, method).to.equal(403);
    }
  });

  it('refuses an expired token and a forged one', async () => {
    const { conversationId } = await chatToken();
    const expired = new DirectLineTokens(SECRET, 60, () => Date.now() - 3_600_000).issue(
      conversationId,
      'dl_x',
      0,
    ).token;
    const forged = new DirectLineTokens('another-secret-another-secret-0123456789', 1800).issue(
      conversationId,
      'dl_x',
      0,
    ).token;
    for (const token of [expired, forged, 'not-a-token']) {
      const response = await fetch(`${url}/v3/directline/conversations/${conversationId}/activities?watermark=`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).to.equal(403);
    }
  });

  it('refreshes a token for the same conversation, and resumes it from a watermark', async () => {
    const { token, conversationId } = await chatToken();
    const refreshed = await fetch(`${url}/v3/directline/tokens/refresh`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(refreshed.status).to.equal(200);
    const { token: fresh } = await refreshed.json();
    const auth = { authorization: `Bearer ${fresh}`, 'content-type': 'application/json' };
    await fetch(`${url}/v3/directline/conversations`, { method: 'POST', headers: auth, body: '{}' });
    const read = async (watermark: string) =>
      (
        await fetch(`${url}/v3/directline/conversations/${conversationId}/activities?watermark=${watermark}`, {
          headers: auth,
        })
      ).json();
    let all = await read('');
    for (let i = 0; i < 100 && all.activities.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      all = await read('');
    }
    expect(all.activities[0].text).to.match(/Welcome/);
    const after = await read(all.watermark);
    expect(typeof all.watermark).to.equal('string');
    expect(after.activities).to.deep.equal([]);
  });

  const refresh = (token: string) =>
    fetch(`${url}/v3/directline/tokens/refresh`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });

  it('revokes the token a refresh replaces: it can no longer post, read or refresh (docs/security.md 44)', async () => {
    const { token: old, conversationId } = await chatToken();
    const refreshed = await refresh(old);
    expect(refreshed.status).to.equal(200);
    const { token: fresh } = (await refreshed.json()) as { token: string };
    const activities = `${url}/v3/directline/conversations/${conversationId}/activities`;
    const post = (token: string) =>
      fetch(activities, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'How many hospitals are there in Germany?' }),
      });
    const read = (token: string) =>
      fetch(`${activities}?watermark=`, { headers: { authorization: `Bearer ${token}` } });
    expect((await post(old)).status, 'post with the old token').to.equal(403);
    expect((await read(old)).status, 'read with the old token').to.equal(403);
    expect((await refresh(old)).status, 'refresh with the old token').to.equal(403);
    expect((await post(fresh)).status, 'post with the new token').to.equal(200);
    expect((await read(fresh)).status, 'read with the new token').to.equal(200);
  });

  it('refreshes one conversation at most every 5 s (429), revoking nothing when it refuses (docs/security.md 44)', async () => {
    const { token, conversationId } = await chatToken();
    const { token: fresh } = (await (await refresh(token)).json()) as { token: string };
    const again = await refresh(fresh);
    expect(again.status).to.equal(429);
    expect(Number(again.headers.get('retry-after'))).to.be.within(1, 5);
    const read = await fetch(`${url}/v3/directline/conversations/${conversationId}/activities`, {
      headers: { authorization: `Bearer ${fresh}` },
    });
    expect(read.status).to.equal(200);
    // the bound is per conversation: another one refreshes at once
    expect((await refresh((await chatToken()).token)).status).to.equal(200);
  });

  it('rate-limits the token endpoint', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      statuses.push((await fetch(`${url}/api/chat-token`, { method: 'POST' })).status);
    }
    expect(statuses).to.include(429);
  });
});

describe('Production web chat token (/api/chat-token with an app id)', () => {
  let app: App;
  let url: string;
  let standIn: import('node:http').Server;
  const generated: { authorization?: string; body: string }[] = [];

  before(async () => {
    const http = await import('node:http');
    standIn = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        generated.push({ authorization: req.headers.authorization, body });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ conversationId: 'azure-conv', token: 'azure-token', expires_in: 1800 }));
      });
    });
    await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(standIn.address() as import('node:net').AddressInfo).port}`;
    app = await buildApp({
      MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
      MicrosoftAppPassword: 'app-password',
      HOST: '127.0.0.1',
      DIRECT_LINE_SECRET: 'direct-line-secret-value',
      DIRECT_LINE_ENDPOINT: endpoint,
    });
    url = await app.listen();
  });
  after(async () => {
    await app.close();
    standIn.close();
  });

  it('exchanges the secret at Direct Line and gives the page only the token', async () => {
    const response = await fetch(`${url}/api/chat-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const text = await response.text();
    expect(response.status).to.equal(200);
    expect(JSON.parse(text)).to.deep.include({ conversationId: 'azure-conv', token: 'azure-token' });
    expect(JSON.parse(text).domain).to.match(/^http:\/\/127\.0\.0\.1:\d+\/v3\/directline$/);
    expect(text).not.to.include('direct-line-secret-value');
    expect(generated[0]!.authorization).to.equal('Bearer direct-line-secret-value');
    expect(JSON.parse(generated[0]!.body).user.id).to.match(/^dl_/);
  });

  it('serves no local Direct Line', async () => {
    const response = await fetch(`${url}/v3/directline/conversations`, { method: 'POST' });
    expect(response.status).to.equal(404);
  });
});

describe('Embedding the widget on another origin (CORS on the chat routes only)', () => {
  let app: App;
  let url: string;

  before(async () => {
    app = await buildApp({ WEBCHAT_ALLOWED_ORIGINS: 'https://invest.example' });
    url = await app.listen();
  });
  after(() => app.close());

  const preflight = (path: string, origin: string) =>
    fetch(`${url}${path}`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
    });

  it('answers the preflight of an allowed origin for the token and Direct Line routes', async () => {
    for (const path of ['/api/chat-token', '/v3/directline/conversations']) {
      const response = await preflight(path, 'https://invest.example');
      expect(response.status).to.equal(204);
      expect(response.headers.get('access-control-allow-origin')).to.equal('https://invest.example');
      expect(response.headers.get('access-control-allow-headers')).to.match(/Authorization/);
    }
  });

  it('allows no other origin, and never the bot endpoint', async () => {
    const stranger = await preflight('/api/chat-token', 'https://evil.example');
    expect(stranger.headers.get('access-control-allow-origin')).to.equal(null);
    const messages = await preflight('/api/messages', 'https://invest.example');
    expect(messages.headers.get('access-control-allow-origin')).to.equal(null);
  });
});
