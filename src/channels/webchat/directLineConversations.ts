import { randomBytes } from 'node:crypto';

/** An activity as Web Chat receives it from the transcript (ids and timestamps assigned here). */
export type TranscriptActivity = Record<string, unknown> & { id: string; type: string };

interface Conversation {
  id: string;
  userId: string;
  /** The browser's locale, given when the widget asked for its token: the welcome's language. */
  locale: string | undefined;
  started: boolean;
  /** The generation of the one token that opens it now; a refresh moves on to the next (docs/security.md 44). */
  tokenGeneration: number;
  /** When its token was last refreshed (ms), to bound refreshes. */
  refreshedAt: number;
  activities: TranscriptActivity[];
  /** Serialised size of each of `activities`, and of all, in bytes. */
  sizes: number[];
  bytes: number;
  sequence: number;
  lastUsed: number;
}

/** Limits that keep memory bounded whatever the traffic. */
export interface ConversationLimits {
  maxConversations: number;
  maxActivities: number;
  /** One transcript's activities, serialised: a client that posts large events only pushes out its own history. */
  maxTranscriptBytes: number;
  /** Every transcript together; beyond it the least recently used conversations are forgotten. */
  maxTotalBytes: number;
  idleMs: number;
}

export const DEFAULT_LIMITS: ConversationLimits = {
  maxConversations: 5_000,
  maxActivities: 500,
  // a long conversation with cards is well under 100 KB; Web Chat has read the older activities already
  maxTranscriptBytes: 256 * 1024,
  maxTotalBytes: 64 * 1024 * 1024,
  idleMs: 24 * 60 * 60 * 1000,
};

/**
 * The Direct Line transcripts of the local transport, in memory: what the investor sent and what the bot answered,
 * in order, each with a unique id (`<conversation>|0000007`), read by watermark. Bounded: idle conversations and,
 * beyond the cap, the least recently used ones are forgotten; a long conversation keeps its latest activities.
 */
export class DirectLineConversations {
  private readonly conversations = new Map<string, Conversation>();
  private totalBytes = 0;

  constructor(private readonly limits: ConversationLimits = DEFAULT_LIMITS) {}

  create(userId: string, locale?: string): string {
    this.evict();
    const id = `dl${randomBytes(12).toString('base64url')}`;
    const conversation = {
      id,
      userId,
      locale,
      started: false,
      tokenGeneration: 0,
      refreshedAt: 0,
      activities: [],
      sizes: [],
      bytes: 0,
      sequence: 0,
      lastUsed: Date.now(),
    };
    this.conversations.set(id, conversation);
    return id;
  }

  /** The conversation (marked as recently used), or undefined when unknown or forgotten. */
  get(id: string): Conversation | undefined {
    const conversation = this.conversations.get(id);
    if (!conversation) return undefined;
    conversation.lastUsed = Date.now();
    this.conversations.delete(id);
    this.conversations.set(id, conversation);
    return conversation;
  }

  /** Appends an activity with a fresh id and server timestamp; returns the id. */
  append(conversation: Conversation, activity: Record<string, unknown> & { type: string }): TranscriptActivity {
    conversation.sequence += 1;
    const stored = {
      ...activity,
      id: `${conversation.id}|${String(conversation.sequence).padStart(7, '0')}`,
      timestamp: new Date(Date.now()).toISOString(),
      conversation: { id: conversation.id },
    };
    const bytes = Buffer.byteLength(JSON.stringify(stored));
    conversation.activities.push(stored);
    conversation.sizes.push(bytes);
    conversation.bytes += bytes;
    this.totalBytes += bytes;
    while (
      conversation.activities.length > 1 &&
      (conversation.activities.length > this.limits.maxActivities ||
        conversation.bytes > this.limits.maxTranscriptBytes)
    ) {
      this.dropOldest(conversation);
    }
    for (const [id, other] of this.conversations) {
      if (this.totalBytes <= this.limits.maxTotalBytes) break;
      // only a conversation that holds bytes frees any
      if (other !== conversation && other.bytes > 0) this.forget(id, other);
    }
    return stored;
  }

  /** Bytes held by every transcript (for tests and the bound above). */
  get size(): { conversations: number; bytes: number } {
    return { conversations: this.conversations.size, bytes: this.totalBytes };
  }

  private dropOldest(conversation: Conversation): void {
    conversation.activities.shift();
    const bytes = conversation.sizes.shift() ?? 0;
    conversation.bytes -= bytes;
    this.totalBytes -= bytes;
  }

  private forget(id: string, conversation: Conversation): void {
    this.conversations.delete(id);
    this.totalBytes -= conversation.bytes;
  }

  /** Activities after the watermark (the sequence number of the last one read), and the new watermark. */
  after(conversation: Conversation, watermark: number): { activities: TranscriptActivity[]; watermark: string } {
    const activities = conversation.activities.filter((a) => sequenceOf(a.id) > watermark);
    return { activities, watermark: String(conversation.sequence) };
  }

  has(conversation: Conversation, activityId: string): boolean {
    return conversation.activities.some((a) => a.id === activityId);
  }

  private evict(): void {
    const idleBefore = Date.now() - this.limits.idleMs;
    for (const [id, conversation] of this.conversations) {
      // Map order is least recently used first: stop at the first one still in use and within the cap
      if (conversation.lastUsed >= idleBefore && this.conversations.size < this.limits.maxConversations) break;
      this.forget(id, conversation);
    }
  }
}

export type { Conversation as DirectLineConversation };

function sequenceOf(activityId: string): number {
  return Number(activityId.slice(activityId.lastIndexOf('|') + 1));
}
