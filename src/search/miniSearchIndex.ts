import type { default as MiniSearch, Options } from 'minisearch';
import type { KnowledgeDocument, Passage } from '../knowledge/types.js';
import { tokenize } from '../text/fold.js';
import type { Glossary } from '../text/glossary.js';
import { typoBudget } from '../text/levenshtein.js';
import { boundedMemo } from '../text/memo.js';
import { EngineBuilder, type EngineData } from './engineBuild.js';
import { engineOf } from './engineLoad.js';
import { indexTerm } from './indexTerms.js';
import {
  coverageOf,
  type IndexedPassage,
  namedInDocuments,
  namesPresent,
  passageTerms,
  passageTexts,
  sentenceTerms,
  sentenceTexts,
  subjectTerms,
} from './passageCoverage.js';
import { engineQuery, prepareQuery, properNames } from './query.js';
import { defaultQueryLimits, type QueryLimits } from './queryLimits.js';
import { TokenTable } from './tokenTable.js';
import {
  type Candidate,
  type CandidateSearch,
  REACH_MEMO_SIZE,
  type ScoringOptions,
  TopCandidates,
} from './topCandidates.js';
import type { Concept, PassageSearch, PreparedQuery, SearchHit, SearchOptions, SearchResult } from './types.js';
import { Vocabulary } from './vocabulary.js';

export { indexTerm, termsOf } from './indexTerms.js';

/** Texts whose reading a search remembers: the searches of one message (see MiniSearchIndex.read). */
const RECENT_READINGS = 6;

/** How much the engine's own relevance counts next to concept coverage when ordering hits. */
const ENGINE_SHARE = 0.3;
/**
 * How much a question's background counts when ordering hits: it tells apart passages that answer the question
 * equally ("how many work in medtech there?" after "We heard good things about Saxony"), and is never required.
 */
const BACKGROUND_SHARE = 0.1;
/** The weight of a word the knowledge lacks when a premise is searched without its claims (see SearchOptions). */
const CLAIMED_WEIGHT = 0.4;

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
      subject: undefined,
      texts: undefined,
      sentenceTexts: undefined,
      occurrences: undefined,
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

  /**
   * The question's hits. One message searches the same text with the same options more than once (an answer that
   * found nothing looks again for the nearest sentence): the last few results are kept, as the readings are (see
   * {@link read}), and only those: a question asked again later is searched again.
   */
  search(question: string, options: SearchOptions = {}): SearchResult {
    const key = `${options.namesRequired === false ? 'relaxed' : 'strict'}\u0000${options.context ?? ''}\u0000${question}`;
    const recent = this.recentResults;
    const at = recent.findIndex((r) => r.key === key);
    if (at >= 0) return recent[at]!.result;
    const result = this.find(question, options);
    recent.unshift({ key, result });
    if (recent.length > RECENT_READINGS) recent.pop();
    return result;
  }

  private readonly recentResults: { key: string; result: SearchResult }[] = [];

  private find(question: string, options: SearchOptions): SearchResult {
    const prepared = this.read(question);
    const query =
      options.namesRequired === false
        ? // a claim's own words ("a small slice", "initiated by the government") are what the documents contradict:
          // words they lack weigh as the commonest word
          {
            ...prepared,
            concepts: prepared.concepts.map((c) => ({
              ...c,
              isName: false,
              weight: c.isUnknown && prepared.statesClaim ? Math.min(c.weight, CLAIMED_WEIGHT) : c.weight,
            })),
          }
        : prepared;
    const text = engineQuery(query);
    if (!text) return { query, hits: [] };
    const background = options.context ? this.backgroundOf(options.context, query.concepts) : [];
    const results = this.topCandidates(text);
    const top = results[0]?.score ?? 1;
    const entries = results.map((r) => this.indexed[r.id as number]!);
    // a word the documents write as a name ("buchholz" for Buchholz) counts for each sentence of a passage that
    // has it, as a name typed with its capital does, but is not required
    const named = namedInDocuments(query.concepts, entries);
    const hits: SearchHit[] = results.map((r, k) => {
      const entry = entries[k]!;
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
              coverageOf(
                this.vocabulary,
                query.concepts,
                sentence,
                sentenceTexts(entry)[i]!,
                terms,
                named,
                subjectTerms(entry),
              ),
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
    return this.read(context)
      .concepts.filter(
        (c) =>
          !c.isUnknown &&
          c.label.split(' ').every((w) => names.has(w)) &&
          !c.alternatives.some((a) => own.has(a.join(' '))),
      )
      .map((c) => ({ ...c, isName: false }));
  }

  /**
   * A text as prepared for search, read once per message: answering one message searches its text several times (as
   * asked, its names relaxed, its sentences and asks, as a follow-up, its background), and reading it (word classes,
   * glossary, typos) is most of a search. Only the last few texts are kept, so a question asked again later is read
   * again: this is no answer cache, which would only help a repeated mix.
   */
  private read(text: string): PreparedQuery {
    const recent = this.recentReadings;
    const at = recent.findIndex((r) => r.text === text);
    if (at >= 0) return recent[at]!.prepared;
    const prepared = prepareQuery(text, this.glossary, this.vocabulary, this.limits);
    recent.unshift({ text, prepared });
    if (recent.length > RECENT_READINGS) recent.pop();
    return prepared;
  }

  private readonly recentReadings: { text: string; prepared: PreparedQuery }[] = [];

  /** The engine's best candidates for a query text, best first. */
  private topCandidates(text: string): Candidate[] {
    const count = this.limits.maxCandidates;
    if (this.candidates) return this.candidates.search(text, count);
    return this.engine.search(text).slice(0, count) as Candidate[];
  }
}
