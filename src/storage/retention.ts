import type { Store } from './store.js';

const HOUR = 60 * 60 * 1000;

export interface RetentionPolicy {
  leadDays: number;
  stateHours: number;
  insightDays: number;
}

/**
 * Deletes leads and insight log entries past their retention periods, and conversation state, handled-activity
 * ids and welcome records past the session; returns the counts.
 */
export async function applyRetention(
  store: Pick<Store, 'leads' | 'state' | 'seen' | 'welcomes' | 'insights'>,
  policy: RetentionPolicy,
  now: number,
): Promise<{ leads: number; conversations: number; insights: number }> {
  const purged = await store.leads.purgeBefore(now - policy.leadDays * 24 * HOUR);
  const forgotten = await store.state.forgetOlderThan(now - policy.stateHours * HOUR);
  await store.seen.forgetOlderThan(now - policy.stateHours * HOUR);
  await store.welcomes.forgetOlderThan(now - policy.stateHours * HOUR);
  const insights = await store.insights.forgetOlderThan(now - policy.insightDays * 24 * HOUR);
  return { leads: purged, conversations: forgotten, insights };
}

/** How often the running bot applies the retention policy by itself (the CLI's `purge` does it on demand). */
export const RETENTION_SWEEP_MS = 6 * HOUR;
