import { boundedDistance, typoBudget } from '../text/levenshtein.js';
import { boundedMemo } from '../text/memo.js';
import { SortedTerms } from './sortedTerms.js';

/**
 * Every term of `terms` that matches a (stemmed, folded) query word: the same word, the start of a longer word (4+
 * letters), a shared stem ("innovative" ~ "innovation"), or a typo within the word's budget.
 */
export function matchingTerms(word: string, terms: Iterable<string>): string[] {
  const found: string[] = [];
  for (const term of terms) if (term === word || looselyEqual(word, term)) found.push(term);
  return found;
}

/**
 * Whether a query word is present among a text's terms (as {@link matchingTerms} matches), fast for texts drawn
 * from one vocabulary: the vocabulary terms a word matches are found once per word and remembered, so checking a
 * dozen passages and each of their sentences is set lookups instead of edit distances. A term outside the
 * vocabulary is still compared the slow way, so the answer is the same for any set.
 */
export class WordMatcher {
  /** Every vocabulary term the word matches (words remembered: see boundedMemo). */
  readonly matches: (word: string) => ReadonlySet<string>;
  private readonly sorted: SortedTerms;

  constructor(private readonly vocabulary: { has(term: string): boolean; keys(): Iterable<string> }) {
    this.sorted = new SortedTerms(vocabulary.keys());
    this.matches = boundedMemo((word) => this.find(word), 10_000);
  }

  /**
   * The vocabulary terms a word matches, found without comparing it with every term (that took a second per question
   * with a 100,000-passage library): the word itself; among the terms sharing its first four letters (all that a
   * longer word it starts or a shared stem can be), those that are; and the terms within its typo budget.
   */
  private find(word: string): Set<string> {
    const found = new Set<string>();
    if (this.vocabulary.has(word)) found.add(word);
    if (isNumber(word)) return found;
    if (word.length >= 4) {
      for (const term of this.sorted.withPrefix(word.slice(0, 4))) {
        if (!isNumber(term) && startsOrShares(word, term)) found.add(term);
      }
    }
    const budget = typoBudget(word.length);
    if (budget > 0) for (const term of this.sorted.within(word, budget)) if (!isNumber(term)) found.add(term);
    return found;
  }

  present(word: string, terms: ReadonlySet<string>): boolean {
    if (terms.has(word)) return true;
    const found = this.matches(word);
    // whether the two sets meet, looked for from the smaller (a short word reaches many terms, a sentence has few)
    if (found.size <= terms.size) {
      for (const term of found) if (terms.has(term)) return true;
    } else {
      for (const term of terms) if (found.has(term)) return true;
    }
    for (const term of this.outsideVocabulary(terms)) if (looselyEqual(word, term)) return true;
    return false;
  }

  private readonly outside = new WeakMap<ReadonlySet<string>, string[]>();

  /** The terms of a set that the vocabulary does not have (none, for a passage's), found once per set. */
  private outsideVocabulary(terms: ReadonlySet<string>): string[] {
    let list = this.outside.get(terms);
    if (!list) {
      list = [...terms].filter((t) => !this.vocabulary.has(t));
      this.outside.set(terms, list);
    }
    return list;
  }
}

function looselyEqual(word: string, term: string): boolean {
  if (isNumber(word) || isNumber(term)) return false;
  if (startsOrShares(word, term)) return true;
  const budget = typoBudget(word.length);
  return budget > 0 && boundedDistance(word, term, budget) <= budget;
}

/** The word starts the term (4+ letters), or both share a stem: all but the last letter of the shorter, or six. */
function startsOrShares(word: string, term: string): boolean {
  if (word.length >= 4 && term.startsWith(word)) return true;
  const shorter = Math.min(word.length, term.length);
  if (shorter < 5) return false;
  let common = 0;
  while (common < shorter && word[common] === term[common]) common++;
  return common >= 6 || common >= shorter - 1;
}

/** Digits only: figures are compared exactly, never as typos of each other. */
function isNumber(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}
