import type { Language } from '../replies/templates.js';

/** What the bot remembers of a conversation between turns (kept in the conversation state store). */
export interface ConversationMemory {
  language: Language;
  welcomed: boolean;
  /** The investor's recent questions, newest last (for routing a handoff and for follow-ups). */
  history: string[];
  /** The last extract shown, for "tell me more". */
  lastAnswer: { passageId: string; shown: number[] } | null;
  /** Scopes (`saxony`, `germany`) of the documents recent answers came from. */
  scopes: string[];
  /** Clusters of the last table answer, which a follow-up ("which of those…") narrows down. */
  lastClusters: string[] | null;
}

/** How many recent questions are remembered. */
export const HISTORY_LENGTH = 6;

export function newMemory(): ConversationMemory {
  return { language: 'en', welcomed: false, history: [], lastAnswer: null, scopes: [], lastClusters: null };
}

/** Appends a question to the history, keeping only the most recent ones. */
export function rememberQuestion(memory: ConversationMemory, question: string): void {
  memory.history = [...memory.history, question.slice(0, 500)].slice(-HISTORY_LENGTH);
}

/** Records the scope of an answer's document, most recent last, without repeats. */
export function rememberScope(memory: ConversationMemory, scope: string | undefined): void {
  if (scope) memory.scopes = [...memory.scopes.filter((s) => s !== scope), scope].slice(-2);
}
