import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import type { Logger } from 'pino';
import restify, { type Request, type Response } from 'restify';
import { checkActivity } from './activityShape.js';
import { isServiceUrlAllowed } from './serviceUrlPolicy.js';

/** Largest request body accepted (SECURITY.md 1). */
export const MAX_BODY_BYTES = 64 * 1024;
/** A request that has not arrived completely by then is closed (Node's default is 300 s). */
export const REQUEST_TIMEOUT_MS = 30_000;

/** What the HTTP layer needs from the application. */
export interface ServerDeps {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  logger: Logger;
  /** The knowledge is indexed and the bot can answer. */
  isReady: () => boolean;
  allowedServiceUrls: readonly string[] | null;
}

const GENERIC: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  408: 'Request timeout',
  413: 'Request body too large',
  415: 'Unsupported media type: send application/json without Content-Encoding',
  429: 'Too many requests',
  500: 'Internal error',
  501: 'Not implemented',
  503: 'Service unavailable',
};

/** Builds the restify server (routes, guards, one error handler) without listening, so tests can inject it. */
export function createServer(deps: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'investor-bot', handleUncaughtExceptions: false });
  server.server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.server.headersTimeout = REQUEST_TIMEOUT_MS;

  server.pre((req: Request, res: Response, next: restify.Next) => {
    if (req.method === 'POST' || req.method === 'PUT') {
      const encoding = req.headers['content-encoding'];
      // a POST without a body (Direct Line's token refresh) needs no content type; one with a body must be JSON
      const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
      if ((encoding && encoding !== 'identity') || (hasBody && !req.is('application/json'))) {
        return sendError(res, 415, next);
      }
      const length = Number(req.headers['content-length'] ?? 0);
      if (length > MAX_BODY_BYTES) return sendError(res, 413, next);
    }
    return next();
  });
  // maxBodySize is read by the body reader under jsonBodyParser; its type definitions omit it
  const bodyOptions = { maxBodySize: MAX_BODY_BYTES, mapParams: false } as restify.plugins.JsonBodyParserOptions;
  server.use(restify.plugins.jsonBodyParser(bodyOptions));

  server.get('/healthz', (_req: Request, res: Response, next: restify.Next) => {
    res.send(200, { status: 'ok' });
    return next();
  });
  server.get('/readyz', (_req: Request, res: Response, next: restify.Next) => {
    const ready = deps.isReady();
    res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'starting' });
    return next();
  });

  server.post('/api/messages', async (req: Request, res: Response) => {
    const checked = checkActivity(req.body);
    if (!checked.ok) {
      deps.logger.info({ reason: checked.reason }, 'rejected a malformed activity');
      return sendError(res, 400);
    }
    const { activity } = checked;
    const replyInBody = activity.deliveryMode === 'expectReplies';
    if (
      !replyInBody &&
      activity.serviceUrl !== undefined &&
      !isServiceUrlAllowed(activity.serviceUrl, deps.allowedServiceUrls)
    ) {
      deps.logger.warn({ activityType: activity.type, channelId: activity.channelId }, 'serviceUrl not allowed');
      return sendError(res, 403);
    }
    try {
      await deps.adapter.process(req, res, (context) => deps.bot.run(context));
    } catch (error) {
      // e.g. a token signed with an unknown key: never leak library text to the caller
      deps.logger.warn({ err: { name: (error as Error).name, message: (error as Error).message } }, 'request failed');
      if (!res.headersSent) sendError(res, (error as { statusCode?: number }).statusCode === 401 ? 401 : 500);
    }
  });

  server.on(
    'restifyError',
    (_req: Request, _res: Response, error: Error & { statusCode?: number; body?: unknown }, callback: () => void) => {
      const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
      const message = GENERIC[status] ?? (status >= 500 ? 'Internal error' : 'Bad request');
      Object.assign(error, { toJSON: () => ({ error: message }), toString: () => message });
      if (status >= 500) deps.logger.error({ err: { name: error.name, message: error.message } }, 'request error');
      return callback();
    },
  );
  return server;
}

function sendError(res: Response, status: number, next?: restify.Next): void {
  res.send(status, { error: GENERIC[status] ?? 'Error' });
  if (next) next(false);
}
