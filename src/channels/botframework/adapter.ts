import { type Activity, CloudAdapter, type InvokeResponse, ShowTypingMiddleware, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Reply } from '../../replies/reply.js';
import { keepEntityFields } from './entityFields.js';
import { type BotAuthSettings, StrictAuthentication } from './strictAuthentication.js';

/** Options for {@link createAdapter}. */
export interface AdapterOptions {
  /** Bot Framework authentication settings; an empty app id turns JWT validation off (local mode). */
  auth: BotAuthSettings;
  logger: Logger;
  /** The reply sent when a turn fails (in the language of the failed message): friendly, with a contact, never a stack. */
  errorReply: (activity: Activity) => Reply;
}

/** CloudAdapter that the HTTP layer hands checked activities to, writing the response itself. */
export class BotAdapter extends CloudAdapter {
  /**
   * Authenticates and runs one activity; resolves to the invoke response, if any. Unlike `process`, it leaves the
   * HTTP response alone, so no library error text can reach a caller.
   */
  run(
    authHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

/** CloudAdapter with one `onTurnError` that logs with context and answers the investor politely. */
export function createAdapter(options: AdapterOptions): BotAdapter {
  keepEntityFields();
  const adapter = new BotAdapter(new StrictAuthentication(options.auth, options.logger));
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
        await context.sendActivity(options.errorReply(context.activity));
      } catch (sendError) {
        options.logger.error({ err: { message: (sendError as Error).message } }, 'could not send the error reply');
      }
    }
  };
  return adapter;
}
