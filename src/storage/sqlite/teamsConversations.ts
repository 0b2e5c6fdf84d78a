import type { ConversationReference } from 'botbuilder';
import { withStoreError } from '../storeError.js';
import type { TeamsConversationStore } from '../teamsConversations.js';
import type { SqliteDatabase } from './database.js';

export class SqliteTeamsConversationStore implements TeamsConversationStore {
  constructor(private readonly db: SqliteDatabase) {}

  async save(contactId: string, reference: Partial<ConversationReference>, now: number): Promise<void> {
    withStoreError('keep a Teams conversation', () =>
      this.db
        .prepare(
          `INSERT INTO teams_conversations (contact_id, reference, updated_at) VALUES (?, ?, ?)
           ON CONFLICT (contact_id) DO UPDATE SET reference = excluded.reference, updated_at = excluded.updated_at`,
        )
        .run(contactId, JSON.stringify(reference), now),
    );
  }

  async get(contactId: string): Promise<Partial<ConversationReference> | null> {
    const row = withStoreError('read a Teams conversation', () =>
      this.db
        .prepare<[string], { reference: string }>('SELECT reference FROM teams_conversations WHERE contact_id = ?')
        .get(contactId),
    );
    return row ? (JSON.parse(row.reference) as Partial<ConversationReference>) : null;
  }

  async remove(contactId: string): Promise<void> {
    withStoreError('forget a Teams conversation', () =>
      this.db.prepare('DELETE FROM teams_conversations WHERE contact_id = ?').run(contactId),
    );
  }
}
