import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitUntil } from '../helpers/waitUntil.js';

/** How the receiver answers one request: a status (with headers), or hanging (a timeout), or dropping the socket. */
export type WebhookAnswer = { status: number; headers?: Record<string, string> } | 'hang' | 'drop';

/** A request the receiver got. */
export interface ReceivedLead {
  at: number;
  idempotencyKey: string | undefined;
  body: Record<string, unknown>;
}

/**
 * A loopback lead webhook with a script: the n-th request gets the n-th answer (the last one repeats). Records every
 * request, answered or not, so tests see each try and its Idempotency-Key.
 */
export class WebhookReceiver {
  readonly received: ReceivedLead[] = [];
  private readonly hanging = new Set<http.ServerResponse>();
  private server: http.Server | null = null;
  /** Requests before the current script began. */
  private offset = 0;

  constructor(private script: WebhookAnswer[] = [{ status: 200 }]) {}

  /** Starts on `port` (0: the OS picks); resolves to the webhook URL. */
  async start(port = 0): Promise<string> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        const index = this.received.length;
        this.received.push({
          at: Date.now(),
          idempotencyKey: req.headers['idempotency-key'] as string | undefined,
          body: body ? JSON.parse(body) : {},
        });
        const answer = this.script[Math.min(index - this.offset, this.script.length - 1)]!;
        if (answer === 'hang') {
          this.hanging.add(res);
          return;
        }
        if (answer === 'drop') {
          req.socket.destroy();
          return;
        }
        res.writeHead(answer.status, answer.headers ?? {});
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/leads`;
  }

  /** Answers with this script from the next request on. */
  answer(script: WebhookAnswer[]): void {
    this.offset = this.received.length;
    this.script = script;
  }

  /** Resolves once `count` requests arrived (or rejects after `timeoutMs`). */
  async waitFor(count: number, timeoutMs = 15_000): Promise<ReceivedLead[]> {
    await waitUntil(() => this.received.length >= count, timeoutMs);
    return this.received;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** A loopback port nothing listens on (connections to it are refused), for "receiver down" tests. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
