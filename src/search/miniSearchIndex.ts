import type { default as MiniSearch, Options } from 'minisearch';
import type { KnowledgeDocument, Passage } from '../knowledge/types.js';
import { ANAPHOR } from '../text/anaphor.js';
import { tokenize } from '../text/fold.js';
import type { Glossary } from '../text/glossary.js';
import { typoBudget } from '../text/levenshtein.js';
import { boundedMemo } from '../text/memo.js';
import { stem } from '../text/stem.js';
import { EngineBuilder, type EngineData, engineOf } from './engineBuild.js';
import { engineQuery, prepareQuery, properNames } from './query.js';
import { defaultQueryLimits, type QueryLimits } from './queryLimits.js';
import { STOPWORDS } from './stopwords.js';
import { TokenTable } from './tokenTable.js';
import {
  type Candidate,
  type CandidateSearch,
  REACH_MEMO_SIZE,
  type ScoringOptions,
  TopCandidates,
} from './topCandidates.js';
import type { Concept, PassageSearch, SearchHit, SearchOptions, SearchResult } from './types.js';
import { Vocabulary } from './vocabulary.js';

/**
 * A passage and its terms. The term sets are made when a search first meets the passage (a dozen passages per
 * question), not at build: making them for every passage was a third of the build time and of the index's memory.
 */
interface IndexedPassage {
  passage: Passage;
  /** The publisher as the passage's terms read it (undefined for a document not given: read as "undefined"). */
  publisher: string | undefined;
  terms?: Set<string>;
  sentenceTerms?: Set<string>[];
  /** The texts of the passage as terms in order (text, headings, publisher), for phrases. */
  texts?: string[][];
  /** The same for each sentence (the sentence, the one it points back to, its heading). */
  sentenceTexts?: string[][][];
}

/** How much the engine's own relevance counts next to concept coverage when ordering hits. */
const ENGINE_SHARE = 0.3;
/**
 * How much a question's background counts when ordering hits: it tells apart passages that answer the question
 * equally ("how many work in medtech there?" after "We heard good things about Saxony"), and is never required.
 */
const BACKGROUND_SHARE = 0.1;

// Memoised per distinct token: a text repeats its words, and folding and stemming each occurrence was most of
// the build time (bounded: see boundedMemo).
const indexTerms = boundedMemo((term: string): string | null => {
  const folded = term.toLowerCase();
  return STOPWORDS.has(folded) ? null : stem(folded);
}, 100_000);

