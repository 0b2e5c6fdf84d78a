import type MiniSearch from 'minisearch';
import { boundedMemo } from '../text/memo.js';
import { FieldPostings } from './postings.js';

/** One term's postings as the engine holds them: field id -> document id -> occurrences (see postings.ts). */
interface Postings {
  get(fieldId: number): ReadonlyMap<number, number> | FieldPostings | undefined;
}

/** A passage's id in the engine and its relevance: what `MiniSearch.search` gives, as far as it is used. */
export interface Candidate {
  id: unknown;
  score: number;
}

/** MiniSearch's term index and document statistics, as far as they are read here (private fields of 7.x). */
interface EngineInternals {
  _index: {
    get(term: string): Postings | undefined;
    atPrefix(prefix: string): Iterable<[string, Postings]>;
    fuzzyGet(term: string, maxDistance: number): Map<string, [Postings, number]>;
  };
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _documentCount: number;
  _documentIds: Map<number, unknown>;
}

/** The options the engine's search runs with: those of the index, with MiniSearch's defaults spelt out. */
export interface ScoringOptions {
  fields: readonly string[];
  tokenize: (text: string) => string[];
  processTerm: (term: string) => string | null;
  boost: Record<string, number>;
  prefix: (term: string) => boolean;
  fuzzy: (term: string) => number | false;
  weights: { fuzzy: number; prefix: number };
  bm25: { k: number; b: number; d: number };
}

/** A term of the index that a query term reaches (itself, a longer word it starts, or a near spelling). */
interface Derived {
  weight: number;
  postings: Postings;
}

/** Distinct query terms whose reach is remembered (see boundedMemo): each holds a few dozen terms at most. */
export const REACH_MEMO_SIZE = 5_000;

/**
 * How an index finds the engine's best candidates: over the engine's index, remembering the reach of this many query
 * terms (the default), or with MiniSearch's own `search`, remembering nothing (the reference the tests compare with).
 */
export type CandidateSearch = { memoSize: number } | 'miniSearch';

/**
 * The engine's best candidates for a query, exactly as `MiniSearch.search(text).slice(0, count)` ranks them (same
 * passages, same scores, same order, ties included), computed over the engine's own index.
 *
 * Why: MiniSearch builds a result object for every matching passage and term, and sorts them all. With a large
 * library that is most of a question's time (0.6 s at 61,000 passages), though only the best dozen are used. Here
 * the scores are summed in typed arrays in the engine's own order (so every floating-point sum is the same), and
 * only the best `count` are kept. The terms a query term reaches (prefix and fuzzy look-ups of the term tree) are
 * remembered: the index never changes once built.
 */
export class TopCandidates {
  private readonly index: EngineInternals['_index'];
  private readonly documentIds: Map<number, unknown>;
  private readonly documentCount: number;
  /** Field lengths by field, then document (the engine's short ids are 0..count-1). */
  private readonly fieldLengths: Float64Array[];
  private readonly averageFieldLengths: number[];
  private readonly fieldIds: number[];
  private readonly fieldBoosts: number[];
  private readonly reach: (term: string) => Derived[];
  // scratch, by document: the query's score so far, the current query term's, and which ones were set
  private readonly total: Float64Array;
  private readonly termScore: Float64Array;
  private readonly matched: Int32Array;
  private readonly totalStamp: Int32Array;
  private readonly termStamp: Int32Array;
  private stamp = 0;
  private termStamps = 0;

  private constructor(
    engine: EngineInternals,
    private readonly options: ScoringOptions,
    memoSize: number,
  ) {
    this.index = engine._index;
    this.documentIds = engine._documentIds;
    const count = engine._documentCount;
    this.documentCount = count;
    this.fieldIds = options.fields.map((field) => engine._fieldIds[field]!);
    this.fieldBoosts = options.fields.map((field) => options.boost[field] || 1);
    this.averageFieldLengths = engine._avgFieldLength;
    this.fieldLengths = this.fieldIds.map((fieldId) => {
      const lengths = new Float64Array(count);
      for (const [id, fieldLength] of engine._fieldLength) lengths[id] = fieldLength[fieldId]!;
      return lengths;
    });
    this.reach = boundedMemo((term) => this.derived(term), memoSize);
    this.total = new Float64Array(count);
    this.termScore = new Float64Array(count);
    this.matched = new Int32Array(count);
    this.totalStamp = new Int32Array(count);
    this.termStamp = new Int32Array(count);
  }

  /**
   * For an engine whose index is laid out as MiniSearch 7 lays it out, with documents numbered 0..count-1 as
   * {@link EngineBuilder} numbers them; otherwise undefined (the caller then uses `MiniSearch.search`).
   */
  static of<T>(engine: MiniSearch<T>, options: ScoringOptions, memoSize = REACH_MEMO_SIZE): TopCandidates | undefined {
    const internals = engine as unknown as Partial<EngineInternals>;
    const index = internals._index;
    const ids = internals._documentIds;
    const fits =
      typeof index?.get === 'function' &&
      typeof index.atPrefix === 'function' &&
      typeof index.fuzzyGet === 'function' &&
      internals._fieldLength instanceof Map &&
      Array.isArray(internals._avgFieldLength) &&
      typeof internals._documentCount === 'number' &&
      ids instanceof Map &&
      ids.size === internals._documentCount &&
      [...ids.keys()].every((id, i) => id === i) &&
      options.fields.every((field) => typeof internals._fieldIds?.[field] === 'number');
    return fits ? new TopCandidates(internals as EngineInternals, options, memoSize) : undefined;
  }

