import {
  type Activity,
  ActivityTypes,
  BotAdapter,
  type ConversationReference,
  type ResourceResponse,
  TurnContext,
} from 'botbuilder';

/** Runs turns in this process (terminal chat, `npm run ask`, evaluation): replies are collected, not posted. */
export class InProcessAdapter extends BotAdapter {
  private replies: Partial<Activity>[] = [];
  private sequence = 0;

  /** Runs one turn of `logic` for an activity and returns what the bot sent. */
  async send(
    activity: Partial<Activity>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<Partial<Activity>[]> {
    this.replies = [];
    const context = new TurnContext(this, { timestamp: new Date(), ...activity } as Activity);
    await this.runMiddleware(context, logic);
    return this.replies;
  }

  override async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const sent = activities.filter((a) => a.type !== ActivityTypes.Typing && a.type !== 'delay');
    this.replies.push(...sent);
    return activities.map(() => ({ id: `reply-${++this.sequence}` }));
  }

  override async updateActivity(): Promise<void> {
    throw new Error('InProcessAdapter.updateActivity(): not supported');
  }

  override async deleteActivity(): Promise<void> {
    throw new Error('InProcessAdapter.deleteActivity(): not supported');
  }

  override async continueConversation(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    await this.send(TurnContext.applyConversationReference({ type: ActivityTypes.Event }, reference, true), logic);
  }
}
