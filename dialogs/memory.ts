import type { TranscriptEntry } from '../src/storage/leadStore.js';
import type { Language } from '../src/text/languages.js';

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
  /** Questions and the start of each reply, for the contact who takes over (kept with the state, then purged). */
  transcript: TranscriptEntry[];
  /** The contact last offered, whom a lead goes to unless the form says otherwise. */
  handoffContactId: string | null;
  /** Recent answers that can be voted on: the vote names the answer by `key` (see answerFeedback.ts). */
  recentAnswers?: RecentAnswer[];
  /** When the lead form was last shown and not sent since (ms): what is typed meanwhile may be the details for it. */
  leadFormShownAt?: number | null;
}

/** An answer shown, as a later vote on it is logged: the passage and the (anonymised) question. */
export interface RecentAnswer {
  key: string;
  passageId: string;
  /** Null when it was asked in the lead flow, whose turns the insight log keeps nothing of. */
  question: string | null;
  /** The vote already logged for it, if any. */
  voted?: 'up' | 'down';
}

/**
 * Marks a turn whose conversation state could not be loaded (the store is down): it runs on a fresh memory, and
 * nothing it asks for can be carried to the next turn (docs/security.md 40).
 */
export const MEMORY_UNAVAILABLE = Symbol('memoryUnavailable');

/** How many question/answer pairs the transcript keeps, and how much of each. */
export const TRANSCRIPT_LENGTH = 10;
const QUESTION_CHARS = 500;
const ANSWER_CHARS = 1000;

/** How many recent questions are remembered. */
export const HISTORY_LENGTH = 6;

export function newMemory(): ConversationMemory {
  return {
    language: 'en',
    welcomed: false,
    history: [],
    lastAnswer: null,
    scopes: [],
    lastClusters: null,
    transcript: [],
    handoffContactId: null,
    recentAnswers: [],
  };
}

/** Adds a question and what the bot replied to the transcript, keeping only the most recent. */
export function rememberExchange(memory: ConversationMemory, question: string, answer: string): void {
  const entry = { question: question.slice(0, QUESTION_CHARS), answer: answer.slice(0, ANSWER_CHARS) };
  memory.transcript = [...(memory.transcript ?? []), entry].slice(-TRANSCRIPT_LENGTH);
}

/** Appends a question to the history, keeping only the most recent ones. */
export function rememberQuestion(memory: ConversationMemory, question: string): void {
  memory.history = [...memory.history, question.slice(0, 500)].slice(-HISTORY_LENGTH);
}

/** Records the scope of an answer's document, most recent last, without repeats. */
export function rememberScope(memory: ConversationMemory, scope: string | undefined): void {
  if (scope) memory.scopes = [...memory.scopes.filter((s) => s !== scope), scope].slice(-2);
}
