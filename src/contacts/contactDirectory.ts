import type { ContactEntry, ContactsFile, WorkingHours } from '../knowledge/schema.js';
import { phraseWords } from '../text/fold.js';
import { boundedDistance } from '../text/levenshtein.js';
import { boundedMemo } from '../text/memo.js';

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
const NAMED_WEIGHT = 10;

/** A contact with its names, topics and regions folded once, for matching against the conversation. */
interface IndexedContact {
  contact: Contact;
  /** Folded words of the full name, and of the last name where the contact is a person. */
  fullName: string[];
  lastName: string[] | null;
  /** Folded phrases, each padded with spaces for whole-word matching. */
  topics: string[];
  regions: string[];
}

/** The named contacts, with routing of a conversation to the one who covers its topic and region. */
export class ContactDirectory {
  private readonly contacts: Contact[];
  private readonly indexed: IndexedContact[];
  private readonly defaultId: string;
  private readonly workingHours: WorkingHours;

  constructor(file: ContactsFile) {
    this.contacts = file.contacts;
    this.workingHours = file.workingHours;
    this.defaultId = file.defaultContact;
    this.indexed = file.contacts.map((contact) => {
      const fullName = phraseWords(contact.name);
      const isPerson = contact.name.split(' ').length === 2 && !contact.name.includes('&');
      return {
        contact,
        fullName,
        lastName: isPerson ? fullName.slice(-1) : null,
        topics: [...contact.covers.topics, contact.role].map(padded),
        regions: contact.covers.regions.map(padded),
      };
    });
  }

  get defaultContact(): Contact {
    return this.byId(this.defaultId)!;
  }

  /** When the contact's team works (its own hours, or the file's). */
  hoursOf(contact: Contact): WorkingHours {
    return contact.workingHours ?? this.workingHours;
  }

  byId(id: string): Contact | undefined {
    return this.contacts.find((c) => c.id === id);
  }

  /** The contact configured for this Teams user (ids and names compared without case). */
  byTeamsUser(user: { aadObjectId?: string; userPrincipalName?: string }): Contact | undefined {
    const same = (a: string | undefined, b: string | undefined) =>
      a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
    return this.contacts.find(
      (c) => same(c.teams?.aadObjectId, user.aadObjectId) || same(c.teams?.userPrincipalName, user.userPrincipalName),
    );
  }

  /** Whether any contact is known only by user principal name (which needs a look-up to match). */
  get hasTeamsNamesOnly(): boolean {
    return this.contacts.some((c) => c.teams?.userPrincipalName !== undefined && c.teams.aadObjectId === undefined);
  }

  /** The contact a text names by first and last name, or by a distinctive last name ("Flemming"); typos tolerated. */
  named(text: string): Contact | undefined {
    const words = phraseWords(text);
    const has = (wanted: readonly string[]) =>
      wanted.every((w) => words.some((x) => x === w || (w.length >= 6 && this.nearNames(x).has(w))));
    const people = this.indexed.filter((c) => c.lastName !== null);
    return (people.find((c) => has(c.fullName)) ?? people.find((c) => has(c.lastName!)))?.contact;
  }

  /**
   * The words of the contacts' names (6+ letters) within one typo of a word, found once per word (bounded: see
   * boundedMemo): every question is checked for a contact's name, and its words come back question after question.
   */
  private readonly nearNames = boundedMemo((word: string): ReadonlySet<string> => {
    const near = new Set<string>();
    for (const { fullName, lastName } of this.indexed) {
      for (const name of [...fullName, ...(lastName ?? [])]) {
        if (name.length >= 6 && boundedDistance(word, name, 1) <= 1) near.add(name);
      }
    }
    return near;
  }, 10_000);

  /** Picks the contact whose topics and regions the conversation mentions most; the default one otherwise. */
  route(input: RoutingInput): RoutedContact {
    const currentWords = phraseWords(input.current);
    const current = ` ${currentWords.join(' ')} `;
    const earlier = padded(input.history.join(' . '));
    let best: { contact: Contact; score: number } = { contact: this.defaultContact, score: 0 };
    const wants = requestedChannel(currentWords);
    for (const { contact, fullName, topics, regions } of this.indexed) {
      if (contact.alternativeTo || (wants && contact[wants] === undefined)) continue;
      // an organisation named in full ("Germany Trade & Invest in Berlin") is the one asked for, whatever its
      // name says ("Invest" is another contact's topic)
      const named = current.includes(` ${fullName.join(' ')} `) ? NAMED_WEIGHT : 0;
      const score =
        named +
        TOPIC_WEIGHT * (CURRENT_WEIGHT * count(current, topics) + count(earlier, topics)) +
        CURRENT_WEIGHT * count(current, regions) +
        count(earlier, regions) +
        input.scopes.filter((s) => contact.covers.regions.includes(s)).length;
      if (score > best.score) best = { contact, score };
    }
    const alternative = this.contacts.find((c) => c.alternativeTo === best.contact.id);
    return alternative ? { contact: best.contact, alternative } : { contact: best.contact };
  }
}

type Channel = 'fax' | 'phone' | 'email' | 'address';

// In order: "fax number" asks for a fax, not a phone. "Whom am I to address?" asks for no address.
const CHANNEL_WORDS: Record<Channel, RegExp> = {
  fax: /\b(fax|telefax|faxnummer)\b/,
  phone: /\b(phone|telephone|call|ring|number|telefon|telefonnummer|anrufen)\b/,
  email: /\b(e ?mail|mail|write|email address|mailadresse)\b/,
  address:
    /(?<!\b(?:to|i|we|should|shall|may|can|could|will|must) )\b(address|postal|post|visit|located|adresse|anschrift)\b/,
};

// "Which phone number…": only contacts that have a phone can be the answer.
function requestedChannel(words: readonly string[]): Channel | undefined {
  const text = words.join(' ');
  return (Object.keys(CHANNEL_WORDS) as Channel[]).find((k) => CHANNEL_WORDS[k].test(text));
}

// Folded and padded with spaces, so that includes() matches whole words and phrases only.
function padded(text: string): string {
  return ` ${phraseWords(text).join(' ')} `;
}

function count(paddedText: string, paddedPhrases: readonly string[]): number {
  return paddedPhrases.filter((p) => paddedText.includes(p)).length;
}
