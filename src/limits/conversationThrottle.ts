import { RateLimiter } from './rateLimiter.js';

/**
 * Per-conversation limit on messages (SECURITY.md 15): a person types far slower than this, so only a script hits
 * it. Each conversation has its own bucket, so a flood in one never slows another.
 */
export class ConversationThrottle {
  // 10 at once, then one a second; the 5,000 most recently active conversations are tracked (enough for one
  // instance: a conversation pushed out only gets a fresh bucket)
  private readonly messages = new RateLimiter(10, 1_000, 5_000);
  // the polite "slow down" at most once per 30 s per conversation, so a flood is not answered by a flood
  private readonly notices = new RateLimiter(1, 30_000, 5_000);

  /** `answer`: handle it; `notify`: refuse it and say so; `drop`: refuse it silently (already said). */
  check(conversationKey: string): 'answer' | 'notify' | 'drop' {
    if (this.messages.take(conversationKey)) return 'answer';
    return this.notices.take(conversationKey) ? 'notify' : 'drop';
  }
}
