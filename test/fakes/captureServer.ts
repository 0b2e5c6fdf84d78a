import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A captured request to the loopback Bot Connector stand-in. */
export interface CapturedActivity {
  conversationId: string;
  activity: Record<string, unknown>;
}

/** A loopback stand-in for a channel's Bot Connector: records every activity the bot sends to its serviceUrl. */
export class CaptureServer {
  readonly activities: CapturedActivity[] = [];
  private readonly server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const match = /\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      if (match && req.method === 'POST' && body) {
        this.activities.push({ conversationId: decodeURIComponent(match[1]!), activity: JSON.parse(body) });
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `captured-${this.activities.length}` }));
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Texts (message text and card fallback) the bot sent in one conversation. */
  textsOf(conversationId: string): string[] {
    return this.activities
      .filter((a) => a.conversationId === conversationId)
      .map(({ activity }) => {
        const attachments = (activity.attachments as { content?: { fallbackText?: string } }[] | undefined) ?? [];
        return [activity.text, ...attachments.map((a) => a.content?.fallbackText)].filter(Boolean).join('\n');
      });
  }
}
