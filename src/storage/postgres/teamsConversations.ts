import type { ConversationReference } from 'botbuilder';
import type pg from 'pg';
import type { TeamsConversationStore } from '../teamsConversations.js';
import { withPgStoreError } from './pool.js';

export class PostgresTeamsConversationStore implements TeamsConversationStore {
  constructor(private readonly pool: pg.Pool) {}

  async save(contactId: string, reference: Partial<ConversationReference>, now: number): Promise<void> {
    await withPgStoreError('keep a Teams conversation', () =>
      this.pool.query(
        `INSERT INTO teams_conversations (contact_id, reference, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (contact_id) DO UPDATE SET reference = excluded.reference, updated_at = excluded.updated_at`,
        [contactId, JSON.stringify(reference), now],
      ),
    );
  }

  async get(contactId: string): Promise<Partial<ConversationReference> | null> {
    const { rows } = await withPgStoreError('read a Teams conversation', () =>
      this.pool.query<{ reference: string }>('SELECT reference FROM teams_conversations WHERE contact_id = $1', [
        contactId,
      ]),
    );
    return rows[0] ? (JSON.parse(rows[0].reference) as Partial<ConversationReference>) : null;
  }

  async remove(contactId: string): Promise<void> {
    await withPgStoreError('forget a Teams conversation', () =>
      this.pool.query('DELETE FROM teams_conversations WHERE contact_id = $1', [contactId]),
    );
  }
}
