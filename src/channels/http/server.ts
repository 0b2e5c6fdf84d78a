import type { ActivityHandler } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import type { Logger } from 'pino';
import restify, { type Request, type Response } from 'restify';
import type { BotAdapter } from '../botframework/adapter.js';
import { GATE_FULL, type TurnGate } from '../limits/turnGate.js';
import { asBotActivity, checkActivity } from './activityShape.js';
import { errorBody, sendError } from './errorBodies.js';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './jsonDepth.js';
import { isServiceUrlAllowed } from './serviceUrlPolicy.js';

/** Largest request body accepted (docs/security.md 1). */
export const MAX_BODY_BYTES = 64 * 1024;

export type Readiness = 'ready' | 'starting' | 'store unavailable';

/** What the HTTP layer needs from the application. */
export interface ServerDeps {
  adapter: BotAdapter;
  bot: ActivityHandler;
  /** Bounds the turns running at once, for every channel route (the Direct Line's too). */
  gate: TurnGate;
  logger: Logger;
  /**
   * `ready` once the knowledge is indexed and the store answers; `store unavailable` while its server cannot be
   * reached (the bot still answers questions, but refuses leads: docs/security.md 40).
   */
  readiness: () => Readiness;
  allowedServiceUrls: readonly string[] | null;
  /** A request not received completely by then, or a connection silent that long, is closed (Node: 300 s). */
  requestTimeoutMs: number;
}

/** Builds the restify server (routes, guards, one error handler) without listening, so tests can inject it. */
export function createServer(deps: ServerDeps): restify.Server {
  // restify logs failures with the whole request (its Authorization header too): give it ours, which redacts
  const server = restify.createServer({
    name: 'investor-bot',
    handleUncaughtExceptions: false,
    // restify 11 takes a pino logger; its type definitions still describe bunyan's
    log: deps.logger.child({ component: 'restify' }) as unknown as restify.ServerOptions['log'],
  });
  // the whole request, headers and body, within the timeout (docs/security.md 43)
  server.server.requestTimeout = deps.requestTimeoutMs;
  server.server.headersTimeout = deps.requestTimeoutMs;
  // Node checks the two above only every 30 s by default: a body trickled a byte at a time lived up to a minute.
  // Read when the server starts listening, so it must be set before; @types/node knows it only as an option.
  (server.server as { connectionsCheckingInterval?: number }).connectionsCheckingInterval = checkingIntervalMs(
    deps.requestTimeoutMs,
  );
  // a connection that stalls completely is cut by the socket's idle timeout too
  server.server.timeout = deps.requestTimeoutMs;

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
  // every JSON route (the Direct Line's too): a body nested absurdly deep is refused before anyone stores it
  server.use((req: Request, res: Response, next: restify.Next) => {
    if (req.body !== undefined && nestsDeeperThan(req.body, MAX_JSON_DEPTH)) return sendError(res, 400, next);
    return next();
  });

  server.get('/healthz', (_req: Request, res: Response, next: restify.Next) => {
    res.send(200, { status: 'ok' });
    return next();
  });
  server.get('/readyz', (_req: Request, res: Response, next: restify.Next) => {
    const status = deps.readiness();
    res.send(status === 'ready' ? 200 : 503, { status });
    return next();
  });

  const { gate } = deps;
  server.post('/api/messages', async (req: Request, res: Response) => {
    const checked = checkActivity(req.body);
    if (!checked.ok) {
      deps.logger.info({ reason: checked.reason }, 'rejected a malformed activity');
      return sendError(res, 400);
    }
    const { activity } = checked;
    // every delivery mode: a reply-in-body request still makes the bot call its serviceUrl (Teams member look-ups)
    if (activity.serviceUrl !== undefined && !isServiceUrlAllowed(activity.serviceUrl, deps.allowedServiceUrls)) {
      deps.logger.warn({ activityType: activity.type, channelId: activity.channelId }, 'serviceUrl not allowed');
      return sendError(res, 403);
    }
    try {
      const authorization = req.headers.authorization ?? '';
      const invokeResponse = await gate.run(() =>
        deps.adapter.run(authorization, asBotActivity(activity), (context) => deps.bot.run(context)),
      );
      if (invokeResponse === GATE_FULL) {
        deps.logger.warn({ channelId: activity.channelId }, 'too many turns queued; asked the channel to retry');
        res.header('retry-after', '1');
        return sendError(res, 503);
      }
      res.send(invokeResponse?.status ?? 200, invokeResponse?.body);
    } catch (error) {
      // the turn's own errors end in onTurnError; what arrives here is authentication or the adapter itself
      if (error instanceof AuthenticationError) return sendError(res, 401);
      deps.logger.error({ err: { name: (error as Error).name, message: (error as Error).message } }, 'request failed');
      if (!res.headersSent) sendError(res, 500);
    }
  });

  server.on(
    'restifyError',
    (_req: Request, _res: Response, error: Error & { statusCode?: number; body?: unknown }, callback: () => void) => {
      const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
      const body = errorBody(status);
      Object.assign(error, { toJSON: () => body, toString: () => body.error });
      if (status >= 500) deps.logger.error({ err: { name: error.name, message: error.message } }, 'request error');
      return callback();
    },
  );
  return server;
}

/** How often Node looks for requests past their timeout: a request is closed at most this much late. */
function checkingIntervalMs(requestTimeoutMs: number): number {
  return Math.min(1_000, Math.ceil(requestTimeoutMs / 4));
}