/** Folds, stems and drops stopwords; idempotent, so prepared query words pass through unchanged. */
export function indexTerm(term: string): string | null {
  return indexTerms(term);
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

const FIELDS = ['text', 'headings', 'document'];

/** A passage as the engine sees it (given as words to {@link EngineBuilder}, not as these strings). */
interface EngineDocument {
  id: number;
  text: string;
  headings: string;
  document: string;
}

/**
 * Everything an index is made of that is counted from its passages and documents: the engine's content and the
 * vocabulary's document frequencies (`frequencyCounts` of the term ids `frequencyTerms`). Counting it is most of an
 * index build; an index snapshot stores it (src/search/indexSnapshot.ts).
 */
export interface IndexData {
  engine: EngineData;
  frequencyTerms: Int32Array;
  frequencyCounts: Int32Array;
}

/**
 * Splits every text into words once, for the engine's fields and the vocabulary's document frequencies (the words
 * of texts joined by a space are the words of each text, one after the other).
 */
export function indexData(passages: readonly Passage[], documents: readonly KnowledgeDocument[]): IndexData {
  const table = new TokenTable(indexTerm);
  const builder = new EngineBuilder(FIELDS, table);
  const documentWords = new Map(documents.map((d) => [d.id, table.wordsOf([d.title, d.publisher ?? ''].join(' '))]));
  const publishers = new Map(documents.map((d) => [d.id, d.publisher ?? '']));
  // headings repeat from passage to passage of a section, publishers from passage to passage of a document
  const headingWords = boundedMemo((heading) => table.wordsOf(heading), Number.POSITIVE_INFINITY);
  const publisherWords = boundedMemo((publisher) => table.wordsOf(publisher), Number.POSITIVE_INFINITY);
  for (const passage of passages) {
    const text = table.wordsOf(passage.text);
    const headings = passage.headings.map((h) => headingWords(h));
    builder.add([[text], headings, [documentWords.get(passage.documentId) ?? []]]);
    // the passage's terms (see passageTerms), counted for the vocabulary
    table.countPassage(text, ...headings.slice(1), publisherWords(`${publishers.get(passage.documentId)}`));
  }
  const { terms, counts } = table.documentFrequencies();
  return { engine: builder.data(), frequencyTerms: terms, frequencyCounts: counts };
}

/** The engine's options (exported for the test that compares the fast build with MiniSearch's own `addAll`). */
export const ENGINE_OPTIONS = {
  fields: FIELDS,
  tokenize,
  processTerm: indexTerm,
  searchOptions: {
    boost: { text: 1, headings: 1.5, document: 0.3 },
    combineWith: 'OR',
    prefix: (term: string) => term.length >= 4,
    fuzzy: (term: string) => typoBudget(term.length) || false,
    maxFuzzy: 2,
    // MiniSearch's defaults, spelt out for TopCandidates, which scores as the engine does
    weights: { fuzzy: 0.45, prefix: 0.375 },
    bm25: { k: 1.2, b: 0.7, d: 0.5 },
  },
} satisfies Options<EngineDocument>;

const SCORING: ScoringOptions = { ...ENGINE_OPTIONS, ...ENGINE_OPTIONS.searchOptions };

/** MiniSearch over passages (text, heading path, document title), re-ranked by how much of the question a
 * passage covers. */
export class MiniSearchIndex implements PassageSearch {
  private readonly engine: MiniSearch<EngineDocument>;
  /** The engine's best candidates, computed over its index (undefined: the engine's own search is used). */
  private readonly candidates: TopCandidates | undefined;
  private readonly indexed: IndexedPassage[];
  private readonly vocabulary: Vocabulary;

  constructor(
    passages: readonly Passage[],
    documents: readonly KnowledgeDocument[],
    private readonly glossary: Glossary,
    private readonly limits: QueryLimits = defaultQueryLimits,
    /** How the engine's best candidates are found (see CandidateSearch). */
    candidateSearch: CandidateSearch = { memoSize: REACH_MEMO_SIZE },
    /** What was counted from these passages and documents before (an index snapshot); counted now if not given. */
    data: IndexData = indexData(passages, documents),
  ) {
    const publishers = new Map(documents.map((d) => [d.id, d.publisher ?? '']));
    // every field from the start, so that all entries share one shape
    this.indexed = passages.map((passage) => ({
      passage,
      publisher: publishers.get(passage.documentId),
      terms: undefined,
      sentenceTerms: undefined,
      texts: undefined,
      sentenceTexts: undefined,
    }));
    this.engine = engineOf(data.engine, FIELDS, ENGINE_OPTIONS);
    this.candidates =
      candidateSearch === 'miniSearch' ? undefined : TopCandidates.of(this.engine, SCORING, candidateSearch.memoSize);
    const { terms } = data.engine;
    const frequencies = new Map<string, number>();
    for (let i = 0; i < data.frequencyTerms.length; i++) {
      frequencies.set(terms[data.frequencyTerms[i]!]!, data.frequencyCounts[i]!);
    }
    this.vocabulary = new Vocabulary(frequencies, passages.length);
  }

  get size(): number {
    return this.indexed.length;
  }

  search(question: string, options: SearchOptions = {}): SearchResult {
    const prepared = prepareQuery(question, this.glossary, this.vocabulary, this.limits);
    const query =
      options.namesRequired === false
        ? { ...prepared, concepts: prepared.concepts.map((c) => ({ ...c, isName: false })) }
        : prepared;
    const text = engineQuery(query);
    if (!text) return { query, hits: [] };
    const background = options.context ? this.backgroundOf(options.context, query.concepts) : [];
    const results = this.topCandidates(text);
    const top = results[0]?.score ?? 1;
    const hits: SearchHit[] = results.map((r) => {
      const entry = this.indexed[r.id as number]!;
      const terms = passageTerms(entry);
      const coverage = coverageOf(this.vocabulary, query.concepts, terms, passageTexts(entry));
      const inBackground =
        background.length > 0 ? coverageOf(this.vocabulary, background, terms, passageTexts(entry)) : 0;
      return {
        passage: entry.passage,
        coverage,
        rank: (1 - ENGINE_SHARE) * coverage + ENGINE_SHARE * (r.score / top) + BACKGROUND_SHARE * inBackground,
        // a passage that misses a name the question asks about ("Dresden") answers something else; a name the
        // passage has counts for each of its sentences (a quote by Prof. Buchholz is about him)
        sentenceCoverage: namesPresent(this.vocabulary, query.concepts, terms)
          ? sentenceTerms(entry).map((sentence, i) =>
              coverageOf(this.vocabulary, query.concepts, sentence, sentenceTexts(entry)[i]!, terms),
            )
          : entry.passage.sentences.map(() => 0),
        sentenceBackground:
          background.length > 0
            ? sentenceTerms(entry).map((sentence, i) =>
                coverageOf(this.vocabulary, background, sentence, sentenceTexts(entry)[i]!),
              )
            : undefined,
      };
    });
    hits.sort((a, b) => b.rank - a.rank);
    return { query, hits };
  }

  /**
   * What a question that points back ("how many work there?") may point at in its background: the names there that
   * the knowledge knows ("We heard good things about Saxony"), other than those the question names itself.
   */
  private backgroundOf(context: string, asked: readonly Concept[]): Concept[] {
    const own = new Set(asked.flatMap((c) => c.alternatives.map((a) => a.join(' '))));
    const names = properNames(context);
    return prepareQuery(context, this.glossary, this.vocabulary, this.limits)
      .concepts.filter(
        (c) =>
          !c.isUnknown &&
          c.label.split(' ').every((w) => names.has(w)) &&
          !c.alternatives.some((a) => own.has(a.join(' '))),
      )
      .map((c) => ({ ...c, isName: false }));
  }

  /** The engine's best candidates for a query text, best first. */
  private topCandidates(text: string): Candidate[] {
    const count = this.limits.maxCandidates;
    if (this.candidates) return this.candidates.search(text, count);
    return this.engine.search(text).slice(0, count) as Candidate[];
  }
}

/**
 * The terms a passage covers a question with. The title heading is as broad as the document, so it never counts as
 * covering a question (the engine still ranks with it); a sentence is read under its other headings ("Facts About
 * Life Sciences in Saxony"). The publisher counts for the passage (every passage of GTAI's brochure speaks for
 * GTAI), not for each sentence, where "Germany Trade & Invest" would make every sentence look as if it were about
 * Germany.
 */
function passageTerms(entry: IndexedPassage): Set<string> {
  const { passage } = entry;
  entry.terms ??= termsOf(`${passage.text} ${passage.headings.slice(1).join(' ')} ${entry.publisher}`);
  return entry.terms;
}

/** The terms of each sentence: a sentence is read under its nearest heading only (broad section titles say little
 * about one sentence), and one that points back ("They account for …") with the sentence before it. */
function sentenceTerms(entry: IndexedPassage): Set<string>[] {
  const { passage } = entry;
  entry.sentenceTerms ??= passage.sentences.map((s, i) => {
    const before = i > 0 && ANAPHOR.test(s.text) ? passage.sentences[i - 1]!.text : '';
    return termsOf(`${before} ${s.text} ${passage.headings.slice(1).at(-1) ?? ''}`);
  });
  return entry.sentenceTerms;
}

/** A text's terms in order, as the index reads them. */
function termList(text: string): string[] {
  const terms: string[] = [];
  for (const token of tokenize(text)) {
    const term = indexTerm(token);
    if (term) terms.push(term);
  }
  return terms;
}

function passageTexts(entry: IndexedPassage): string[][] {
  const { passage } = entry;
  entry.texts ??= [passage.text, ...passage.headings.slice(1), `${entry.publisher}`].map(termList);
  return entry.texts;
}

function sentenceTexts(entry: IndexedPassage): string[][][] {
  const { passage } = entry;
  const heading = termList(passage.headings.slice(1).at(-1) ?? '');
  entry.sentenceTexts ??= passage.sentences.map((s, i) => {
    const before = i > 0 && ANAPHOR.test(s.text) ? [termList(passage.sentences[i - 1]!.text)] : [];
    return [termList(s.text), ...before, heading];
  });
  return entry.sentenceTexts;
}

/** Whether every proper name the question asks about is present in a set of terms. */
function namesPresent(vocabulary: Vocabulary, concepts: readonly Concept[], terms: ReadonlySet<string>): boolean {
  return concepts.every(
    (c) => !c.isName || c.alternatives.some((words) => words.every((w) => vocabulary.present(w, terms))),
  );
}

/** Share of the concepts' weight present in a set of terms. */
function coverageOf(
  vocabulary: Vocabulary,
  concepts: readonly Concept[],
  terms: ReadonlySet<string>,
  /** The same text as terms in order: the words of a phrase must stand together there. */
  texts: readonly (readonly string[])[],
  namesContext: ReadonlySet<string> = terms,
): number {
  let total = 0;
  let present = 0;
  for (const c of concepts) {
    total += c.weight;
    const where = c.isName ? namesContext : terms;
    const holds = (words: readonly string[]) =>
      words.every((w) => vocabulary.present(w, terms) || vocabulary.present(w, where)) &&
      (words.length < 2 || c.isName || vocabulary.together(words, texts));
    if (c.alternatives.some(holds)) present += c.weight;
  }
  return total === 0 ? 0 : present / total;
}
