import type MiniSearch from 'minisearch';
import { boundedMemo } from '../text/memo.js';

/** A fuzzy look-up's answer: each near term with its postings and edit distance. */
type FuzzyMatches = Map<string, [unknown, number]>;
/** MiniSearch's term index, as far as it is used here. */
interface FuzzyIndex {
  fuzzyGet(term: string, maxDistance: number): FuzzyMatches;
}

/** Distinct (term, distance) look-ups remembered (see boundedMemo): each holds a few dozen near terms at most. */
export const FUZZY_MEMO_SIZE = 5_000;

/**
 * Remembers the engine's fuzzy term look-ups; true when it could.
 *
 * Why: walking the term tree for every word within one or two edits of each question word was 40 % of a search,
 * and investors use the same words again and again. The index never changes after it is built, so a remembered
 * answer stays right. MiniSearch deletes entries from the map it gets, so each call gets a copy. When the engine's
 * term index is not laid out as expected (another MiniSearch version), nothing is remembered.
 */
export function memoizeFuzzyLookups(engine: MiniSearch<never>, size = FUZZY_MEMO_SIZE): boolean {
  const index = (engine as unknown as { _index?: Partial<FuzzyIndex> })._index;
  if (typeof index?.fuzzyGet !== 'function') return false;
  const lookUp = index.fuzzyGet.bind(index);
  const remembered = boundedMemo((key) => {
    const split = key.indexOf(':');
    return lookUp(key.slice(split + 1), Number(key.slice(0, split)));
  }, size);
  index.fuzzyGet = (term, maxDistance) => new Map(remembered(`${maxDistance}:${term}`));
  return true;
}
