import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import type { Logger } from 'pino';
import type restify from 'restify';
import type { Request, Response } from 'restify';
import { z } from 'zod';
import { clientAddress, type TrustedProxies } from '../http/clientAddress.js';
import { errorBody } from '../http/errorBodies.js';
import { RateLimiter } from '../limits/rateLimiter.js';
import { GATE_FULL, type TurnGate } from '../limits/turnGate.js';
import { type DirectLineConversation, DirectLineConversations } from './directLineConversations.js';
import { bearer, type DirectLineTokens } from './tokens.js';

/**
 * The shortest time between two refreshes of one conversation's token. The stock client (botframework-directlinejs)
 * refreshes every 15 minutes; a client refreshing in a loop only gets 429.
 */
export const MIN_REFRESH_INTERVAL_MS = 5_000;

/** The bot as the local Direct Line shows it in transcripts. */
const BOT = { id: 'investor-bot', name: 'Investor Services', role: 'bot' };

export interface DirectLineDeps {
  server: restify.Server;
  adapter: CloudAdapter;
  bot: ActivityHandler;
  logger: Logger;
  tokens: DirectLineTokens;
  /** The same gate as /api/messages: a flood through Web Chat waits like one through any channel. */
  gate: TurnGate;
  /** Names of the event activities the bot handles; any other event is refused, not stored. */
  eventNames: readonly string[];
  /** Whose X-Forwarded-For names the client the token route limits (docs/security.md 41). */
  trustedProxies: TrustedProxies;
  conversations?: DirectLineConversations;
}

/** What Web Chat posts; unknown fields are dropped, not forwarded. */
const UserActivitySchema = z.object({
  type: z.enum(['message', 'typing', 'event']),
  text: z.string().max(20_000).optional(),
  value: z.unknown().optional(),
  name: z.string().max(100).optional(),
  locale: z.string().max(20).optional(),
  textFormat: z.string().max(20).optional(),
  // a vote on an answer names it by the schema.org action it carries (webChatChannel.ts)
  entities: z.array(z.looseObject({})).max(10).optional(),
  channelData: z
    .object({ clientActivityID: z.string().max(200).optional() })
    .loose()
    .optional(),
  from: z
    .object({ name: z.string().max(100).optional() })
    .loose()
    .optional(),
});

/** A BCP 47 language tag such as `de-DE` (what browsers report), never free text. */
const Locale = z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/);
/** What the widget sends for a token, and a client may send to start the conversation: the browser's locale. */
const LocaleBodySchema = z.object({ locale: Locale.optional() }).loose();

/**
 * The Direct Line 3.0 subset Web Chat needs (polling), served by the bot itself when no app id is configured:
 * tokens bound to one conversation, the conversation and activity routes, token refresh, and the Bot Connector
 * routes the bot's replies come back on.
 */
