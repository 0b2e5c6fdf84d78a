// The asks of a message: its sentences, and the clauses of a question that asks two things.

const messageSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

// Where a second ask begins: "…, and where did he come from?", "owner + product", "und wo …".
const CLAUSE_BREAK =
  /\s*(?:,\s*(?:and|und)\s+|\s(?:and|und)\s+|\s*\+\s*)(?=(?:what|which|where|when|who|whom|whose|how|why|from where|in which|wo|wann|wer|was|welche[nrs]?|wie|woher)\b)|\s+\+\s+/i;

/** The asks of a question, when it has more than one (at most three). */
export function splitClauses(text: string): string[] {
  return text
    .split(CLAUSE_BREAK)
    .map((c) => c.trim())
    .filter((c) => c.length > 3)
    .slice(0, 3);
}

/** The sentences of a message (at most six). */
export function splitMessage(text: string): string[] {
  return [...messageSegmenter.segment(text)]
    .map((s) => s.segment.trim())
    .filter((s) => s.length > 3)
    .slice(0, 6);
}
