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
import { withStoreError } from '../storeError.js';
import type { SqliteDatabase } from './database.js';

/** Leads and their outbox in the SQLite file; every write is one IMMEDIATE transaction. */
export class SqliteLeadStore implements LeadStore {
  constructor(private readonly db: SqliteDatabase) {}

  async save(newLead: NewLead): Promise<{ lead: Lead; created: boolean }> {
    const { db } = this;
    const insert = db.transaction(() => {
      const existing = db
        .prepare<[string, number], { doc: string }>(
          'SELECT doc FROM leads WHERE dedupe_key = ? AND created_at >= ? ORDER BY id DESC LIMIT 1',
        )
        .get(newLead.dedupeKey, Date.parse(newLead.lead.time) - DEDUPE_WINDOW_MS);
      if (existing) return { lead: JSON.parse(existing.doc) as Lead, created: false };
      const taken = db.prepare<[string], { id: number }>('SELECT id FROM leads WHERE reference = ?');
      let reference = newReference();
      while (taken.get(reference)) reference = newReference();
      const lead: Lead = { reference, ...newLead.lead };
      const createdAt = Date.parse(lead.time);
      const { lastInsertRowid } = db
        .prepare(
          'INSERT INTO leads (reference, dedupe_key, created_at, contact_id, email, doc) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(reference, newLead.dedupeKey, createdAt, lead.contact.id, lead.investor.email, JSON.stringify(lead));
      const outbox = db.prepare(
        "INSERT INTO outbox (lead_id, channel, status, next_attempt_at) VALUES (?, ?, 'pending', ?)",
      );
      for (const channel of newLead.channels) outbox.run(lastInsertRowid, channel, createdAt);
      return { lead, created: true };
    });
    return withStoreError('store the lead', () => insert.immediate());
  }

  async claimDue(
    channels: readonly DeliveryChannel[],
    now: number,
    limit: number,
    leaseMs: number,
  ): Promise<OutboxItem[]> {
    const { db } = this;
    const claim = db.transaction(() => {
      const rows = db
        .prepare<unknown[], { id: number; channel: DeliveryChannel; attempts: number; doc: string }>(
          `SELECT o.id, o.channel, o.attempts, l.doc FROM outbox o JOIN leads l ON l.id = o.lead_id
           WHERE o.status = 'pending' AND o.next_attempt_at <= ? AND o.locked_until <= ?
             AND o.channel IN (SELECT value FROM json_each(?))
           ORDER BY o.next_attempt_at, o.id LIMIT ?`,
        )
        .all(now, now, JSON.stringify(channels), limit);
      const lease = db.prepare('UPDATE outbox SET locked_until = ? WHERE id = ?');
      for (const row of rows) lease.run(now + leaseMs, row.id);
      return rows.map((row) => ({
        id: row.id,
        channel: row.channel,
        attempts: row.attempts,
        lead: JSON.parse(row.doc) as Lead,
      }));
    });
    return withStoreError('claim deliveries', () => claim.immediate());
  }

  // the file has one bot process: a lease still set at its start was held by its previous run
  async releaseLeases(): Promise<void> {
    withStoreError('release leases', () =>
      this.db.prepare('UPDATE outbox SET locked_until = 0 WHERE locked_until > 0').run(),
    );
  }

  async markDelivered(id: number, now: number): Promise<void> {
    withStoreError('mark a delivery done', () =>
      this.db
        .prepare(
          "UPDATE outbox SET status = 'delivered', delivered_at = ?, attempts = attempts + 1, locked_until = 0, last_error = NULL WHERE id = ?",
        )
        .run(now, id),
    );
  }

  async reschedule(id: number, attempts: number, nextAttemptAt: number, error: string): Promise<void> {
    withStoreError('reschedule a delivery', () =>
      this.db
        .prepare('UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ?, locked_until = 0 WHERE id = ?')
        .run(attempts, nextAttemptAt, error, id),
    );
  }

  async park(id: number, attempts: number, error: string): Promise<void> {
    withStoreError('park a delivery', () =>
      this.db
        .prepare("UPDATE outbox SET status = 'dead', attempts = ?, last_error = ?, locked_until = 0 WHERE id = ?")
        .run(attempts, error, id),
    );
  }

  async enqueueUndelivered(channels: readonly DeliveryChannel[], now: number): Promise<number> {
    const { db } = this;
    const enqueue = db.transaction(() => {
      const orphans = db
        .prepare<[], { id: number }>(
          'SELECT id FROM leads WHERE NOT EXISTS (SELECT 1 FROM outbox WHERE lead_id = leads.id)',
        )
        .all();
      const insert = db.prepare(
        "INSERT INTO outbox (lead_id, channel, status, next_attempt_at) VALUES (?, ?, 'pending', ?)",
      );
      for (const { id } of orphans) for (const channel of channels) insert.run(id, channel, now);
      return channels.length > 0 ? orphans.length : 0;
    });
    return withStoreError('queue stored leads', () => enqueue.immediate());
  }

  async nextDueAt(channels: readonly DeliveryChannel[]): Promise<number | null> {
    const row = withStoreError('read the queue', () =>
      this.db
        .prepare<[string], { due: number | null }>(
          `SELECT MIN(MAX(next_attempt_at, locked_until)) AS due FROM outbox
           WHERE status = 'pending' AND channel IN (SELECT value FROM json_each(?))`,
        )
        .get(JSON.stringify(channels)),
    );
    return row?.due ?? null;
  }

  async queueCounts(): Promise<{ pending: number; dead: number }> {
    const row = withStoreError('count the queue', () =>
      this.db
        .prepare<[], { pending: number | null; dead: number | null }>(
          `SELECT SUM(status = 'pending') AS pending, SUM(status = 'dead') AS dead FROM outbox`,
        )
        .get(),
    );
    return { pending: row?.pending ?? 0, dead: row?.dead ?? 0 };
  }

  async list(): Promise<LeadRecord[]> {
    return this.records('SELECT id, doc FROM leads ORDER BY created_at, id', []);
  }

  async byEmail(email: string): Promise<LeadRecord[]> {
    return this.records('SELECT id, doc FROM leads WHERE email = ? ORDER BY created_at, id', [email.trim()]);
  }

  async eraseByEmail(email: string): Promise<number> {
    // outbox rows go with their lead (ON DELETE CASCADE)
    return withStoreError(
      'erase leads',
      () => this.db.prepare('DELETE FROM leads WHERE email = ?').run(email.trim()).changes,
    );
  }

  async purgeBefore(before: number): Promise<number> {
    return withStoreError(
      'purge leads',
      () => this.db.prepare('DELETE FROM leads WHERE created_at < ?').run(before).changes,
    );
  }

  async retryDead(reference: string | null, now: number): Promise<number> {
    const sql = `UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, locked_until = 0
                 WHERE status = 'dead' ${reference ? 'AND lead_id IN (SELECT id FROM leads WHERE reference = ?)' : ''}`;
    const params = reference ? [now, reference.toUpperCase()] : [now];
    return withStoreError('requeue deliveries', () => this.db.prepare(sql).run(...params).changes);
  }

  private records(sql: string, params: unknown[]): LeadRecord[] {
    return withStoreError('read leads', () => {
      const leads = this.db.prepare<unknown[], { id: number; doc: string }>(sql).all(...params);
      const deliveries = this.db.prepare<[number], OutboxRow>(
        'SELECT lead_id, channel, status, attempts, last_error, delivered_at FROM outbox WHERE lead_id = ? ORDER BY id',
      );
      return leads.map((row) => ({
        lead: JSON.parse(row.doc) as Lead,
        deliveries: deliveries.all(row.id).map(toDeliveryState),
      }));
    });
  }
}
