import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CHECK_PREFIX, type ReplyCounts, serveParent } from './ipc.js';

// Words of the bot's error and "slow down" replies (templates/en/error.hbs, slowDown.hbs): plain ASCII, so they
// read the same inside the JSON body and no body needs parsing
const ERROR_WORDS = 'something went wrong on my side';
const SLOW_DOWN_WORDS = 'faster than I can answer';

/**
 * A loopback stand-in for the channel's Bot Connector, in its own process: answers every reply POST with 200 and
 * an id, doing as little as possible, and counts replies per target (the first path segment of the serviceUrl).
 */
const counts = new Map<string, ReplyCounts>();
const texts = new Map<string, string[]>();
let sequence = 0;

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const match = /^\/([^/]+)\/+v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
    if (match && req.method === 'POST') {
      const body = Buffer.concat(chunks).toString();
      const target = match[1]!;
      const count = counts.get(target) ?? { activities: 0, typing: 0, errorReplies: 0, slowDown: 0 };
      counts.set(target, count);
      count.activities++;
      if (body.includes('"type":"typing"')) count.typing++;
      if (body.includes(ERROR_WORDS)) count.errorReplies++;
      if (body.includes(SLOW_DOWN_WORDS)) count.slowDown++;
      const conversationId = decodeURIComponent(match[2]!);
      if (conversationId.startsWith(CHECK_PREFIX)) {
        const activity = JSON.parse(body) as { type?: string; text?: string };
        if (activity.type === 'message')
          texts.set(conversationId, [...(texts.get(conversationId) ?? []), activity.text ?? '']);
      }
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(`{"id":"reply-${++sequence}"}`);
  });
});

await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
serveParent(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, async (request) => {
  if (request.type === 'counts') return Object.fromEntries(counts);
  if (request.type === 'texts') return texts.get(request.conversationId) ?? [];
  if (request.type === 'stop') {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve(null)));
  }
  throw new Error(`the capture server does not answer "${request.type}"`);
});