export function registerDirectLine(deps: DirectLineDeps): DirectLineConversations {
  const { server, tokens, logger } = deps;
  const conversations = deps.conversations ?? new DirectLineConversations();
  const tokenLimiter = new RateLimiter(20, 3_000);
  const serviceUrl = () => {
    const address = server.address() as AddressInfo;
    const host =
      address.family === 'IPv6' ? `[${loopbackOf(address.address, '::1')}]` : loopbackOf(address.address, '127.0.0.1');
    return `http://${host}:${address.port}`;
  };

  /** Runs one activity through the bot, as if a channel had posted it to /api/messages; never rejects. */
  const toBot = (conversation: DirectLineConversation, activity: Record<string, unknown>): Promise<void> => {
    const full = {
      channelId: 'directline',
      serviceUrl: serviceUrl(),
      recipient: { id: BOT.id, name: BOT.name, role: 'bot' },
      conversation: { id: conversation.id },
      timestamp: new Date().toISOString(),
      ...activity,
    };
    const res = discardResponse();
    return deps.adapter
      .process({ body: full, headers: {}, method: 'POST' }, res, (context) => deps.bot.run(context))
      .catch((error: Error) => logger.error({ err: { message: error.message } }, 'direct line: turn failed'));
  };

  const issueFor = (conversation: DirectLineConversation) =>
    tokens.issue(conversation.id, conversation.userId, conversation.tokenGeneration);

  // The page's token: a new conversation, and a token that opens it and nothing else.
  server.post('/api/chat-token', (req: Request, res: Response, next: restify.Next) => {
    // per client, not per proxy: behind App Service every visitor would otherwise share one bucket
    if (!tokenLimiter.take(clientAddress(req, deps.trustedProxies))) return fail(res, next, 429);
    const userId = `dl_${randomUUID()}`;
    // a missing or odd locale is no reason to refuse a chat: the welcome is then in English
    const request = LocaleBodySchema.safeParse(req.body ?? {});
    const conversation = conversations.get(
      conversations.create(userId, request.success ? request.data.locale : undefined),
    )!;
    res.send(200, { conversationId: conversation.id, ...issueFor(conversation), domain: '/v3/directline' });
    return next();
  });

  const authorized = (req: Request, conversationId?: string) => {
    const claims = tokens.verify(bearer(req.headers.authorization));
    if (!claims || (conversationId !== undefined && claims.conv !== conversationId)) return null;
    // a token replaced by a refresh opens nothing any more (docs/security.md 44); an unknown conversation is a 404
    const conversation = conversations.get(claims.conv);
    if (conversation && conversation.tokenGeneration !== claims.gen) return null;
    return claims;
  };

  server.post('/v3/directline/conversations', (req: Request, res: Response, next: restify.Next) => {
    const claims = authorized(req);
    const conversation = claims && conversations.get(claims.conv);
    if (!claims || !conversation) return fail(res, next, 403);
    const start = LocaleBodySchema.safeParse(req.body ?? {});
    if (!conversation.started) {
      conversation.started = true;
      // the bot's welcome arrives when the conversation starts (dropped, like any turn, when the gate is full)
      void deps.gate.run(() =>
        toBot(conversation, {
          type: 'conversationUpdate',
          id: randomUUID(),
          from: { id: conversation.userId, role: 'user' },
          membersAdded: [{ id: BOT.id, name: BOT.name }, { id: conversation.userId }],
          locale: (start.success ? start.data.locale : undefined) ?? conversation.locale,
        }),
      );
    }
    res.send(201, { conversationId: conversation.id, ...issueFor(conversation) });
    return next();
  });

  server.get('/v3/directline/conversations/:id', (req: Request, res: Response, next: restify.Next) => {
    if (!authorized(req, req.params.id)) return fail(res, next, 403);
    const conversation = conversations.get(req.params.id);
    if (!conversation) return fail(res, next, 404);
    res.send(200, { conversationId: conversation.id, ...issueFor(conversation) });
    return next();
  });

  server.get('/v3/directline/conversations/:id/activities', (req: Request, res: Response, next: restify.Next) => {
    if (!authorized(req, req.params.id)) return fail(res, next, 403);
    const conversation = conversations.get(req.params.id);
    if (!conversation) return fail(res, next, 404);
    // restify parses no query string unless asked to: read it from the URL
    const watermark = Number.parseInt(new URL(req.url ?? '', 'http://local').searchParams.get('watermark') || '0', 10);
    res.send(200, conversations.after(conversation, Number.isFinite(watermark) ? watermark : 0));
    return next();
  });

  server.post('/v3/directline/conversations/:id/activities', async (req: Request, res: Response) => {
    const claims = authorized(req, req.params.id);
    if (!claims) return failWith(res, 403);
    const conversation = conversations.get(req.params.id);
    if (!conversation) return failWith(res, 404);
    const parsed = UserActivitySchema.safeParse(req.body);
    if (!parsed.success) return failWith(res, 400);
    if (parsed.data.type === 'event' && !deps.eventNames.includes(parsed.data.name ?? '')) return failWith(res, 400);
    const { from, ...posted } = parsed.data;
    const activity = { ...posted, from: { id: claims.user, name: from?.name, role: 'user' } };
    if (activity.type === 'typing') {
      res.send(200, { id: `${conversation.id}|typing` });
      return;
    }
    // like the Direct Line service, answer once the bot has taken the turn: a client posting faster than turns run
    // waits, and past the queue gets 503 with Retry-After, as on /api/messages
    let id = '';
    const outcome = await deps.gate.run(() => {
      const stored = conversations.append(conversation, activity);
      id = stored.id;
      return toBot(conversation, stored);
    });
    if (outcome === GATE_FULL) {
      res.header('retry-after', '1');
      return failWith(res, 503);
    }
    res.send(200, { id });
  });

  // A refresh replaces the token: the one it was asked with is revoked, so a leaked token ends with the next refresh
  // and cannot be multiplied into several live ones (docs/security.md 44).
  server.post('/v3/directline/tokens/refresh', (req: Request, res: Response, next: restify.Next) => {
    const claims = authorized(req);
    const conversation = claims && conversations.get(claims.conv);
    if (!claims || !conversation) return fail(res, next, 403);
    const wait = conversation.refreshedAt + MIN_REFRESH_INTERVAL_MS - Date.now();
    if (wait > 0) {
      res.header('retry-after', String(Math.ceil(wait / 1000)));
      return fail(res, next, 429);
    }
    conversation.refreshedAt = Date.now();
    conversation.tokenGeneration += 1;
    res.send(200, { conversationId: conversation.id, ...issueFor(conversation) });
    return next();
  });

  // The Bot Connector stand-in: the bot's replies (serviceUrl = this server) land in the transcript.
  const fromBot = (req: Request, res: Response, next: restify.Next) => {
    // the bot itself, on this host: not a visitor whom a proxy on this host forwards (docs/security.md 41)
    const fromHere = isLoopback(req.socket.remoteAddress) && isLoopback(clientAddress(req, deps.trustedProxies));
    if (!fromHere) return fail(res, next, 403);
    const conversation = conversations.get(req.params.conversationId);
    if (!conversation) return fail(res, next, 404);
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (typeof body.type !== 'string') return fail(res, next, 400);
    const { replyToId, ...activity } = body as { type: string; replyToId?: unknown };
    // a reply to an activity Web Chat never saw would be held back for 5 s: keep only real references
    const reference = typeof replyToId === 'string' && conversations.has(conversation, replyToId) ? { replyToId } : {};
    const stored = conversations.append(conversation, { ...activity, ...reference, from: BOT });
    res.send(200, { id: stored.id });
    return next();
  };
  server.post('/v3/conversations/:conversationId/activities', fromBot);
  server.post('/v3/conversations/:conversationId/activities/:replyToId', fromBot);

  return conversations;
}

// the Direct Line's error shape, with the server's generic message
function fail(res: Response, next: restify.Next, status: number): void {
  failWith(res, status);
  next(false);
}

// restify takes an async handler only without next(): it ends the chain when the promise settles
function failWith(res: Response, status: number): void {
  res.send(status, { error: { code: String(status), message: errorBody(status).error } });
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

// A server bound to every interface is reached on loopback by the bot itself.
function loopbackOf(address: string, fallback: string): string {
  return address === '0.0.0.0' || address === '::' ? fallback : address;
}

/** A response the adapter can write to; the Direct Line answers its client itself. */
function discardResponse() {
  const res = {
    socket: null,
    status: () => res,
    header: () => res,
    send: () => res,
    end: () => res,
  };
  return res;
}
