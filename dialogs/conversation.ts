import type { Activity, TurnContext } from 'botbuilder';
import type { Reply } from '../src/replies/reply.js';
import type { Vote } from '../src/storage/insightLog.js';
import type { Language } from '../src/text/languages.js';

// The conversation as the channels see it: src/channels imports nothing else of dialogs/. A channel hands the
// conversation what arrived (Conversation), and tells it how the channel shows things (ChannelFeatures).

/** A message, a card's data or a chosen button, as the channel read it. */
export interface Incoming {
  /** The investor's words, cleaned (mention removed, markup ignored, normalized, capped); '' for a card's data. */
  text: string;
  /** What was typed, mention removed but otherwise as sent: a lead prompt's answer keeps its line breaks. */
  typed?: string;
  /** A card's data (`activity.value`), unchecked: only the bot's own card actions are taken. */
  value?: unknown;
}

/** A thumbs up or down, naming the answer by the key it was sent with (null when the vote does not say). */
export interface AnswerVote {
  vote: Vote;
  key: string | null;
}

/** What became of a lead form: stored (with the confirmation), or the form to show again with what was typed. */
export interface LeadOutcome {
  stored: { reference: string; confirmation: string } | null;
  /** The form again (problems, a store failure, a shared chat's refusal), with everything that was typed. */
  form: Reply | null;
}

/** What the conversation asks of the channel a turn came by; each channel implements it (src/channels). */
export interface ChannelFeatures {
  /** Renders Adaptive Card forms; elsewhere the lead is asked for in text, field by field. */
  readonly cards: boolean;
  /** Sends an answer with the channel's vote buttons; resolves to the key a vote will name it by (none: no votes). */
  sendVotable(context: TurnContext, reply: Reply): Promise<string | undefined>;
  /** A stored lead's confirmation message, as the channel needs it. */
  leadConfirmation(text: string, reference: string): Reply;
  /** Whether the Bot Framework handoff event (for an agent hub) follows a stored lead. */
  readonly handoffEvents: boolean;
  /** A link to the investor's personal chat with the bot, offered in a group chat; null where there is none. */
  personalChatLink(activity: Partial<Activity>): string | null;
}

/** All the channels ask of the conversation (dialogs/turnHandler.ts). */
export interface Conversation {
  /** Runs a turn's work (the activity's handlers) with the conversation's state loaded before and saved after. */
  turn(context: TurnContext, channel: ChannelFeatures, work: () => Promise<void>): Promise<void>;
  /** A message or a card's data, through the route table. */
  receive(context: TurnContext, incoming: Incoming): Promise<void>;
  /**
   * A lead form sent as an invoke (Teams Action.Execute): the route of a submitted card, replying only in what it
   * resolves to, which the channel puts in the invoke's answer.
   */
  submitLead(context: TurnContext, data: unknown): Promise<LeadOutcome>;
  /** Greets, once per conversation. */
  welcome(context: TurnContext): Promise<void>;
  /** A vote on an answer, logged once per answer and vote. */
  vote(context: TurnContext, vote: AnswerVote): Promise<void>;
  /** Asks the investor to slow down, in the conversation's language (the channel's throttle refused a message). */
  slowDown(context: TurnContext): Promise<void>;
  /** The conversation's language, for a card the channel writes itself. */
  language(context: TurnContext): Promise<Language>;
}

/** One conversation, across channels: the key of the per-conversation throttle and notices. */
export function conversationKey(activity: Partial<Activity>): string {
  return JSON.stringify([activity.channelId, activity.conversation?.id]);
}
