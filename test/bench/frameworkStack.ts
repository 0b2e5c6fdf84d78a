import { type ActivityHandler, MessageFactory } from 'botbuilder';
import restify, { type Request, type Response } from 'restify';
import { createAdapter } from '../../src/channels/botframework/adapter.js';
import { asBotActivity, type IncomingActivity } from '../../src/channels/http/activityShape.js';
import type { Config } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { listenOnLoopback, type Target } from './target.js';

/**
 * The stack every Bot Framework target shares with the bot: restify with its JSON body parser, and the project's
 * CloudAdapter in local mode with its typing middleware, handing each POSTed activity to `bot`.
 */
export function listenOnFrameworkStack(bot: ActivityHandler, config: Config): Promise<Target> {
  const logger = createLogger(config.logLevel);
  const adapter = createAdapter({ auth: config.auth, logger, errorReply: () => MessageFactory.text('error') });
  const server = restify.createServer({ handleUncaughtExceptions: false });
  server.use(restify.plugins.jsonBodyParser({ mapParams: false }));
  server.post('/api/messages', async (req: Request, res: Response) => {
    const activity = asBotActivity(req.body as IncomingActivity);
    const invokeResponse = await adapter.run(req.headers.authorization ?? '', activity, (context) => bot.run(context));
    res.send(invokeResponse?.status ?? 200, invokeResponse?.body);
  });
  return listenOnLoopback(server);
}
