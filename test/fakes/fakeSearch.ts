import type { Passage } from '../../src/knowledge/types.js';
import type { PassageSearch, SearchHit, SearchResult } from '../../src/search/types.js';

/** A passage for tests: one sentence under a heading path. */
export function passage(id: string, headings: string[], text: string): Passage {
  return { id, documentId: 'doc', headings, sentences: [{ text, isListItem: false }], text };
}

/** A PassageSearch that returns fixed hits, to put the answerer in situations real text rarely produces. */
export class FakeSearch implements PassageSearch {
  constructor(private readonly hits: SearchHit[]) {}

  readonly size = 1;

  search(): SearchResult {
    return {
      query: {
        concepts: [],
        unknownTopic: false,
        wantsNumber: false,
        wantsCount: false,
        counted: [],
        countsReferent: false,
        wantsShare: false,
        statesClaim: false,
        truncated: false,
      },
      hits: this.hits,
    };
  }
}
