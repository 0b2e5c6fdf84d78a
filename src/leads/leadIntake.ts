import { createHash } from 'node:crypto';
import type { Contact } from '../contacts/contactDirectory.js';
import type { DeliveryChannel, Lead, LeadStore, TranscriptEntry } from '../storage/leadStore.js';
import { StoreError } from '../storage/storeError.js';
import type { LeadSubmission } from './leadForm.js';

/** The consent wording an investor agreed to, and its version (stored with the lead). */
export interface ConsentText {
  text: string;
  version: string;
}

/** Where a submission came from and what the conversation knows. */
export interface IntakeContext {
  contact: Contact;
  conversationId: string;
  channel: string;
  form: Lead['source']['form'];
  language: string;
  consent: ConsentText;
  transcript: readonly TranscriptEntry[];
}

export type IntakeResult =
  | { status: 'stored'; lead: Lead; created: boolean }
  | { status: 'failed'; transient: boolean };

export interface LeadIntakeDeps {
  store: LeadStore;
  /** The channels that reach this contact now (the configured ones, plus Teams once the contact installed it). */
  channelsFor: (contactId: string) => Promise<readonly DeliveryChannel[]>;
  /** Called after a lead was committed, to deliver it at once. */
  onStored: () => void;
  /** Told every outcome: stored, a repeat of a stored form, or failed (for the metrics). */
  onResult?: (result: 'stored' | 'repeat' | 'failed') => void;
}

/** Stores a checked submission with its outbox rows in one transaction; the caller confirms only on `stored`. */
export class LeadIntake {
  constructor(private readonly deps: LeadIntakeDeps) {}

  async submit(submission: LeadSubmission, context: IntakeContext): Promise<IntakeResult> {
    const time = new Date().toISOString();
    const { contact } = context;
    const lead: Omit<Lead, 'reference'> = {
      time,
      contact: {
        id: contact.id,
        name: contact.name,
        role: contact.role,
        team: contact.team,
        phone: contact.phone ?? null,
        email: contact.email ?? null,
      },
      investor: {
        name: submission.name,
        company: submission.company,
        email: submission.email,
        phone: submission.phone,
        country: submission.country,
      },
      enquiry: submission.message,
      consent: { given: true, ...context.consent, time, channel: context.channel },
      conversation: context.transcript.slice(-10).map((t) => ({ ...t })),
      language: context.language,
      source: { channel: context.channel, form: context.form },
    };
    try {
      const saved = await this.deps.store.save({
        lead,
        dedupeKey: dedupeKey(context.conversationId, contact.id, submission),
        channels: await this.deps.channelsFor(contact.id),
      });
      if (saved.created) this.deps.onStored();
      this.deps.onResult?.(saved.created ? 'stored' : 'repeat');
      return { status: 'stored', ...saved };
    } catch (error) {
      this.deps.onResult?.('failed');
      return { status: 'failed', transient: error instanceof StoreError ? error.transient : false };
    }
  }
}

// The same form sent again in the same conversation (a channel retry, a double click) is the same lead.
function dedupeKey(conversationId: string, contactId: string, s: LeadSubmission): string {
  const parts = [conversationId, contactId, s.name, s.company, s.email.toLowerCase(), s.phone, s.country, s.message];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}
