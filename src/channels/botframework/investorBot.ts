import { type Activity, type InvokeResponse, TeamsActivityHandler, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { type Conversation, conversationKey } from '../../../dialogs/conversation.js';
import type { SeenActivities } from '../../storage/seenActivities.js';
import type { Channels } from '../channels.js';
import { ConversationThrottle } from '../limits/conversationThrottle.js';
import { turnText, typedText } from './turnText.js';

export interface InvestorBotDeps {
  /** The conversation (dialogs/): all the bot hands a turn to. */
  conversation: Conversation;
  /** Each channel's ways (Teams, Web Chat, the rest). */
  channels: Channels;
  /** Activities already handled (a channel's retry is not answered twice). */
  seenActivities: SeenActivities;
  logger: Logger;
}

/**
 * The Bot Framework activity handler: lets an activity in (its channel's policy, once, within the conversation's
 * rate), shapes the replies for its channel, and hands it to the conversation, which keeps the state.
 */
export class InvestorBot extends TeamsActivityHandler {
  private readonly throttle = new ConversationThrottle();

  constructor(private readonly deps: InvestorBotDeps) {
    super();
    const { conversation } = deps;
    this.onMessage(async (context, next) => {
      const { activity } = context;
      await conversation.receive(context, {
        text: turnText(activity),
        typed: typedText(activity),
        value: activity.value,
      });
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if ((context.activity.membersAdded ?? []).some((m) => m.id === botId)) await conversation.welcome(context);
      await next();
    });
    this.onEvent(async (context, next) => {
      const vote = deps.channels.of(context.activity).voteOf(context.activity);
      if (vote) await conversation.vote(context, vote);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await conversation.welcome(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    const { activity } = context;
    const channel = this.deps.channels.of(activity);
    const refusal = channel.refusal(activity);
    if (refusal !== null) {
      this.deps.logger.warn({ channelId: activity.channelId, activityType: activity.type }, refusal);
      return;
    }
    if (await this.isRepeat(activity)) {
      this.deps.logger.info({ channelId: activity.channelId }, 'repeated activity ignored');
      return;
    }
    channel.prepare(context);
    const vote = channel.voteOf(activity);
    // votes are written to the store too: they count against the same per-conversation limit as messages; a
    // refused message costs no store read
    if ((activity.type === 'message' || vote) && !(await this.withinRateLimit(context))) return;
    await this.deps.conversation.turn(context, channel, async () => {
      await channel.beforeTurn(context);
      await super.run(context);
    });
  }

  /** Invokes are the channel's (Teams: its invoke table); any other goes to botbuilder's Teams handling. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const channel = this.deps.channels.of(context.activity);
    return (await channel.invoke(context, this.deps.conversation)) ?? super.onInvokeActivity(context);
  }

  /**
   * A message the channel already delivered (Teams re-sends one it got no timely answer for). Invokes are exempt:
   * their answer is the HTTP response, which a retry needs again; lead submissions are deduplicated by content.
   */
  private async isRepeat(activity: Activity): Promise<boolean> {
    if (activity.type !== 'message' || !activity.id) return false;
    const key = JSON.stringify([activity.channelId, activity.conversation?.id, activity.id]);
    try {
      return !(await this.deps.seenActivities.firstSeen(key, Date.now()));
    } catch {
      // the store is busy: answering twice is better than not answering
      return false;
    }
  }

  private async withinRateLimit(context: TurnContext): Promise<boolean> {
    const verdict = this.throttle.check(conversationKey(context.activity));
    if (verdict.action === 'answer') return true;
    if (verdict.refusalsToLog > 0) {
      this.deps.logger.warn(
        { channelId: context.activity.channelId, refused: verdict.refusalsToLog },
        'conversation throttled',
      );
    }
    if (verdict.action === 'notify') await this.deps.conversation.slowDown(context);
    return false;
  }
}
