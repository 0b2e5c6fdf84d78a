import { matchingTerms } from './termMatch.js';

/** Document frequencies of the indexed terms, for weighting the concepts of a question. */
export class Vocabulary {
  private readonly frequency: ReadonlyMap<string, number>;
  private readonly lookups = new Map<string, number>();

  /** From the passages' term sets, or from frequencies already counted (term -> passages) over `documentCount`. */
  constructor(termSets: readonly ReadonlySet<string>[]);
  constructor(frequency: ReadonlyMap<string, number>, documentCount: number);
  constructor(source: readonly ReadonlySet<string>[] | ReadonlyMap<string, number>, documentCount?: number) {
    if (source instanceof Map) {
      this.frequency = source;
      this.documentCount = documentCount ?? 0;
      return;
    }
    const termSets = source as readonly ReadonlySet<string>[];
    const frequency = new Map<string, number>();
    for (const terms of termSets) for (const t of terms) frequency.set(t, (frequency.get(t) ?? 0) + 1);
    this.frequency = frequency;
    this.documentCount = termSets.length;
  }

  readonly documentCount: number;

  /** In how many passages the word (or a loose match of it) occurs; 0 for a word the knowledge does not have. */
  frequencyOf(word: string): number {
    const cached = this.lookups.get(word);
    if (cached !== undefined) return cached;
    const exact = this.frequency.get(word);
    const value =
      exact ?? Math.max(0, ...matchingTerms(word, this.frequency.keys()).map((t) => this.frequency.get(t) ?? 0));
    if (this.lookups.size < 10_000) this.lookups.set(word, value);
    return value;
  }

  /** BM25-style inverse document frequency: rare words weigh more, unknown words the most. */
  weightOf(frequency: number): number {
    const n = this.documentCount;
    return Math.log(1 + (n - frequency + 0.5) / (frequency + 0.5));
  }
}
