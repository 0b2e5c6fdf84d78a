/** Caps applied before any search work, so that no input can stall the event loop. */
export interface QueryLimits {
  /** Characters of a question that are read (default 500). */
  maxChars: number;
  /** Content words searched for (default 32). */
  maxTerms: number;
  /** Candidates re-ranked after the engine's search (default 12). */
  maxCandidates: number;
}

export const defaultQueryLimits: QueryLimits = { maxChars: 500, maxTerms: 32, maxCandidates: 12 };
