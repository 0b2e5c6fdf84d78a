import type restify from 'restify';
import type { Request, Response } from 'restify';

// Only the chat's own routes are offered to other origins; the bot's /api/messages never is.
const CHAT_ROUTES = /^\/(api\/chat-token|v3\/directline\/)/;

/**
 * Lets investor pages on other origins (WEBCHAT_ALLOWED_ORIGINS) embed the widget: CORS headers and preflight
 * answers for the token and Direct Line routes, for those origins only. Same-origin pages need none of this.
 */
export function registerCors(server: restify.Server, allowedOrigins: readonly string[]): void {
  if (allowedOrigins.length === 0) return;
  server.pre((req: Request, res: Response, next: restify.Next) => {
    const origin = req.headers.origin;
    if (!origin || !allowedOrigins.includes(origin) || !CHAT_ROUTES.test(req.url ?? '')) return next();
    res.header('access-control-allow-origin', origin);
    res.header('vary', 'Origin');
    if (req.method !== 'OPTIONS') return next();
    res.header('access-control-allow-methods', 'GET, POST, OPTIONS');
    res.header('access-control-allow-headers', 'Authorization, Content-Type, x-ms-bot-agent');
    res.header('access-control-max-age', '600');
    res.send(204);
    return next(false);
  });
}
