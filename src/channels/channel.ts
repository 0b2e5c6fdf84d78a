import { type Activity, ActivityTypes, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { AnswerVote, ChannelFeatures, Conversation } from '../../dialogs/conversation.js';
import type { Reply } from '../replies/reply.js';
import { markdownReplies } from './botframework/markdownReplies.js';

/**
 * One channel's ways, in one place: what the conversation asks of it (ChannelFeatures), and how its activities are
 * let in, shaped on the way out and, for invokes, answered. src/channels/channels.ts says which channel is which.
 */
export interface Channel extends ChannelFeatures {
  /** Why this activity gets no answer at all (Teams: another organisation's tenant); null when it is answered. */
  refusal(activity: Activity): string | null;
  /** Shapes the turn's outgoing messages as the channel needs them (Markdown; Teams: buttons, size). */
  prepare(context: TurnContext): void;
  /** A thumbs up or down on an answer, as this channel sends one; null when the activity is none. */
  voteOf(activity: Partial<Activity>): AnswerVote | null;
  /** Runs before the conversation handles the turn (Teams: keeps a contact's chat for their lead notices). */
  beforeTurn(context: TurnContext): Promise<void>;
  /** Answers an invoke of this channel (Teams: its invoke table); null when the channel has none of that name. */
  invoke(context: TurnContext, conversation: Conversation): Promise<InvokeResponse | null>;
}

/**
 * A channel with no ways of its own (the Emulator, tests, SMS, the terminal): Markdown text, Adaptive Cards where it
 * draws them, no vote buttons, no invokes. Web Chat and Teams extend it.
 */
export class BasicChannel implements Channel {
  readonly handoffEvents: boolean = true;

  constructor(readonly cards: boolean) {}

  refusal(_activity: Activity): string | null {
    return null;
  }

  prepare(context: TurnContext): void {
    markdownReplies(context);
  }

  voteOf(_activity: Partial<Activity>): AnswerVote | null {
    return null;
  }

  async beforeTurn(_context: TurnContext): Promise<void> {}

  async invoke(_context: TurnContext, _conversation: Conversation): Promise<InvokeResponse | null> {
    return null;
  }

  async sendVotable(context: TurnContext, reply: Reply): Promise<string | undefined> {
    await context.sendActivity(reply);
    return undefined;
  }

  leadConfirmation(text: string, reference: string): Reply {
    // Web Chat's widget disables the sent form when it sees the reference
    return { type: ActivityTypes.Message, text, channelData: { leadReference: reference } };
  }

  personalChatLink(_activity: Partial<Activity>): string | null {
    return null;
  }
}
