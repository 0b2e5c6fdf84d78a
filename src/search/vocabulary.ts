import { WordMatcher } from './termMatch.js';

/** Document frequencies of the indexed terms, for weighting the concepts of a question. */
export class Vocabulary {
  private readonly lookups = new Map<string, number>();
  private readonly matcher: WordMatcher;

  /** From the document frequencies counted at build time (term -> passages having it) over `documentCount`. */
  constructor(
    private readonly frequency: ReadonlyMap<string, number>,
    readonly documentCount: number,
  ) {
    this.matcher = new WordMatcher(frequency);
  }

  /** In how many passages the word (or a loose match of it) occurs; 0 for a word the knowledge does not have. */
  frequencyOf(word: string): number {
    const cached = this.lookups.get(word);
    if (cached !== undefined) return cached;
    const exact = this.frequency.get(word);
    const value = exact ?? Math.max(0, ...[...this.matcher.matches(word)].map((t) => this.frequency.get(t) ?? 0));
    if (this.lookups.size < 10_000) this.lookups.set(word, value);
    return value;
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
