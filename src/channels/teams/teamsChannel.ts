import { type Activity, ActivityTypes, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { AnswerVote, Conversation } from '../../../dialogs/conversation.js';
import type { ContactDirectory } from '../../contacts/contactDirectory.js';
import type { Reply } from '../../replies/reply.js';
import type { TemplateSet } from '../../replies/templates.js';
import type { TeamsConversationStore } from '../../storage/teamsConversations.js';
import { markdownReplies } from '../botframework/markdownReplies.js';
import { BasicChannel } from '../channel.js';
import { recogniseContact } from './contactRecognition.js';
import { invokeHandler } from './invokes.js';
import { teamsButtonsInGroups } from './teamsButtons.js';
import { teamsMessageSizeGuard } from './teamsMessageSize.js';
import { isTenantAllowed } from './tenantPolicy.js';

export interface TeamsChannelDeps {
  /** Teams tenants allowed to use the bot; `null`: any. */
  tenants: readonly string[] | null;
  contacts: ContactDirectory;
  /** Personal Teams chats of contacts, for their lead notices. */
  conversations: TeamsConversationStore;
  /** Channels the bot may send to; `null`: any. */
  allowedServiceUrls: readonly string[] | null;
  /** For the cards that answer invokes, in the conversation's language. */
  templates: TemplateSet;
  logger: Logger;
}

/** Teams' `message/submitAction` invoke from its feedback buttons (the comment, if any, is not kept). */
const TeamsVoteSchema = z.object({
  actionName: z.literal('feedback'),
  actionValue: z.looseObject({ reaction: z.enum(['like', 'dislike']) }),
});

/**
 * Everything Teams does differently, in one place: the tenant policy; buttons instead of suggested actions in
 * group chats and channels; messages kept under Teams' size limit; plain text beside suggested actions; its feedback
 * buttons; invokes, by name and Action.Execute verb (invokes.ts); the contacts' chats for their lead notices
 * (contactRecognition.ts; the notice itself is teamsNotifier.ts); the personal chat's deep link. @mentions are
 * removed for every channel (src/channels/botframework/turnText.ts).
 */
export class TeamsChannel extends BasicChannel {
  /** Teams has no agent hub here: no handoff event. */
  override readonly handoffEvents = false;

  constructor(private readonly deps: TeamsChannelDeps) {
    super(true);
  }

  override refusal(activity: Activity): string | null {
    // another organisation's Teams: no answer, no state, no lead
    return isTenantAllowed(activity, this.deps.tenants) ? null : 'tenant not allowed';
  }

  override prepare(context: TurnContext): void {
    teamsButtonsInGroups(context);
    teamsMessageSizeGuard(context);
    markdownReplies(context, true);
  }

  override voteOf(activity: Partial<Activity>): AnswerVote | null {
    if (activity.type !== 'invoke' || activity.name !== 'message/submitAction') return null;
    const parsed = TeamsVoteSchema.safeParse(activity.value);
    if (!parsed.success) return null;
    return {
      vote: parsed.data.actionValue.reaction === 'like' ? 'up' : 'down',
      // Teams names the message voted on by its id
      key: typeof activity.replyToId === 'string' ? activity.replyToId : null,
    };
  }

  override async beforeTurn(context: TurnContext): Promise<void> {
    await recogniseContact(context, {
      contacts: this.deps.contacts,
      conversations: this.deps.conversations,
      allowedServiceUrls: this.deps.allowedServiceUrls,
      logger: this.deps.logger,
    });
  }

  override async invoke(context: TurnContext, conversation: Conversation): Promise<InvokeResponse | null> {
    const handler = invokeHandler(context.activity.name);
    if (!handler) return null;
    const labels = async () => this.deps.templates.labels(await conversation.language(context));
    return handler({ context, conversation, labels, vote: this.voteOf(context.activity) });
  }

  /** Teams draws its feedback buttons under a message with `feedbackLoopEnabled`; a vote names the message's id. */
  override async sendVotable(context: TurnContext, reply: Reply): Promise<string | undefined> {
    const sent = await context.sendActivity({
      ...reply,
      channelData: { ...(reply.channelData ?? {}), feedbackLoopEnabled: true },
    });
    return sent?.id;
  }

  /** Teams replaces the submitted form's card itself (the invoke's answer): the confirmation is plain text. */
  override leadConfirmation(text: string, _reference: string): Reply {
    return { type: ActivityTypes.Message, text };
  }

  override personalChatLink(activity: Partial<Activity>): string | null {
    // the bot's own id in Teams is "28:<app id>", which is what the personal chat's deep link needs
    const botId = activity.recipient?.id ?? '';
    return /^28:[0-9a-f-]{36}$/i.test(botId) ? `https://teams.microsoft.com/l/chat/0/0?users=${botId}` : null;
  }
}
