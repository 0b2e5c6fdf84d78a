import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  ShowTypingMiddleware,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from 'pino';
import type { Reply } from '../replies/replies.js';

/** Options for {@link createAdapter}. */
export interface AdapterOptions {
  /** Bot Framework authentication settings; an empty app id turns JWT validation off (local mode). */
  auth: ConfigurationBotFrameworkAuthenticationOptions;
  logger: Logger;
  /** The reply sent when a turn fails: friendly, with a contact, never a stack. */
  errorReply: () => Reply;
}

/** CloudAdapter with one `onTurnError` that logs with context and answers the investor politely. */
export function createAdapter(options: AdapterOptions): CloudAdapter {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(options.auth));
  // a turn that takes longer than half a second shows "typing…" in Web Chat and Teams
  adapter.use(new ShowTypingMiddleware(500, 2_000));
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const { activity } = context;
    options.logger.error(
      {
        err: { name: error.name, message: error.message, stack: error.stack },
        activityType: activity.type,
        channelId: activity.channelId,
        activityId: activity.id,
      },
      'turn failed',
    );
    if (activity.type === 'message') {
      try {
        await context.sendActivity(options.errorReply());
      } catch (sendError) {
        options.logger.error({ err: { message: (sendError as Error).message } }, 'could not send the error reply');
      }
    }
  };
  return adapter;
}
