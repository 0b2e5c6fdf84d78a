import type { ConversationReference } from 'botbuilder';

/** Where the bot keeps each contact's personal Teams conversation, to post their leads into it later. */
export interface TeamsConversationStore {
  /** Keeps (or refreshes: Teams may move a chat to another serviceUrl) the contact's conversation. */
  save(contactId: string, reference: Partial<ConversationReference>, now: number): Promise<void>;
  get(contactId: string): Promise<Partial<ConversationReference> | null>;
  /** The contact uninstalled the app: the conversation is gone. */
  remove(contactId: string): Promise<void>;
}
