import { boundedMemo } from '../text/memo.js';
import { QueryWords, WordMatcher } from './termMatch.js';

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

  /** A query's words, for asking many term sets which of them each holds (as {@link present} would, word by word). */
  queryWords(words: readonly string[]): QueryWords {
    return new QueryWords(this.matcher, words);
  }

  /** Whether the word (or a loose match of it) is among these terms. */
  present(word: string, terms: ReadonlySet<string>): boolean {
    return this.matcher.present(word, terms);
  }

  /** BM25-style inverse document frequency: rare words weigh more, unknown words the most. */
  weightOf(frequency: number): number {
    const n = this.documentCount;
    return Math.log(1 + (n - frequency + 0.5) / (frequency + 0.5));
  }
}
