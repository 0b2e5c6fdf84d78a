import type { Logger } from 'pino';
import { type DeliveryChannel, type LeadStore, type OutboxItem, PER_CONTACT_CHANNELS } from '../storage/leadStore.js';
import { backoffDelay, type RetryPolicy } from './backoff.js';
import { DeliveryError, type Notifier } from './deliveryError.js';

export interface OutboxWorkerOptions {
  store: LeadStore;
  notifiers: Partial<Record<DeliveryChannel, Notifier>>;
  retry: RetryPolicy;
  logger: Logger;
  /** How long a claimed row stays with this worker (longer than any delivery's timeout). */
  leaseMs: number;
  /** Longest sleep between looks at the queue (another process may have added rows). */
  pollMs?: number;
  /** Told the result of every try (for the metrics). */
  onTry?: (channel: DeliveryChannel, result: 'delivered' | 'retry' | 'dead') => void;
  /** Deliveries in flight at once (default 8): a hanging receiver holds one of them, not the queue. */
  concurrency?: number;
}

/** Deliveries in flight at once when not configured (`LEADS_DELIVERY_CONCURRENCY`). */
export const DEFAULT_DELIVERY_CONCURRENCY = 8;

/**
 * Delivers outbox rows until each is delivered or parked: claims due rows, hands each to its channel's notifier,
 * and records the outcome. Up to `concurrency` deliveries run at once and each freed slot claims the next due row at
 * once, so a receiver that hangs until its timeout delays only its own lead (docs/security.md 45). Failed tries wait (exponential backoff with jitter, at least what `Retry-After` asks);
 * a 4xx or the last allowed try parks the row as dead with an alert in the log. Rows are never deleted here.
 */
export class OutboxWorker {
  private readonly channels: DeliveryChannel[];
  private readonly pollMs: number;
  private readonly concurrency: number;
  private timer: NodeJS.Timeout | null = null;
  /** A look at the queue under way (one at a time). */
  private filling: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  /** Deliveries under way, by outbox row id: a row is never delivered twice at once by this worker. */
  private readonly inFlight = new Map<number, Promise<void>>();

  constructor(private readonly options: OutboxWorkerOptions) {
    this.channels = Object.keys(options.notifiers) as DeliveryChannel[];
    this.pollMs = options.pollMs ?? 5_000;
    this.concurrency = options.concurrency ?? DEFAULT_DELIVERY_CONCURRENCY;
  }

  /** Resumes the queue left by an earlier run (leads stored while no channel was set get rows now) and starts. */
  async start(): Promise<void> {
    // a lead stored before a channel was configured gets it now; a per-contact channel only when the lead is stored
    const everyLead = this.channels.filter((c) => !PER_CONTACT_CHANNELS.includes(c));
    if (everyLead.length === 0) {
      this.options.logger.warn(
        'leads are stored but not sent anywhere: set LEADS_WEBHOOK_URL or SMTP_URL to deliver them (until then only contacts who installed the Teams app get theirs, in Teams)',
      );
    }
    if (this.channels.length === 0) return;
    const { store } = this.options;
    await store.releaseLeases();
    const queued = everyLead.length > 0 ? await store.enqueueUndelivered(everyLead, Date.now()) : 0;
    if (queued > 0) this.options.logger.info({ leads: queued }, 'queued stored leads for delivery');
    this.stopped = false;
    this.kick();
  }

  /** Looks at the queue now (a lead was just stored). */
  kick(): void {
    if (this.stopped) return;
    if (this.filling) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.filling = this.fill().finally(() => {
      this.filling = null;
      if (this.again) {
        this.again = false;
        this.kick();
      } else if (this.inFlight.size < this.concurrency) {
        void this.scheduleNext();
      }
      // every slot busy: the next delivery to finish looks at the queue (a timer would only find it full)
    });
  }

  /** Stops taking rows and waits for deliveries in flight; their rows keep their state for the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.filling;
    await Promise.all(this.inFlight.values());
    await Promise.all(Object.values(this.options.notifiers).map((n) => n?.close?.()));
  }

  /** Claims due rows for the free slots and starts their deliveries, without waiting for them. */
  private async fill(): Promise<void> {
    const { store, leaseMs, logger } = this.options;
    try {
      while (!this.stopped && this.inFlight.size < this.concurrency) {
        const free = this.concurrency - this.inFlight.size;
        const items = await store.claimDue(this.channels, Date.now(), free, leaseMs);
        // a row still under way here whose lease ran out: its delivery records the outcome, not a second one
        const fresh = items.filter((item) => !this.inFlight.has(item.id));
        for (const item of fresh) {
          const delivery = this.deliver(item).finally(() => {
            this.inFlight.delete(item.id);
            this.kick();
          });
          this.inFlight.set(item.id, delivery);
        }
        if (items.length < free || fresh.length === 0) return;
      }
    } catch (error) {
      logger.error({ err: { message: (error as Error).message } }, 'outbox: could not read the queue');
    }
  }

  private async scheduleNext(): Promise<void> {
    if (this.stopped) return;
    let wait = this.pollMs;
    try {
      const due = await this.options.store.nextDueAt(this.channels);
      if (due !== null) wait = Math.min(wait, Math.max(0, due - Date.now()));
    } catch {
      // the store is busy: look again after the poll interval
    }
    if (this.stopped || this.filling) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.kick(), wait);
    this.timer.unref();
  }

  private async deliver(item: OutboxItem): Promise<void> {
    const { store, retry, logger } = this.options;
    const notifier = this.options.notifiers[item.channel]!;
    const attempts = item.attempts + 1;
    const where = { reference: item.lead.reference, channel: item.channel, attempts };
    try {
      await notifier.deliver(item.lead);
    } catch (error) {
      const failure =
        error instanceof DeliveryError
          ? error
          : new DeliveryError(`${item.channel}: ${(error as Error).name}`, 'retry');
      try {
        if (failure.kind === 'permanent' || attempts >= retry.maxAttempts) {
          await store.park(item.id, attempts, failure.message);
          this.options.onTry?.(item.channel, 'dead');
          // an alert: a person must look at this lead (`npm run leads -- list`, then `retry <reference>`)
          logger.error(
            { ...where, alert: 'lead-delivery-parked', reason: failure.message },
            'ALERT: lead delivery parked',
          );
        } else {
          const delay = Math.max(backoffDelay(retry, attempts), failure.retryAfterMs ?? 0);
          await store.reschedule(item.id, attempts, Date.now() + delay, failure.message);
          this.options.onTry?.(item.channel, 'retry');
          logger.warn({ ...where, reason: failure.message, retryInMs: delay }, 'lead delivery failed; will retry');
        }
      } catch (storeFailure) {
        // the lease runs out and the row is tried again: nothing is lost
        logger.error({ ...where, err: { message: (storeFailure as Error).message } }, 'outbox: could not record a try');
      }
      return;
    }
    this.options.onTry?.(item.channel, 'delivered');
    try {
      await store.markDelivered(item.id, Date.now());
      logger.info(where, 'lead delivered');
    } catch (storeFailure) {
      // delivered but not recorded: it is sent again with the same Idempotency-Key, and the receiver drops it
      logger.error(
        { ...where, err: { message: (storeFailure as Error).message } },
        'outbox: could not record a delivery',
      );
    }
  }
}