  /** The `count` best candidates for the query text, best first. */
  search(text: string, count: number): Candidate[] {
    const terms = this.options
      .tokenize(text)
      .map((t) => this.options.processTerm(t))
      .filter((t): t is string => !!t);
    const stamp = ++this.stamp;
    // documents in the order the engine first meets them: its order among equal scores
    const order: number[] = [];
    for (const [position, term] of terms.entries()) {
      const termStamp = ++this.termStamps;
      const touched: number[] = [];
      for (const derived of this.reach(term)) this.addDerived(derived, termStamp, touched);
      // a query term counts once towards a document's number of matched terms, however often it is given
      const firstTime = terms.indexOf(term) === position;
      for (const id of touched) {
        const score = this.termScore[id]!;
        if (this.totalStamp[id] !== stamp) {
          this.totalStamp[id] = stamp;
          this.total[id] = score;
          this.matched[id] = 1;
          order.push(id);
        } else {
          this.total[id] = this.total[id]! + score;
          if (firstTime) this.matched[id]!++;
        }
      }
    }
    return this.best(order, count);
  }

  /** Adds one reached term's scores to the current query term's, as MiniSearch's `termResults` does. */
  private addDerived(derived: Derived, termStamp: number, touched: number[]): void {
    const { k, b, d } = this.options.bm25;
    const k1 = k + 1;
    const { termScore, termStamp: stamps, documentCount } = this;
    for (let f = 0; f < this.fieldIds.length; f++) {
      const documents = derived.postings.get(this.fieldIds[f]!);
      if (!documents) continue;
      const matching = documents.size;
      const idf = Math.log(1 + (documentCount - matching + 0.5) / (matching + 0.5));
      const factor = derived.weight * this.fieldBoosts[f]!;
      const lengths = this.fieldLengths[f]!;
      const average = this.averageFieldLengths[this.fieldIds[f]!]!;
      if (documents instanceof FieldPostings) {
        const { documents: ids, occurrences } = documents;
        for (let i = 0; i < ids.length; i++) {
          const id = ids[i]!;
          const tf = occurrences[i]!;
          const weighted = factor * (idf * (d + (tf * k1) / (tf + k * (1 - b + (b * lengths[id]!) / average))));
          if (stamps[id] !== termStamp) {
            stamps[id] = termStamp;
            termScore[id] = weighted;
            touched.push(id);
          } else {
            termScore[id] = termScore[id]! + weighted;
          }
        }
        continue;
      }
      for (const [id, tf] of documents) {
        const weighted = factor * (idf * (d + (tf * k1) / (tf + k * (1 - b + (b * lengths[id]!) / average))));
        if (stamps[id] !== termStamp) {
          stamps[id] = termStamp;
          termScore[id] = weighted;
          touched.push(id);
        } else {
          termScore[id] = termScore[id]! + weighted;
        }
      }
    }
  }

  /** The `count` highest scores (score times matched terms), the first met first among equals. */
  private best(order: readonly number[], count: number): Candidate[] {
    const top: Candidate[] = [];
    for (const id of order) {
      const score = this.total[id]! * this.matched[id]!;
      if (top.length === count && !(score > top[count - 1]!.score)) continue;
      let at = top.length;
      while (at > 0 && score > top[at - 1]!.score) at--;
      top.splice(at, 0, { id, score });
      if (top.length > count) top.pop();
    }
    return top.map((c) => ({ id: this.documentIds.get(c.id as number), score: c.score }));
  }

  /** The terms a query term reaches, with their weights, in the order MiniSearch's `executeQuerySpec` adds them. */
  private derived(term: string): Derived[] {
    const found: Derived[] = [];
    const exact = this.index.get(term);
    if (exact) found.push({ weight: 1, postings: exact });
    const { prefix: prefixWeight, fuzzy: fuzzyWeight } = this.options.weights;
    const maxDistance = this.options.fuzzy(term);
    const fuzzy = maxDistance ? this.index.fuzzyGet(term, maxDistance) : undefined;
    if (this.options.prefix(term)) {
      for (const [longer, postings] of this.index.atPrefix(term)) {
        const distance = longer.length - term.length;
        if (!distance) continue;
        fuzzy?.delete(longer);
        found.push({ weight: (prefixWeight * longer.length) / (longer.length + 0.3 * distance), postings });
      }
    }
    for (const [near, [postings, distance]] of fuzzy ?? []) {
      if (!distance) continue;
      found.push({ weight: (fuzzyWeight * near.length) / (near.length + distance), postings });
    }
    return found;
  }
}
