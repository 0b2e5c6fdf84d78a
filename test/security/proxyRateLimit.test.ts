import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import type { App } from '../../src/app.js';
import { buildApp } from '../helpers/buildApp.js';

const BURST = 20;

/** A loopback stand-in for Azure's Direct Line token endpoint. */
async function directLineStandIn(): Promise<{ endpoint: string; close: () => void }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ conversationId: 'azure-conv', token: 'azure-token', expires_in: 1800 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

// docs/security.md 41: behind a proxy each visitor has its own bucket, and a forged header gets nobody a new one
for (const route of ['local Direct Line', 'Azure Direct Line'] as const) {
  describe(`Clients behind a proxy (TRUSTED_PROXIES), ${route} (docs/security.md 41)`, () => {
    const apps: App[] = [];
    let standIn: { endpoint: string; close: () => void } | undefined;

    before(async () => {
      if (route === 'Azure Direct Line') standIn = await directLineStandIn();
    });
    after(async () => {
      for (const app of apps) await app.close();
      standIn?.close();
    });

    async function start(env: Record<string, string>): Promise<string> {
      const azure = standIn && {
        MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
        MicrosoftAppPassword: 'app-password',
        HOST: '127.0.0.1',
        DIRECT_LINE_SECRET: 'direct-line-secret-value',
        DIRECT_LINE_ENDPOINT: standIn.endpoint,
      };
      const app = await buildApp({ ...azure, ...env });
      apps.push(app);
      return app.listen();
    }

    const token = (url: string, forwardedFor: string) =>
      fetch(`${url}/api/chat-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
        body: '{}',
      }).then((r) => r.status);
    // all at once, so that no token is refilled (one per 3 s) while the burst is spent
    const burst = (url: string, forwardedFor: (i: number) => string) =>
      Promise.all(Array.from({ length: BURST }, (_, i) => token(url, forwardedFor(i))));

    it('gives each client named by a trusted proxy its own burst', async () => {
      const url = await start({ TRUSTED_PROXIES: '127.0.0.1' });
      expect(await burst(url, () => '203.0.113.1')).to.deep.equal(Array(BURST).fill(200));
      expect(await token(url, '203.0.113.1')).to.equal(429);
      // another visitor behind the same proxy is not held back by the first
      expect(await burst(url, () => '203.0.113.2')).to.deep.equal(Array(BURST).fill(200));
      expect(await token(url, '203.0.113.2')).to.equal(429);
      // what a client writes in front of the proxy's entry is not believed
      expect(await token(url, '198.51.100.9, 203.0.113.1')).to.equal(429);
    });

    if (route === 'local Direct Line') {
      it("refuses a visitor a proxy on this host forwards on the bot's reply route, and still takes the bot's own", async () => {
        const url = await start({ TRUSTED_PROXIES: '127.0.0.1' });
        const chat = (await (
          await fetch(`${url}/api/chat-token`, { method: 'POST', headers: { 'content-type': 'application/json' } })
        ).json()) as { conversationId: string };
        const reply = (headers: Record<string, string>) =>
          fetch(`${url}/v3/conversations/${chat.conversationId}/activities`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...headers },
            body: JSON.stringify({ type: 'message', text: 'Your reference: INV-FAKE' }),
          }).then((r) => r.status);
        expect(await reply({ 'x-forwarded-for': '203.0.113.1' })).to.equal(403);
        expect(await reply({})).to.equal(200);
      });
    }

    it('ignores X-Forwarded-For without TRUSTED_PROXIES: forged addresses share one bucket', async () => {
      const url = await start({});
      expect(await burst(url, (i) => `198.51.100.${i + 1}`)).to.deep.equal(Array(BURST).fill(200));
      expect(await token(url, '198.51.100.200')).to.equal(429);
    });
  });
}
