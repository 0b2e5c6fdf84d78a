import net from 'node:net';
import { expect } from 'chai';
import type { App } from '../../src/app.js';
import { buildApp } from '../helpers/buildApp.js';

const TIMEOUT_MS = 1_500;

// docs/security.md 43: a request trickled in, headers or body, is closed at REQUEST_TIMEOUT_MS, not ~30 s later
describe('A request trickled in byte by byte (docs/security.md 43)', function () {
  this.timeout(15_000);
  let app: App;
  let port: number;

  before(async () => {
    app = await buildApp({ REQUEST_TIMEOUT_MS: String(TIMEOUT_MS) });
    port = Number(new URL(await app.listen()).port);
  });
  after(() => app.close());

  /** Sends `head` at once, then one byte of `trickle` every 200 ms; resolves to the ms until the bot closes. */
  async function trickle(head: string, drip: string): Promise<{ elapsed: number; answer: string }> {
    const socket = net.connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const started = Date.now();
    let answer = '';
    socket.on('data', (chunk: Buffer) => {
      answer += chunk;
    });
    socket.on('error', () => undefined);
    socket.write(head);
    let sent = 0;
    // a byte every 200 ms keeps the socket from ever idling, so only the request timeout can end it
    const dripper = setInterval(() => {
      if (!socket.destroyed) socket.write(drip[sent++ % drip.length]!);
    }, 200);
    const guard = setTimeout(() => socket.destroy(), 10_000);
    await new Promise<void>((resolve) => socket.once('close', () => resolve()));
    clearInterval(dripper);
    clearTimeout(guard);
    return { elapsed: Date.now() - started, answer };
  }

  it('closes a body trickled one byte every 200 ms within REQUEST_TIMEOUT_MS + 1 s', async () => {
    const { elapsed, answer } = await trickle(
      'POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 60000\r\n\r\n',
      '{"type":"message","text":"aaaaaaaa',
    );
    expect(elapsed).to.be.within(TIMEOUT_MS - 100, TIMEOUT_MS + 1_000);
    expect(answer).to.match(/^HTTP\/1\.1 408/);
  });

  it('closes headers trickled one byte every 200 ms within REQUEST_TIMEOUT_MS + 1 s', async () => {
    const { elapsed } = await trickle('GET /healthz HTTP/1.1\r\nHost: x\r\n', 'X-Slow: abcdefghijklmnopqrstuvwxyz');
    expect(elapsed).to.be.within(TIMEOUT_MS - 100, TIMEOUT_MS + 1_000);
  });

  it('still answers a request sent at a normal pace', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).to.equal(200);
  });
});
