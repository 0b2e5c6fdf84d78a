// The leads as the store keeps them, and the store's interface for them (sqlite/ and postgres/ implement it).
// They live with the store, at the bottom of the layers: src/leads checks, stores and delivers them through it.

/** How a lead reaches its contact. Each channel that reaches the lead's contact gets its own outbox row. */
export type DeliveryChannel = 'webhook' | 'email' | 'teams';

/** Channels that reach only some contacts (a Teams chat exists once the contact installed the app). */
export const PER_CONTACT_CHANNELS: readonly DeliveryChannel[] = ['teams'];

/** A question the investor asked before the handoff, and the start of what the bot showed. */
export interface TranscriptEntry {
  question: string;
  answer: string;
}

/**
 * A consented enquiry as stored and as delivered (the webhook body is exactly this; see src/leads/leadPayload.ts).
 * Plain data: everything in it was validated at the boundary.
 */
export interface Lead {
  /** Short reference shown to the investor and used as the delivery's Idempotency-Key, e.g. `INV-7K3Q2`. */
  reference: string;
  /** When the lead was stored (ISO 8601, UTC). */
  time: string;
  contact: { id: string; name: string; role: string; team: string; phone: string | null; email: string | null };
  investor: { name: string; company: string; email: string; phone: string | null; country: string | null };
  enquiry: string;
  consent: { given: true; version: string; text: string; time: string; channel: string };
  /** Questions asked and answers shown before the handoff, oldest first. */
  conversation: TranscriptEntry[];
  language: string;
  /** Where the form came from: an Adaptive Card submit, a Teams Action.Execute invoke, or text prompts. */
  source: { channel: string; form: 'card' | 'invoke' | 'text' };
}

/**
 * How long a repeat of the same form in the same conversation counts as the same lead: covers a channel's retry
 * (Teams re-sends after ~15 s) and a double click, not an investor deliberately sending it again later.
 */
export const DEDUPE_WINDOW_MS = 5 * 60 * 1000;

/** A lead about to be stored: everything but the reference, which the store assigns. */
export interface NewLead {
  lead: Omit<Lead, 'reference'>;
  /** Same key within minutes, same lead: a re-sent form (retried activity, double click) is stored once. */
  dedupeKey: string;
  channels: readonly DeliveryChannel[];
}

/** One delivery of one lead over one channel, claimed by a worker. */
export interface OutboxItem {
  id: number;
  channel: DeliveryChannel;
  /** Tries made before this one. */
  attempts: number;
  lead: Lead;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'dead';

export interface DeliveryState {
  channel: DeliveryChannel;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  deliveredAt: string | null;
}

/** A stored lead with the state of each of its deliveries (for the `leads` command). */
export interface LeadRecord {
  lead: Lead;
  deliveries: DeliveryState[];
}

/**
 * Where leads and their outbox rows live. A lead and its outbox rows are written in one transaction; a method that
 * resolves has committed. Failures reject with a StoreError.
 */
export interface LeadStore {
  /** Stores the lead and one outbox row per channel; `created: false` when the same lead was already stored. */
  save(newLead: NewLead): Promise<{ lead: Lead; created: boolean }>;
  /** Leases up to `limit` due pending rows of these channels for `leaseMs`, so no other worker takes them meanwhile. */
  claimDue(channels: readonly DeliveryChannel[], now: number, limit: number, leaseMs: number): Promise<OutboxItem[]>;
  /**
   * At start: leases the previous run of this process held are void, so their rows are due again. A store shared by
   * several processes keeps them (another process may be delivering): they expire by themselves.
   */
  releaseLeases(): Promise<void>;
  markDelivered(id: number, now: number): Promise<void>;
  /** Records a failed try and when to try again. */
  reschedule(id: number, attempts: number, nextAttemptAt: number, error: string): Promise<void>;
  /** Parks a row as dead: kept, never retried by itself (`leads retry` puts it back). */
  park(id: number, attempts: number, error: string): Promise<void>;
  /** Gives leads stored while no channel was configured an outbox row per channel now configured. */
  enqueueUndelivered(channels: readonly DeliveryChannel[], now: number): Promise<number>;
  /** When the next pending row is due (ms), or null when none is pending. */
  nextDueAt(channels: readonly DeliveryChannel[]): Promise<number | null>;
  /** Rows waiting for delivery and rows parked as dead, over every channel (for the metrics). */
  queueCounts(): Promise<{ pending: number; dead: number }>;
  list(): Promise<LeadRecord[]>;
  byEmail(email: string): Promise<LeadRecord[]>;
  /** Deletes every lead of this e-mail address with its outbox rows; returns how many leads. */
  eraseByEmail(email: string): Promise<number>;
  /** Deletes leads stored before `before` (ms) with their outbox rows; returns how many leads. */
  purgeBefore(before: number): Promise<number>;
  /** Puts dead rows (of one lead, or all) back into the queue; returns how many rows. */
  retryDead(reference: string | null, now: number): Promise<number>;
}
