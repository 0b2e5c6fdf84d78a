import type { BenchQuestion } from './questions.js';

/** Options for {@link ActivityFeed}. */
export interface FeedOptions {
  /** Prefix of every conversation and activity id: one per target and run, so no state carries over. */
  prefix: string;
  /** Where the bot sends its replies (the capture server). */
  serviceUrl: string;
  questions: readonly BenchQuestion[];
  /**
   * Conversations the messages rotate over (default 4,000): the bot allows 10 at once and then one a second per
   * conversation, and tracks the 5,000 most recent, so even 4,000 turns/s stay at one a second per conversation.
   */
  conversations?: number;
}

/**
 * Message activities as Web Chat's channel sends them, each with a new id (the bot ignores a repeated one), spread
 * over many conversations; each conversation gets a different question on every lap.
 */
export class ActivityFeed {
  private sequence = 0;
  private readonly conversations: number;

  constructor(private readonly options: FeedOptions) {
    this.conversations = options.conversations ?? 4_000;
  }

  /** The next activity as a JSON body. */
  next(): string {
    const n = this.sequence++;
    const lap = Math.floor(n / this.conversations);
    const { questions, prefix } = this.options;
    return JSON.stringify(
      messageActivity({
        id: `${prefix}-a${n}`,
        conversationId: `${prefix}-c${n % this.conversations}`,
        userId: `${prefix}-u${n % this.conversations}`,
        serviceUrl: this.options.serviceUrl,
        text: questions[(n + lap) % questions.length]!.text,
      }),
    );
  }
}

/** One Web Chat message activity with the fields the bot reads. */
export function messageActivity(fields: {
  id: string;
  conversationId: string;
  userId: string;
  serviceUrl: string;
  text: string;
}) {
  return {
    type: 'message',
    id: fields.id,
    channelId: 'webchat',
    serviceUrl: fields.serviceUrl,
    conversation: { id: fields.conversationId },
    from: { id: fields.userId, name: 'Investor' },
    recipient: { id: 'bot', name: 'Investor bot' },
    text: fields.text,
    locale: 'en-US',
    timestamp: new Date().toISOString(),
  };
}
