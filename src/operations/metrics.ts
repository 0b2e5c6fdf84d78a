import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { LeadStore } from '../storage/leadStore.js';

/** Channel ids come from the caller: anything unknown is one label value, so a client cannot grow the series. */
const KNOWN_CHANNELS = new Set(['msteams', 'webchat', 'directline', 'emulator', 'sms', 'slack', 'telegram', 'email']);

export function channelLabel(channelId: string | undefined): string {
  return channelId && KNOWN_CHANNELS.has(channelId) ? channelId : 'other';
}

/** How a knowledge question ended, as the metrics count it (the answerer's own result is `AnswerOutcome`). */
export type AnswerResult = 'answer' | 'ambiguous' | 'dont_know' | 'cluster';
export type HandoffKind = 'contact_card' | 'lead_form';
export type LeadResult = 'stored' | 'repeat' | 'failed';
export type DeliveryResult = 'delivered' | 'retry' | 'dead';

/**
 * A gauge read from the store at scrape time. When the store cannot be read the series has no sample at all, as a
 * failed target's would: a made-up 0 would say "no lead waiting" just when nobody knows (docs/security.md 40).
 */
class StoreGauge extends Gauge {
  private readonly read: () => Promise<number | null>;

  constructor(config: { name: string; help: string; registers: Registry[]; read: () => Promise<number | null> }) {
    const { read, ...gauge } = config;
    super(gauge);
    this.read = read;
  }

  override async get() {
    const value = await this.read();
    if (value !== null) this.set(value);
    const metric = await super.get();
    return value === null ? { ...metric, values: [] } : metric;
  }
}

/**
 * The Prometheus metrics of one process, in its own registry (several apps in one test process must not share).
 * Queue figures come from the store, which all instances share: take their max across instances, not the sum.
 */
export class BotMetrics {
  readonly registry = new Registry();
  private readonly turnSeconds = new Histogram({
    name: 'investor_bot_turn_duration_seconds',
    help: 'Time the bot took for one activity (a turn), from receipt to the last reply sent',
    labelNames: ['channel', 'type'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  private readonly answers = new Counter({
    name: 'investor_bot_answers_total',
    help: 'Knowledge questions by outcome: an extract, a "did you mean", "I don\'t know", a cluster table answer',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  private readonly handoffs = new Counter({
    name: 'investor_bot_handoffs_total',
    help: 'Hand-overs to a person: a contact card shown, a lead form offered',
    labelNames: ['kind'],
    registers: [this.registry],
  });
  private readonly leads = new Counter({
    name: 'investor_bot_leads_total',
    help: 'Submitted lead forms: stored (and confirmed), a repeat of a stored one, or failed (nothing confirmed)',
    labelNames: ['result'],
    registers: [this.registry],
  });
  private readonly deliveries = new Counter({
    name: 'investor_bot_lead_deliveries_total',
    help: 'Delivery tries of leads by this instance, by channel and result',
    labelNames: ['channel', 'result'],
    registers: [this.registry],
  });
  private readonly feedback = new Counter({
    name: 'investor_bot_feedback_total',
    help: 'Votes on answers (thumbs up or down)',
    labelNames: ['vote'],
    registers: [this.registry],
  });

  /** `isUp`: whether the store's server answers (what /readyz says too). */
  constructor(queue: Pick<LeadStore, 'queueCounts'>, isUp: () => boolean) {
    collectDefaultMetrics({ register: this.registry, prefix: 'investor_bot_' });
    // read from the store at scrape time, so every instance reports the shared queue; the three gauges share one read
    let reading: Promise<{ pending: number; dead: number } | null> | null = null;
    const read = () =>
      (reading ??= queue
        .queueCounts()
        .catch(() => null)
        .finally(() => {
          reading = null;
        }));
    new Gauge({
      name: 'investor_bot_store_up',
      help: '1 when the store answers (as /readyz says), 0 when it does not: the queue figures are then left out',
      registers: [this.registry],
      async collect() {
        const counts = await read();
        this.set(counts && isUp() ? 1 : 0);
      },
    });
    new StoreGauge({
      name: 'investor_bot_outbox_pending',
      help: 'Lead deliveries waiting (due or backing off), all instances; absent while the store cannot be read',
      registers: [this.registry],
      read: async () => (await read())?.pending ?? null,
    });
    new StoreGauge({
      name: 'investor_bot_outbox_dead',
      help: 'Lead deliveries parked after too many failures, waiting for `npm run leads -- retry` (alert on > 0)',
      registers: [this.registry],
      read: async () => (await read())?.dead ?? null,
    });
  }

  /** Starts timing one turn (an activity of this channel and type); the function returned stops it. */
  turnStarted(channelId: string | undefined, type: 'message' | 'invoke' | 'other'): () => void {
    return this.turnSeconds.startTimer({ channel: channelLabel(channelId), type });
  }

  answer(outcome: AnswerResult): void {
    this.answers.inc({ outcome });
  }

  handoff(kind: HandoffKind): void {
    this.handoffs.inc({ kind });
  }

  lead(result: LeadResult): void {
    this.leads.inc({ result });
  }

  delivery(channel: string, result: DeliveryResult): void {
    this.deliveries.inc({ channel, result });
  }

  vote(vote: 'up' | 'down'): void {
    this.feedback.inc({ vote });
  }

  /** The text exposition format for GET /metrics. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
