import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Answerer } from '../src/answers/answerer.js';
import type { ClusterFinder } from '../src/clusters/clusterFinder.js';
import type { Contact, ContactDirectory } from '../src/contacts/contactDirectory.js';
import type { WorkingHours } from '../src/knowledge/schema.js';
import type { Passage } from '../src/knowledge/types.js';
import type { LeadIntake } from '../src/leads/leadIntake.js';
import type { AnswerResult, HandoffKind } from '../src/operations/metrics.js';
import type { LeadReplies } from '../src/replies/leadReplies.js';
import type { Replies } from '../src/replies/replies.js';
import type { Vote } from '../src/storage/insightLog.js';
import type { ConversationMemory } from './memory.js';

/** What a handler dialog receives: the investor's text, cleaned (mention removed, normalized, capped). */
export interface TurnInput {
  text: string;
  /** Background sentences around the question in the same message ("We are a Spanish manufacturer."), if any. */
  context?: string;
  /** The question points back into its background ("how many work there?"): it is read with it. */
  refersBack?: boolean;
  /** The data of a card button or form (`activity.value`), unchecked: each handler validates what it takes. */
  value?: unknown;
  /** The route the channel names (a card verb that says what it is), instead of the route table's choice. */
  route?: string;
  /** Arrived as an invoke: the handler's reply is what its dialog ends with, for the invoke's answer. */
  invoke?: boolean;
}

/** What the handoff needs besides the contacts: the intake, the retention period and working hours. */
export interface LeadDeps {
  intake: LeadIntake;
  retentionDays: number;
  hoursOf(contact: Contact): WorkingHours;
  now(): Date;
}

/** Looks up a passage by id (for follow-ups on an earlier answer). */
export interface PassageLookup {
  byId(id: string): Passage | undefined;
  /** The passage after this one in its section (same document, same headings), if the section goes on. */
  nextInSection(id: string): Passage | undefined;
  /** The headings of the sections beside the passage's own, to offer when its section has no more. */
  neighbours(id: string): string[];
}

/** What the dialogs report for operations: metrics, and the anonymous log of questions the bot could not answer. */
export interface TurnEvents {
  answered(context: TurnContext, outcome: AnswerResult, question: string, language: string): void;
  handedOff(kind: HandoffKind): void;
  /** A thumbs up or down on an answer; `answer` is null when the conversation no longer knows it. */
  voted(channelId: string | undefined, vote: Vote, answer: { passageId: string; question: string | null } | null): void;
}

/** Everything the dialogs use, handed down from the composition root. */
export interface DialogDeps {
  answerer: Answerer;
  /** Table questions; `null` when the knowledge has no cluster table. */
  clusters: ClusterFinder | null;
  contacts: ContactDirectory;
  replies: Replies;
  leadReplies: LeadReplies;
  passages: PassageLookup;
  memory: StatePropertyAccessor<ConversationMemory>;
  leads: LeadDeps;
  events: TurnEvents;
}
