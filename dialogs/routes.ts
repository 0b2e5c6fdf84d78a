import { isLeadSubmission } from '../src/leads/leadForm.js';
import { phraseWords } from '../src/text/fold.js';
import { ANSWER_DIALOG } from './answerDialog.js';
import { CLUSTER_DIALOG } from './clusterDialog.js';
import { CONTACT_DIALOG } from './contactDialog.js';
import type { DialogDeps } from './dialogTypes.js';
import { HANDOFF_DIALOG, isStartLead } from './handoffDialog.js';
import { INTENT_PATTERNS } from './intents.js';
import { LEAD_SUBMIT_DIALOG } from './leadSubmitDialog.js';
import type { ConversationMemory } from './memory.js';
import { MORE_DIALOG } from './moreDialog.js';
import { SMALLTALK_DIALOG, type SmalltalkKind } from './smalltalkDialog.js';

/** What a route looks at: the text as typed, its folded form, a card's data, and the conversation so far. */
export interface RouteInput {
  text: string;
  folded: string;
  /** The whole message folded, greetings, background and all (a lead request may stand anywhere in it). */
  whole: string;
  value: unknown;
  memory: ConversationMemory;
}

/** One line of the route table: when it applies, which dialog handles it, with which extra options. */
export interface Route {
  id: string;
  dialogId: string;
  /** Whether the route takes the message; may return options for its dialog (what it recognised). */
  matches(input: RouteInput, deps: DialogDeps): boolean | object;
  options?: { kind: SmalltalkKind };
}

const smalltalk = (
  kind: SmalltalkKind,
  matches: Route['matches'] = ({ folded }) => INTENT_PATTERNS[kind].test(folded),
): Route => ({ id: kind, dialogId: SMALLTALK_DIALOG, matches, options: { kind } });

// Thanks opens the sentence, after at most two words ("ok great, thank you for the information").
const THANKS_OPENING = /^(?:[a-z]+ ){0,2}(?:thanks?|thank you|thx|cheers|danke|vielen dank)\b/;

/** Thanks that asks nothing: "Thanks a lot!", "thank you for the information", "ok, many thanks for your help". */
function isThanks(text: string, folded: string): boolean {
  return INTENT_PATTERNS.thanks.test(folded) || (!text.includes('?') && THANKS_OPENING.test(folded));
}

/** The route table, matched in order; the last route takes every question. */
export const ROUTES: readonly Route[] = [
  { id: 'submitLead', dialogId: LEAD_SUBMIT_DIALOG, matches: ({ value }) => isLeadSubmission(value) },
  {
    id: 'lead',
    dialogId: HANDOFF_DIALOG,
    matches: ({ whole, value }) => isStartLead(value) || INTENT_PATTERNS.lead.test(whole),
  },
  smalltalk('cancel'),
  smalltalk('greeting'),
  smalltalk('thanks', ({ text, folded }) => isThanks(text, folded)),
  smalltalk('help'),
  {
    id: 'more',
    dialogId: MORE_DIALOG,
    matches: ({ folded, memory }) => memory.lastAnswer !== null && INTENT_PATTERNS.more.test(folded),
  },
  {
    id: 'contact',
    dialogId: CONTACT_DIALOG,
    matches: ({ text, folded }, deps) =>
      INTENT_PATTERNS.contact.test(folded) || deps.contacts.named(text) !== undefined,
  },
  {
    id: 'cluster',
    dialogId: CLUSTER_DIALOG,
    matches: ({ text, memory }, deps) => {
      const result = deps.clusters?.answer(text, memory.lastClusters ?? null, memory.history.at(-1));
      return result ? { result } : false;
    },
  },
  { id: 'question', dialogId: ANSWER_DIALOG, matches: () => true },
];

/** A greeting or thanks on its own ("Hi!", "Thanks a lot!"): no part of a question. */
export function isSocial(sentence: string): boolean {
  const folded = foldForRouting(sentence);
  return INTENT_PATTERNS.greeting.test(folded) || isThanks(sentence, folded);
}

/** The folded form routes match on: lower case, no accents, single spaces, no punctuation. */
export function foldForRouting(text: string): string {
  return phraseWords(text).join(' ');
}
