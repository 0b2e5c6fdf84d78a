import type { ContactEntry, ContactsFile } from '../knowledge/schema.js';
import { phraseWords } from '../text/fold.js';
import { boundedDistance } from '../text/levenshtein.js';

/** A named contact as the documents state it. */
export type Contact = ContactEntry;

/** What the conversation says about who should take over. */
export interface RoutingInput {
  /** The investor's current message. */
  current: string;
  /** Earlier messages, newest last. */
  history: readonly string[];
  /** Scopes (`saxony` / `germany`) of the documents the last answers came from. */
  scopes: readonly string[];
}

/** The contact chosen for a conversation, and the colleague with the same role where there is one. */
export interface RoutedContact {
  contact: Contact;
  alternative?: Contact;
}

// A mention in the current message counts more than one earlier in the conversation.
const CURRENT_WEIGHT = 2;
const TOPIC_WEIGHT = 2;

/** The named contacts, with routing of a conversation to the one who covers its topic and region. */
export class ContactDirectory {
  private readonly contacts: Contact[];
  private readonly defaultId: string;

  constructor(file: ContactsFile) {
    this.contacts = file.contacts;
    this.defaultId = file.defaultContact;
  }

  get all(): readonly Contact[] {
    return this.contacts;
  }

  get defaultContact(): Contact {
    return this.byId(this.defaultId)!;
  }

  byId(id: string): Contact | undefined {
    return this.contacts.find((c) => c.id === id);
  }

  /** The contact a text names by first and last name, or by a distinctive last name ("Flemming"); typos tolerated. */
  named(text: string): Contact | undefined {
    const words = phraseWords(text);
    const has = (name: string) => {
      const wanted = phraseWords(name);
      return wanted.every((w) => words.some((x) => x === w || (w.length >= 6 && boundedDistance(x, w, 1) <= 1)));
    };
    const people = this.contacts.filter((c) => c.name.split(' ').length === 2 && !c.name.includes('&'));
    return (
      people.find((c) => has(c.name)) ??
      people.find((c) =>
        c.name
          .split(' ')
          .slice(-1)
          .some((last) => has(last)),
      )
    );
  }

  /** Picks the contact whose topics and regions the conversation mentions most; the default one otherwise. */
  route(input: RoutingInput): RoutedContact {
    const current = phraseWords(input.current);
    const earlier = phraseWords(input.history.join(' . '));
    let best: { contact: Contact; score: number } = { contact: this.defaultContact, score: 0 };
    const wants = requestedChannel(current);
    for (const contact of this.contacts.filter((c) => !c.alternativeTo && (!wants || c[wants] !== undefined))) {
      const topics = [...contact.covers.topics, contact.role];
      const regions = contact.covers.regions;
      const score =
        TOPIC_WEIGHT * (CURRENT_WEIGHT * count(current, topics) + count(earlier, topics)) +
        CURRENT_WEIGHT * count(current, regions) +
        count(earlier, regions) +
        input.scopes.filter((s) => regions.includes(s)).length;
      if (score > best.score) best = { contact, score };
    }
    const alternative = this.contacts.find((c) => c.alternativeTo === best.contact.id);
    return alternative ? { contact: best.contact, alternative } : { contact: best.contact };
  }
}

const CHANNEL_WORDS: Record<'phone' | 'email' | 'address', RegExp> = {
  phone: /\b(phone|telephone|call|ring|number|telefon|telefonnummer|anrufen)\b/,
  email: /\b(e ?mail|mail|write|email address|mailadresse)\b/,
  address: /\b(address|postal|post|visit|located|adresse|anschrift)\b/,
};

// "Which phone number…": only contacts that have a phone can be the answer.
function requestedChannel(words: readonly string[]): 'phone' | 'email' | 'address' | undefined {
  const text = words.join(' ');
  return (Object.keys(CHANNEL_WORDS) as ('phone' | 'email' | 'address')[]).find((k) => CHANNEL_WORDS[k].test(text));
}

function count(words: readonly string[], phrases: readonly string[]): number {
  const text = ` ${words.join(' ')} `;
  return phrases.filter((p) => text.includes(` ${phraseWords(p).join(' ')} `)).length;
}
