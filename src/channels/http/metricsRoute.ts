import { timingSafeEqual } from 'node:crypto';
import type restify from 'restify';
import type { Request, Response } from 'restify';
import type { BotMetrics } from '../../operations/metrics.js';
import { sendError } from './errorBodies.js';

/** `GET /metrics` in Prometheus' text format; with a token set, only for `Authorization: Bearer <token>`. */
export function registerMetrics(server: restify.Server, metrics: BotMetrics, token: string | null): void {
  server.get('/metrics', async (req: Request, res: Response) => {
    if (token !== null && !sameSecret(req.headers.authorization ?? '', `Bearer ${token}`)) {
      res.header('www-authenticate', 'Bearer');
      return sendError(res, 401);
    }
    const body = await metrics.render();
    res.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' });
    res.end(body);
  });
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
