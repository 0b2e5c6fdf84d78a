import { ActivityHandler, MessageFactory } from 'botbuilder';
import { loadConfig } from '../../src/config.js';
import { listenOnFrameworkStack } from './frameworkStack.js';
import type { Target } from './target.js';

/**
 * The same stack as the bot with a handler that only echoes the text through the channel's serviceUrl: what the
 * Bot Framework costs per turn, before the bot does anything.
 */
export function startEchoTarget(): Promise<Target> {
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity(MessageFactory.text(context.activity.text ?? ''));
    await next();
  });
  return listenOnFrameworkStack(bot, loadConfig({ LOG_LEVEL: 'warn' }));
}
