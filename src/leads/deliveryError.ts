import type { Lead } from '../storage/leadStore.js';

/**
 * Why a delivery failed. `retry`: the receiver may accept later (5xx, 429, timeout, refused connection);
 * `permanent`: it never will as sent (4xx), so the row is parked with an alert instead of retried in a loop.
 * The message never contains investor data: it is stored with the row and logged.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly kind: 'retry' | 'permanent',
    /** How long the receiver asked us to wait (Retry-After), in ms. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** Delivers one lead over one channel; resolves once the receiver accepted it. */
export interface Notifier {
  deliver(lead: Lead): Promise<void>;
  close?(): Promise<void>;
}
