import type { LeadStore } from '../leads/types.js';
import type { SeenActivities } from './seenActivities.js';
import type { SqliteStateStorage } from './sqliteStateStorage.js';

const HOUR = 60 * 60 * 1000;

export interface RetentionPolicy {
  leadDays: number;
  stateHours: number;
}

/**
 * Deletes leads past their retention period, and conversation state and handled-activity ids past the session;
 * returns the counts.
 */
export async function applyRetention(
  leads: LeadStore,
  state: SqliteStateStorage,
  seen: SeenActivities,
  policy: RetentionPolicy,
  now: number,
): Promise<{ leads: number; conversations: number }> {
  const purged = await leads.purgeBefore(now - policy.leadDays * 24 * HOUR);
  const forgotten = state.forgetOlderThan(now - policy.stateHours * HOUR);
  await seen.forgetOlderThan(now - policy.stateHours * HOUR);
  return { leads: purged, conversations: forgotten };
}

/** How often the running bot applies the retention policy by itself (the CLI's `purge` does it on demand). */
export const RETENTION_SWEEP_MS = 6 * HOUR;
