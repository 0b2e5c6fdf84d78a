import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A captured request to the loopback Bot Connector stand-in. */
export interface CapturedActivity {
  conversationId: string;
  activity: Record<string, unknown>;
}

/**
 * A loopback stand-in for a channel's Bot Connector: records every activity the bot sends to its serviceUrl, answers
 * Teams' member look-up from {@link members}, and can refuse the next posts to a conversation.
 */
export class CaptureServer {
  readonly activities: CapturedActivity[] = [];
  /** Teams members by user id, as `GET /v3/conversations/:id/members/:userId` returns them. */
  readonly members = new Map<string, Record<string, unknown>>();
  /** Posts refused so far (status per refusal), by conversation. */
  readonly refused: { conversationId: string; status: number }[] = [];
  /** Every request received, as method and path. */
  readonly requests: string[] = [];
  private readonly refusals = new Map<string, number[]>();
  private readonly server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const url = req.url ?? '';
      this.requests.push(`${req.method} ${url}`);
      const member = /\/v3\/conversations\/[^/]+\/members\/([^/?]+)/.exec(url);
      if (member && req.method === 'GET') {
        const found = this.members.get(decodeURIComponent(member[1]!));
        res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
        res.end(JSON.stringify(found ?? { error: { code: 'NotFound' } }));
        return;
      }
      const match = /\/v3\/conversations\/([^/]+)\/activities/.exec(url);
      const conversationId = match ? decodeURIComponent(match[1]!) : '';
      const refusal = this.refusals.get(conversationId)?.shift();
      if (refusal !== undefined) {
        this.refused.push({ conversationId, status: refusal });
        res.writeHead(refusal, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'ServiceError' } }));
        return;
      }
      if (match && req.method === 'POST' && body) {
        this.activities.push({ conversationId, activity: JSON.parse(body) });
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `captured-${this.activities.length}` }));
    });
  });

  /** The next posts to this conversation are answered with these statuses, in order. */
  refuseNext(conversationId: string, ...statuses: number[]): void {
    this.refusals.set(conversationId, [...(this.refusals.get(conversationId) ?? []), ...statuses]);
  }

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
