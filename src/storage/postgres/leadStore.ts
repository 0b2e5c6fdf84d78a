import type pg from 'pg';
import { type OutboxRow, toDeliveryState } from '../deliveryRow.js';
import { newReference } from '../leadReference.js';
import {
  DEDUPE_WINDOW_MS,
  type DeliveryChannel,
  type Lead,
  type LeadRecord,
  type LeadStore,
  type NewLead,
  type OutboxItem,
} from '../leadStore.js';
import { inTransaction, withPgStoreError } from './pool.js';

/**
 * Leads and their outbox in PostgreSQL, shared by every instance: a lead and its rows in one transaction, due rows
 * claimed with `FOR UPDATE SKIP LOCKED` and a lease, so each row goes to exactly one worker at a time.
 */
export class PostgresLeadStore implements LeadStore {
  constructor(private readonly pool: pg.Pool) {}

  async save(newLead: NewLead): Promise<{ lead: Lead; created: boolean }> {
    return withPgStoreError('store the lead', () =>
      inTransaction(this.pool, async (client) => {
        // the same form arriving at two instances at once: the second waits here, then finds the first
        await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [newLead.dedupeKey]);
        const createdAt = Date.parse(newLead.lead.time);
        const existing = await client.query<{ doc: string }>(
          'SELECT doc FROM leads WHERE dedupe_key = $1 AND created_at >= $2 ORDER BY id DESC LIMIT 1',
          [newLead.dedupeKey, createdAt - DEDUPE_WINDOW_MS],
        );
        if (existing.rows[0]) return { lead: JSON.parse(existing.rows[0].doc) as Lead, created: false };
        for (;;) {
          const lead: Lead = { reference: newReference(), ...newLead.lead };
          const inserted = await client.query<{ id: number }>(
            `INSERT INTO leads (reference, dedupe_key, created_at, contact_id, email, doc)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (reference) DO NOTHING RETURNING id`,
            [lead.reference, newLead.dedupeKey, createdAt, lead.contact.id, lead.investor.email, JSON.stringify(lead)],
          );
          const id = inserted.rows[0]?.id;
          if (id === undefined) continue; // the reference was taken: draw another
          await client.query(
            `INSERT INTO outbox (lead_id, channel, status, next_attempt_at)
             SELECT $1, channel, 'pending', $3 FROM unnest($2::text[]) AS channel`,
            [id, newLead.channels, createdAt],
          );
          return { lead, created: true };
        }
      }),
    );
  }

  async claimDue(
    channels: readonly DeliveryChannel[],
    now: number,
    limit: number,
    leaseMs: number,
  ): Promise<OutboxItem[]> {
    const { rows } = await withPgStoreError('claim deliveries', () =>
      this.pool.query<{ id: number; channel: DeliveryChannel; attempts: number; next_attempt_at: number; doc: string }>(
        `UPDATE outbox o SET locked_until = $2
         FROM (SELECT id FROM outbox
               WHERE status = 'pending' AND next_attempt_at <= $1 AND locked_until <= $1 AND channel = ANY($3)
               ORDER BY next_attempt_at, id LIMIT $4
               FOR UPDATE SKIP LOCKED) due, leads l
         WHERE o.id = due.id AND l.id = o.lead_id
         RETURNING o.id, o.channel, o.attempts, o.next_attempt_at, l.doc`,
        [now, now + leaseMs, channels, limit],
      ),
    );
    return rows
      .sort((a, b) => a.next_attempt_at - b.next_attempt_at || a.id - b.id)
      .map((row) => ({ id: row.id, channel: row.channel, attempts: row.attempts, lead: JSON.parse(row.doc) as Lead }));
  }

  // shared by several instances: a lease may belong to another instance still delivering; it expires by itself
  async releaseLeases(): Promise<void> {}

  async markDelivered(id: number, now: number): Promise<void> {
    await this.update(
      'mark a delivery done',
      `UPDATE outbox SET status = 'delivered', delivered_at = $2, attempts = attempts + 1, locked_until = 0,
       last_error = NULL WHERE id = $1`,
      [id, now],
    );
  }

  async reschedule(id: number, attempts: number, nextAttemptAt: number, error: string): Promise<void> {
    await this.update(
      'reschedule a delivery',
      'UPDATE outbox SET attempts = $2, next_attempt_at = $3, last_error = $4, locked_until = 0 WHERE id = $1',
      [id, attempts, nextAttemptAt, error],
    );
  }

  async park(id: number, attempts: number, error: string): Promise<void> {
    await this.update(
      'park a delivery',
      "UPDATE outbox SET status = 'dead', attempts = $2, last_error = $3, locked_until = 0 WHERE id = $1",
      [id, attempts, error],
    );
  }

  async enqueueUndelivered(channels: readonly DeliveryChannel[], now: number): Promise<number> {
    if (channels.length === 0) return 0;
    // instances starting together may both find the same lead: the unique (lead, channel) keeps one row
    const { rows } = await withPgStoreError('queue stored leads', () =>
      this.pool.query<{ leads: number }>(
        `WITH added AS (
           INSERT INTO outbox (lead_id, channel, status, next_attempt_at)
           SELECT l.id, channel, 'pending', $2 FROM leads l CROSS JOIN unnest($1::text[]) AS channel
           WHERE NOT EXISTS (SELECT 1 FROM outbox WHERE lead_id = l.id)
           ON CONFLICT (lead_id, channel) DO NOTHING RETURNING lead_id)
         SELECT COUNT(DISTINCT lead_id)::integer AS leads FROM added`,
        [channels, now],
      ),
    );
    return rows[0]?.leads ?? 0;
  }

  async nextDueAt(channels: readonly DeliveryChannel[]): Promise<number | null> {
    const { rows } = await withPgStoreError('read the queue', () =>
      this.pool.query<{ due: number | null }>(
        `SELECT MIN(GREATEST(next_attempt_at, locked_until)) AS due FROM outbox
         WHERE status = 'pending' AND channel = ANY($1)`,
        [channels],
      ),
    );
    return rows[0]?.due ?? null;
  }

  async queueCounts(): Promise<{ pending: number; dead: number }> {
    const { rows } = await withPgStoreError('count the queue', () =>
      this.pool.query<{ pending: number; dead: number }>(
        `SELECT COUNT(*) FILTER (WHERE status = 'pending')::integer AS pending,
                COUNT(*) FILTER (WHERE status = 'dead')::integer AS dead FROM outbox`,
      ),
    );
    return rows[0] ?? { pending: 0, dead: 0 };
  }

  list(): Promise<LeadRecord[]> {
    return this.records('SELECT id, doc FROM leads ORDER BY created_at, id', []);
  }

  byEmail(email: string): Promise<LeadRecord[]> {
    return this.records('SELECT id, doc FROM leads WHERE lower(email) = lower($1) ORDER BY created_at, id', [
      email.trim(),
    ]);
  }

  async eraseByEmail(email: string): Promise<number> {
    // outbox rows go with their lead (ON DELETE CASCADE)
    return this.update('erase leads', 'DELETE FROM leads WHERE lower(email) = lower($1)', [email.trim()]);
  }

  async purgeBefore(before: number): Promise<number> {
    return this.update('purge leads', 'DELETE FROM leads WHERE created_at < $1', [before]);
  }

  async retryDead(reference: string | null, now: number): Promise<number> {
    const sql = `UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = $1, locked_until = 0
                 WHERE status = 'dead' ${reference ? 'AND lead_id IN (SELECT id FROM leads WHERE reference = $2)' : ''}`;
    return this.update('requeue deliveries', sql, reference ? [now, reference.toUpperCase()] : [now]);
  }

  private async update(action: string, sql: string, params: unknown[]): Promise<number> {
    const result = await withPgStoreError(action, () => this.pool.query(sql, params));
    return result.rowCount ?? 0;
  }

  private records(sql: string, params: unknown[]): Promise<LeadRecord[]> {
    return withPgStoreError('read leads', async () => {
      const leads = (await this.pool.query<{ id: number; doc: string }>(sql, params)).rows;
      const outbox = (
        await this.pool.query<OutboxRow>(
          `SELECT lead_id, channel, status, attempts, last_error, delivered_at FROM outbox
           WHERE lead_id = ANY($1) ORDER BY id`,
          [leads.map((l) => l.id)],
        )
      ).rows;
      return leads.map((row) => ({
        lead: JSON.parse(row.doc) as Lead,
        deliveries: outbox.filter((o) => o.lead_id === row.id).map(toDeliveryState),
      }));
    });
  }
}
