import { tokenize } from '../text/fold.js';
import { boundedMemo } from '../text/memo.js';
import { stem } from '../text/stem.js';
import { STOPWORDS } from './stopwords.js';

// Memoised per distinct token: a text repeats its words, and folding and stemming each occurrence was most of
// the build time (bounded: see boundedMemo).
const indexTerms = boundedMemo((term: string): string | null => {
  const folded = term.toLowerCase();
  return STOPWORDS.has(folded) ? null : stem(folded);
}, 100_000);

/** Folds, stems and drops stopwords; idempotent, so prepared query words pass through unchanged. */
export function indexTerm(term: string): string | null {
  return indexTerms(term);
}

/** Terms of a text as the index stores them. */
export function termsOf(text: string): Set<string> {
  const terms = new Set<string>();
  for (const token of tokenize(text)) {
    const term = indexTerm(token);
    if (term) terms.add(term);
  }
  return terms;
}

/** A text's terms in order, as the index reads them. */
export function termList(text: string): string[] {
  const terms: string[] = [];
  for (const token of tokenize(text)) {
    const term = indexTerm(token);
    if (term) terms.push(term);
  }
  return terms;
}
