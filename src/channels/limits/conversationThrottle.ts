import { RateLimiter } from './rateLimiter.js';

/** What to do with a message, and how many refusals to report in the log now (0: none yet). */
export interface ThrottleVerdict {
  /** `answer`: handle it; `notify`: refuse it and say so; `drop`: refuse it silently (already said). */
  action: 'answer' | 'notify' | 'drop';
  refusalsToLog: number;
}

const TRACKED = 5_000;

/**
 * Per-conversation limit on messages (docs/security.md 15): a person types far slower than this, so only a script
 * hits it. Each conversation has its own bucket, so a flood in one never slows another.
 */
export class ConversationThrottle {
  // 10 at once, then one a second; the 5,000 most recently active conversations are tracked (enough for one
  // instance: a conversation pushed out only gets a fresh bucket)
  private readonly messages = new RateLimiter(10, 1_000, TRACKED);
  // the polite "slow down" at most once per 30 s per conversation, so a flood is not answered by a flood
  private readonly notices = new RateLimiter(1, 30_000, TRACKED);
  // a flood is logged once a minute per conversation, with how many messages were refused, not once per message
  private readonly logs = new RateLimiter(1, 60_000, TRACKED);
  private readonly unlogged = new Map<string, number>();

  check(conversationKey: string): ThrottleVerdict {
    if (this.messages.take(conversationKey)) return { action: 'answer', refusalsToLog: 0 };
    const action = this.notices.take(conversationKey) ? 'notify' : 'drop';
    const refused = (this.unlogged.get(conversationKey) ?? 0) + 1;
    this.unlogged.delete(conversationKey);
    if (this.logs.take(conversationKey)) return { action, refusalsToLog: refused };
    this.unlogged.set(conversationKey, refused);
    if (this.unlogged.size > TRACKED) this.unlogged.delete(this.unlogged.keys().next().value!);
    return { action, refusalsToLog: 0 };
  }
}
