import { boundedDistance, typoBudget } from '../text/levenshtein.js';

/**
 * Whether a (stemmed, folded) query word is present among a text's terms: the same word, the start of a longer
 * word (4+ letters), a shared stem ("innovative" ~ "innovation"), or a typo within the word's budget.
 */
export function wordPresent(word: string, terms: ReadonlySet<string>): boolean {
  if (terms.has(word)) return true;
  for (const term of terms) if (looselyEqual(word, term)) return true;
  return false;
}

/** Every term of `terms` that {@link wordPresent} would accept for `word`. */
export function matchingTerms(word: string, terms: Iterable<string>): string[] {
  const found: string[] = [];
  for (const term of terms) if (term === word || looselyEqual(word, term)) found.push(term);
  return found;
}

function looselyEqual(word: string, term: string): boolean {
  if (/^\d+$/.test(word) || /^\d+$/.test(term)) return false;
  if (word.length >= 4 && term.startsWith(word)) return true;
  const shorter = Math.min(word.length, term.length);
  if (shorter >= 5) {
    let common = 0;
    while (common < shorter && word[common] === term[common]) common++;
    if (common >= 6 || common >= shorter - 1) return true;
  }
  const budget = typoBudget(word.length);
  return budget > 0 && boundedDistance(word, term, budget) <= budget;
}
