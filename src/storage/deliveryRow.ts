import type { DeliveryChannel, DeliveryState, DeliveryStatus } from './leadStore.js';

/** An outbox row as both stores read it for the `leads` command. */
export interface OutboxRow {
  lead_id: number;
  channel: DeliveryChannel;
  status: DeliveryStatus;
  attempts: number;
  last_error: string | null;
  delivered_at: number | null;
}

export function toDeliveryState(row: OutboxRow): DeliveryState {
  return {
    channel: row.channel,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    deliveredAt: row.delivered_at === null ? null : new Date(row.delivered_at).toISOString(),
  };
}
