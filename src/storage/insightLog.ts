/**
 * The anonymous log editors learn from: questions the bot could not answer and votes on its answers. Entries carry
 * no conversation, user or channel account id; the text is anonymised before it is written
 * (src/operations/anonymize.ts).
 */
export interface UnansweredQuestion {
  at: number;
  channel: string;
  language: string;
  question: string;
}

export type Vote = 'up' | 'down';

export interface AnswerFeedback {
  at: number;
  channel: string;
  vote: Vote;
  /** The passage the answer was taken from; null when the answer is no longer known (the conversation expired). */
  passageId: string | null;
  /** The question the answer was for, anonymised; null when unknown. */
  question: string | null;
}

export interface InsightLog {
  recordUnanswered(entry: UnansweredQuestion): Promise<void>;
  recordFeedback(entry: AnswerFeedback): Promise<void>;
  unansweredSince(since: number): Promise<UnansweredQuestion[]>;
  feedbackSince(since: number): Promise<AnswerFeedback[]>;
  /** Deletes entries older than `before` (ms); returns how many. */
  forgetOlderThan(before: number): Promise<number>;
}
