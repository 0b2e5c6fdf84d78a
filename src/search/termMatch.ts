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
  outsideVocabulary(terms: ReadonlySet<string>): string[] {
    let list = this.outside.get(terms);
    if (!list) {
      list = [...terms].filter((t) => !this.vocabulary.has(t));
      this.outside.set(terms, list);
    }
    return list;
  }
}

/**
 * A query's words, for asking many term sets which of the words each holds: the answer for every word is
 * {@link WordMatcher.present}'s, found by reading each set's terms once (a term names the words it matches) instead
 * of asking the set about every word and each of its matching terms in turn.
 */
export class QueryWords {
  /** Every term that makes a word present (the word itself and its vocabulary matches) -> those words' indexes. */
  private readonly byTerm = new Map<string, number[]>();

  constructor(
    private readonly matcher: WordMatcher,
    readonly words: readonly string[],
  ) {
    const add = (term: string, index: number) => {
      const list = this.byTerm.get(term);
      if (!list) this.byTerm.set(term, [index]);
      else if (list.at(-1) !== index) list.push(index);
    };
    words.forEach((word, index) => {
      add(word, index);
      for (const term of matcher.matches(word)) add(term, index);
    });
  }

  /** Which of the words are present among the terms: 1 at a word's index where `present(word, terms)` is true. */
  presentIn(terms: ReadonlySet<string>): Uint8Array {
    const present = new Uint8Array(this.words.length);
    // from the smaller side: a passage has more terms than a question reaches, a sentence fewer
    if (terms.size <= this.byTerm.size) {
      for (const term of terms) {
        const indexes = this.byTerm.get(term);
        if (indexes) for (const index of indexes) present[index] = 1;
      }
    } else {
      for (const [term, indexes] of this.byTerm) if (terms.has(term)) for (const index of indexes) present[index] = 1;
    }
    const outside = this.matcher.outsideVocabulary(terms);
    if (outside.length === 0) return present;
    this.words.forEach((word, index) => {
      if (!present[index] && outside.some((term) => looselyEqual(word, term))) present[index] = 1;
    });
    return present;
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
