import type { Passage } from '../knowledge/types.js';

/** One idea of a question: a content word, or a glossary phrase, with the words that may express it. */
export interface Concept {
  /** The words as the investor wrote them (folded). */
  label: string;
  /** Alternative phrases (each a list of stemmed words); one present means the concept is present. */
  alternatives: string[][];
  /** How much the concept tells apart passages (inverse document frequency; unknown words weigh most). */
  weight: number;
  /** No word of any alternative is in the knowledge at all. */
  isUnknown: boolean;
  /** Index of the concept's first word in the question. */
  position: number;
  /** Written as a proper name in the question ("Dresden", "Charité"): an answer must be about it. */
  isName: boolean;
}

/** A question prepared for search: capped, folded, stopwords removed, glossary applied. */
export interface PreparedQuery {
  concepts: Concept[];
  /** An English question asks about something the knowledge never mentions (a content word it does not have). */
  unknownTopic: boolean;
  /** The question asks for a figure ("how many", "wie viele"). */
  wantsNumber: boolean;
  /** The figure is a count of things ("how many firms"), which a share ("70 %") is not. */
  wantsCount: boolean;
  /** The figure is a share ("what percentage", "how big a part"): "about 70 %" or "two thirds" answers it. */
  wantsShare: boolean;
  /** The question states a claim before it asks ("since …", "I've read that …", "…, right?"): it may be false. */
  statesClaim: boolean;
  /** What the figure should count: the concepts just after the cue ("how many *medtech micro enterprises*"). */
  counted: Concept[];
  /** What is counted is only pointed at ("how many of them live there?"): a figure of anything may answer. */
  countsReferent: boolean;
  /** The question was longer than the caps and was cut. */
  truncated: boolean;
}

/** A ranked passage with how much of the question it covers. */
export interface SearchHit {
  passage: Passage;
  /** Share of the question's concept weight present in the passage (text and heading path), 0..1. */
  coverage: number;
  /** Coverage blended with the engine's relevance score: the order of the hits. */
  rank: number;
  /** For each sentence of the passage, the share of concept weight it holds on its own, 0..1. */
  sentenceCoverage: number[];
  /** With a background (SearchOptions.context): for each sentence, the share of the background's topics it holds. */
  sentenceBackground?: number[];
}

/** Result of a search. */
export interface SearchResult {
  query: PreparedQuery;
  hits: SearchHit[];
}

/** How a search reads the question. */
export interface SearchOptions {
  /**
   * Whether a passage must hold every name and year of the question (default true). Off, they weigh as other
   * words: a premise the documents contradict ("the ECEI, founded in 2015 by the German government") still finds
   * the passage that corrects it.
   */
  namesRequired?: boolean;
  /**
   * Background the question stands in ("We are a Korean maker of dental implants."): its topics count for a passage
   * that holds them, never against one that lacks them, and none of its words is required.
   */
  context?: string;
}

/** Passage search over the knowledge. Dialogs and answers depend on this, never on the engine behind it. */
export interface PassageSearch {
  search(question: string, options?: SearchOptions): SearchResult;
  /** Number of passages indexed. */
  readonly size: number;
}
