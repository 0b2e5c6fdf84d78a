import type { InsightLog } from './insightLog.js';
import type { LeadStore } from './leadStore.js';
import type { SeenActivities } from './seenActivities.js';
import type { StateStore } from './stateStore.js';
import type { TeamsConversationStore } from './teamsConversations.js';
import type { Welcomes } from './welcomes.js';

/**
 * Everything the bot keeps, in one database: conversation state, handled activity ids, leads with their outbox,
 * contacts' Teams chats, the anonymous insight log. A SQLite file serves one process; PostgreSQL is shared by any number of instances.
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  readonly state: StateStore;
  readonly seen: SeenActivities;
  /** Conversations already welcomed (one welcome, however many install events). */
  readonly welcomes: Welcomes;
  readonly leads: LeadStore;
  readonly teamsConversations: TeamsConversationStore;
  /** Anonymous unanswered questions and answer votes, for `npm run report`. */
  readonly insights: InsightLog;
  /** Whether the store is open (closed only on shutdown). */
  isOpen(): boolean;
  /**
   * Whether the store is open and its server answers: false while PostgreSQL is unreachable (then `/readyz` is 503
   * and `investor_bot_store_up` 0), true again once it answers (docs/security.md 40).
   */
  isUp(): boolean;
  close(): Promise<void>;
}
