import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type restify from 'restify';
import type { Request, Response } from 'restify';
import { z } from 'zod';
import { clientAddress, type TrustedProxies } from '../http/clientAddress.js';
import { sendError } from '../http/errorBodies.js';
import { RateLimiter } from '../limits/rateLimiter.js';

export interface AzureTokenDeps {
  server: restify.Server;
  logger: Logger;
  /** The Direct Line channel's secret: stays on the server, only tokens reach the browser. */
  secret: string;
  /** Azure's Direct Line, e.g. https://directline.botframework.com (a loopback stand-in in tests). */
  endpoint: string;
  /** Whose X-Forwarded-For names the client the route limits (docs/security.md 41). */
  trustedProxies: TrustedProxies;
}

const GeneratedSchema = z.object({
  conversationId: z.string().max(200),
  token: z.string().max(4096),
  expires_in: z.number().int().positive(),
});

/** Production: `/api/chat-token` exchanges the Direct Line secret for a conversation token at Azure. */
export function registerAzureToken(deps: AzureTokenDeps): void {
  const limiter = new RateLimiter(20, 3_000);
  const base = deps.endpoint.replace(/\/+$/, '');
  deps.server.post('/api/chat-token', async (req: Request, res: Response) => {
    // per client, not per proxy: behind App Service every visitor would otherwise share one bucket
    if (!limiter.take(clientAddress(req, deps.trustedProxies))) return sendError(res, 429);
    try {
      const response = await fetch(`${base}/v3/directline/tokens/generate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${deps.secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ user: { id: `dl_${randomUUID()}` } }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`Direct Line answered ${response.status}`);
      const generated = GeneratedSchema.parse(await response.json());
      res.send(200, { ...generated, domain: `${base}/v3/directline` });
    } catch (error) {
      deps.logger.error({ err: { message: (error as Error).message } }, 'chat token: Direct Line unavailable');
      res.send(502, { error: 'The chat is unavailable right now' });
    }
  });
}
