import { ActivityHandler, MessageFactory } from 'botbuilder';
import restify, { type Request, type Response } from 'restify';
import { createAdapter } from '../bot/adapter.js';
import { loadConfig } from '../config.js';
import { asBotActivity, type IncomingActivity } from '../http/activityShape.js';
import { createLogger } from '../logger.js';
import { listenOnLoopback, type Target } from './target.js';

/**
 * The same stack as the bot (restify, JSON body, the project's CloudAdapter in local mode with its typing
 * middleware) with a handler that only echoes the text through the channel's serviceUrl: what the Bot Framework
 * costs per turn, before the bot does anything.
 */
export async function startEchoTarget(): Promise<Target> {
  const config = loadConfig({ LOG_LEVEL: 'warn' });
  const logger = createLogger(config.logLevel);
  const adapter = createAdapter({ auth: config.auth, logger, errorReply: () => MessageFactory.text('error') });
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity(MessageFactory.text(context.activity.text ?? ''));
    await next();
  });
  const server = restify.createServer({ handleUncaughtExceptions: false });
  server.use(restify.plugins.jsonBodyParser({ mapParams: false }));
  server.post('/api/messages', async (req: Request, res: Response) => {
    const activity = asBotActivity(req.body as IncomingActivity);
    const invokeResponse = await adapter.run(req.headers.authorization ?? '', activity, (context) => bot.run(context));
    res.send(invokeResponse?.status ?? 200, invokeResponse?.body);
  });
  return listenOnLoopback(server);
}
