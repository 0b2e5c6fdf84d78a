/** Retry timing: exponential with jitter, capped; a receiver's `Retry-After` is honoured. */
export interface RetryPolicy {
  maxAttempts: number;
  baseMs: number;
  maxMs: number;
}

/** The longest `Retry-After` honoured; a receiver asking for more is retried after a day. */
const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Delay before try `attempt + 1`, after `attempt` failed tries (1-based): base·2^(attempt−1) capped at maxMs, of
 * which the upper half is random ("equal jitter": spreads a burst of retries without ever retrying at once).
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}

/** A `Retry-After` header (seconds or an HTTP date) in ms from `now`; null when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: number): number | null {
  if (!header) return null;
  const value = header.trim();
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  if (!Number.isFinite(ms)) return null;
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}
