import MiniSearch from 'minisearch';
import type { KnowledgeDocument, Passage } from '../knowledge/types.js';
import { tokenize } from '../text/fold.js';
import type { Glossary } from '../text/glossary.js';
import { typoBudget } from '../text/levenshtein.js';
import { stem } from '../text/stem.js';
import { engineQuery, prepareQuery } from './query.js';
import { defaultQueryLimits, type QueryLimits } from './queryLimits.js';
import { STOPWORDS } from './stopwords.js';
import { wordPresent } from './termMatch.js';
import type { Concept, PassageSearch, SearchHit, SearchResult } from './types.js';
import { Vocabulary } from './vocabulary.js';

interface IndexedPassage {
  passage: Passage;
  terms: Set<string>;
  sentenceTerms: Set<string>[];
}

/** How much the engine's own relevance counts next to concept coverage when ordering hits. */
const ENGINE_SHARE = 0.3;

/** Folds, stems and drops stopwords; idempotent, so prepared query words pass through unchanged. */
export function indexTerm(term: string): string | null {
  const folded = term.toLowerCase();
  return STOPWORDS.has(folded) ? null : stem(folded);
}

/** Terms of a text as the index stores them. */
export function termsOf(text: string): Set<string> {
  const terms = new Set<string>();
  for (const token of tokenize(text)) {
    const term = indexTerm(token);
    if (term) terms.add(term);
  }
  return terms;
}

/** MiniSearch over passages (text, heading path, document title), re-ranked by how much of the question a
 * passage covers. */
export class MiniSearchIndex implements PassageSearch {
  private readonly engine: MiniSearch<{ id: number; text: string; headings: string; document: string }>;
  private readonly indexed: IndexedPassage[];
  private readonly vocabulary: Vocabulary;

  constructor(
    passages: readonly Passage[],
    documents: readonly KnowledgeDocument[],
    private readonly glossary: Glossary,
    private readonly limits: QueryLimits = defaultQueryLimits,
  ) {
    const documentText = new Map(documents.map((d) => [d.id, [d.title, d.publisher ?? ''].join(' ')]));
    this.engine = new MiniSearch({
      fields: ['text', 'headings', 'document'],
      tokenize,
      processTerm: indexTerm,
      searchOptions: {
        boost: { text: 1, headings: 1.5, document: 0.3 },
        combineWith: 'OR',
        prefix: (term) => term.length >= 4,
        fuzzy: (term) => typoBudget(term.length) || false,
        maxFuzzy: 2,
      },
    });
    const rows = passages.map((p, id) => ({
      id,
      text: p.text,
      headings: p.headings.join(' '),
      document: documentText.get(p.documentId) ?? '',
    }));
    this.engine.addAll(rows);
    const publishers = new Map(documents.map((d) => [d.id, d.publisher ?? '']));
    this.indexed = passages.map((passage) => {
      // The title heading is as broad as the document, so it never counts as covering a question (the engine
      // still ranks with it); a sentence is read under its other headings ("Facts About Life Sciences in Saxony").
      // The publisher counts for the passage (every passage of GTAI's brochure speaks for GTAI), not for each
      // sentence, where "Germany Trade & Invest" would make every sentence look as if it were about Germany.
      const context = passage.headings.slice(1).join(' ');
      return {
        passage,
        terms: termsOf(`${passage.text} ${context} ${publishers.get(passage.documentId)}`),
        // a sentence is read under its nearest heading only: broad section titles say little about one sentence
        sentenceTerms: passage.sentences.map((s) => termsOf(`${s.text} ${passage.headings.slice(1).at(-1) ?? ''}`)),
      };
    });
    this.vocabulary = new Vocabulary(this.indexed.map((p) => p.terms));
  }

  get size(): number {
    return this.indexed.length;
  }

  search(question: string): SearchResult {
    const query = prepareQuery(question, this.glossary, this.vocabulary, this.limits);
    const text = engineQuery(query);
    if (!text) return { query, hits: [] };
    const results = this.engine.search(text).slice(0, this.limits.maxCandidates);
    const top = results[0]?.score ?? 1;
    const hits: SearchHit[] = results.map((r) => {
      const entry = this.indexed[r.id as number]!;
      const coverage = coverageOf(query.concepts, entry.terms);
      return {
        passage: entry.passage,
        coverage,
        rank: (1 - ENGINE_SHARE) * coverage + ENGINE_SHARE * (r.score / top),
        // a passage that misses a name the question asks about ("Dresden") answers something else; a name the
        // passage has counts for each of its sentences (a quote by Prof. Buchholz is about him)
        sentenceCoverage: namesPresent(query.concepts, entry.terms)
          ? entry.sentenceTerms.map((terms) => coverageOf(query.concepts, terms, entry.terms))
          : entry.sentenceTerms.map(() => 0),
      };
    });
    hits.sort((a, b) => b.rank - a.rank);
    return { query, hits };
  }
}

/** Whether every proper name the question asks about is present in a set of terms. */
export function namesPresent(concepts: readonly Concept[], terms: ReadonlySet<string>): boolean {
  return concepts.every((c) => !c.isName || c.alternatives.some((words) => words.every((w) => wordPresent(w, terms))));
}

/** Share of the concepts' weight present in a set of terms. */
export function coverageOf(
  concepts: readonly Concept[],
  terms: ReadonlySet<string>,
  namesContext: ReadonlySet<string> = terms,
): number {
  let total = 0;
  let present = 0;
  for (const c of concepts) {
    total += c.weight;
    const where = c.isName ? namesContext : terms;
    if (c.alternatives.some((words) => words.every((w) => wordPresent(w, terms) || wordPresent(w, where)))) {
      present += c.weight;
    }
  }
  return total === 0 ? 0 : present / total;
}
