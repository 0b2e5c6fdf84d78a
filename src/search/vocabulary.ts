import { boundedMemo } from '../text/memo.js';
import { WordMatcher } from './termMatch.js';

/** Document frequencies of the indexed terms, for weighting the concepts of a question. */
export class Vocabulary {
  private readonly matcher: WordMatcher;
  /** In how many passages the word (or a loose match of it) occurs; 0 for a word the knowledge does not have. */
  readonly frequencyOf: (word: string) => number;

  /** From the document frequencies counted at build time (term -> passages having it) over `documentCount`. */
  constructor(
    frequency: ReadonlyMap<string, number>,
    readonly documentCount: number,
  ) {
    const matcher = new WordMatcher(frequency);
    this.matcher = matcher;
    this.frequencyOf = boundedMemo(
      (word) => frequency.get(word) ?? Math.max(0, ...[...matcher.matches(word)].map((t) => frequency.get(t) ?? 0)),
      10_000,
    );
  }

  /** Whether the word (or a loose match of it) is among these terms. */
  present(word: string, terms: ReadonlySet<string>): boolean {
    return this.matcher.present(word, terms);
  }

  /**
   * Whether the words of a phrase stand together, in this order, in one of the texts (each a list of terms in
   * order): "university hospitals" is in "36 university hospitals", not in "companies, hospitals, universities".
   */
  together(words: readonly string[], texts: readonly (readonly string[])[]): boolean {
    const at = (term: string, word: string) => term === word || this.matcher.matches(word).has(term);
    return texts.some((text) =>
      text.some((term, start) => at(term, words[0]!) && followsFrom(text, start, words, 1, at)),
    );
  }

  /** BM25-style inverse document frequency: rare words weigh more, unknown words the most. */
  weightOf(frequency: number): number {
    const n = this.documentCount;
    return Math.log(1 + (n - frequency + 0.5) / (frequency + 0.5));
  }
}

// How many terms may stand between two words of a phrase ("small and medium-sized enterprises": a compound counts
// as itself and its parts).
const PHRASE_GAP = 3;

function followsFrom(
  text: readonly string[],
  position: number,
  words: readonly string[],
  next: number,
  at: (term: string, word: string) => boolean,
): boolean {
  if (next === words.length) return true;
  for (let i = position + 1; i <= position + PHRASE_GAP && i < text.length; i++) {
    if (at(text[i]!, words[next]!) && followsFrom(text, i, words, next + 1, at)) return true;
  }
  return false;
}
