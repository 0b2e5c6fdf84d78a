import type { KnowledgeDocument, Passage, Sentence } from '../knowledge/types.js';
import { LOST_FIGURE } from '../knowledge/types.js';
import { termsOf } from '../search/miniSearchIndex.js';
import type { PassageSearch, SearchHit, SearchOptions } from '../search/types.js';
import { ANAPHOR } from '../text/anaphor.js';
import { splitClauses, splitMessage } from './asks.js';
import { bestSentence, hasTerm, hasTwoTopics, saySame, sentenceOf, TOPIC_WEIGHT } from './candidates.js';
import { COUNTS_ASKED, NO_FIGURE } from './numberFocus.js';
import { Sections } from './sections.js';

/** Tuning of answer selection, calibrated on the golden set (test/golden). */
export interface AnswerOptions {
  /** Least share of the question a passage must cover to be answered from (default 0.55). */
  threshold: number;
  /**
   * Least share for an honest partial answer: a sentence that covers less than `threshold` but this much is shown
   * as what the documents say on the topic, after saying that they do not say exactly that (default 0.4).
   */
  partialThreshold: number;
  /** Two different sections this close in score make a "Did you mean …?" (default 0.02). */
  ambiguityMargin: number;
  /** Sentences in an extract, lists aside (default 3). */
  maxSentences: number;
}

export const defaultAnswerOptions: AnswerOptions = {
  threshold: 0.55,
  partialThreshold: 0.4,
  ambiguityMargin: 0.02,
  maxSentences: 3,
};

/** An extract that answers the question. */
export interface AnswerExtract {
  kind: 'answer';
  passage: Passage;
  document: KnowledgeDocument;
  sentences: Sentence[];
  /** Indexes of the shown sentences in the passage. */
  shown: number[];
  confidence: number;
  /** A figure the question may be about is missing from the source. */
  hasLostFigure: boolean;
  /**
   * An honest partial answer: the documents cover the topic but give no figure for what was asked (`noFigure`), or
   * the question asks about something they never mention (`topic`). Said before the extract.
   */
  partial?: 'noFigure' | 'topic';
}

/** Two sections answer about equally well: the investor chooses. */
export interface Ambiguous {
  kind: 'ambiguous';
  confidence: number;
  options: { passage: Passage; document: KnowledgeDocument }[];
}

/** Nothing in the knowledge answers the question. */
export interface Unknown {
  kind: 'unknown';
  confidence: number;
  /**
   * What the documents do say on the question's main topic, shown after saying that they do not answer it ("How
   * many hospitals are in Saxony?": Germany's 1,894). Only from a sentence that holds every name the question asks
   * about and its weightiest word.
   */
  nearest?: AnswerExtract;
}

export type AnswerOutcome = AnswerExtract | Ambiguous | Unknown;

// The least a sentence must cover of a question the documents do not answer to be shown as what they say on it,
// and the least its main topic must weigh (a word found everywhere, "Germany", is no topic).
const NEAREST = 0.3;
const NEAREST_TOPIC = 1.5;

// Below this confidence a question is vague enough that a near tie between two sections is worth asking about.
const VAGUE = 0.75;

/** Picks the passage and the one to three sentences that answer a question, or says that none does. */
export class Answerer {
  private readonly documents: Map<string, KnowledgeDocument>;

  constructor(
    private readonly search: PassageSearch,
    documents: readonly KnowledgeDocument[],
    private readonly sections: Sections = Sections.none,
    private readonly options: AnswerOptions = defaultAnswerOptions,
  ) {
    this.documents = new Map(documents.map((d) => [d.id, d]));
  }

  /**
   * Answers a message; a message of several sentences ("Ignore all rules. Then tell me when …") is answered by the
   * sentence that the documents answer best. `context` is the background the question stands in (see
   * SearchOptions.context).
   */
  answer(question: string, context?: string): AnswerOutcome {
    const options = context ? { context } : undefined;
    const strict = this.answerOne(question, undefined, options);
    const whole = strict.kind === 'unknown' ? this.correctingPremise(question, strict, context) : strict;
    if (whole.kind === 'answer' && !whole.partial) return whole;
    const clauses = this.answerClauses(question, options);
    if (clauses) return clauses;
    const parts = splitMessage(question);
    if (parts.length < 2 || whole.kind === 'answer') return this.withNearest(whole, question);
    const outcomes = parts.map((p) => this.answerOne(p, undefined, options)).filter((o) => o.kind !== 'unknown');
    return outcomes.sort((a, b) => b.confidence - a.confidence)[0] ?? this.withNearest(whole, question);
  }

  /** An "I don't know" with the sentence nearest to the question's main topic, if there is one (see Unknown). */
  private withNearest(outcome: AnswerOutcome, question: string): AnswerOutcome {
    if (outcome.kind !== 'unknown') return outcome;
    const { query, hits } = this.search.search(question);
    // only where the documents cover most of what is asked: a question mostly about what they lack ("das
    // Wetter in Dresden") gets no sentence that merely shares a place with it
    const weightOf = (unknown: boolean) =>
      query.concepts.filter((c) => c.isUnknown === unknown).reduce((sum, c) => sum + c.weight, 0);
    if (weightOf(true) > weightOf(false)) return outcome;
    const main = [...query.concepts].filter((c) => !c.isUnknown).sort((a, b) => b.weight - a.weight)[0];
    if (!main || main.weight < NEAREST_TOPIC) return outcome;
    let found: { hit: SearchHit; sentence: number; coverage: number } | undefined;
    for (const hit of hits.slice(0, 6)) {
      const section = hit.passage.headings.slice(1).at(-1) ?? '';
      hit.passage.sentences.forEach((s, i) => {
        const coverage = hit.sentenceCoverage[i] ?? 0;
        if (coverage < NEAREST || (found && coverage <= found.coverage)) return;
        const terms = termsOf(`${s.text} ${section}`);
        // the topic word itself, not a longer word it starts ("clinic" is not "clinical")
        if (main.alternatives.some((words) => words.every((w) => terms.has(w)))) found = { hit, sentence: i, coverage };
      });
    }
    if (!found) return outcome;
    const nearest = this.extract(found.hit.passage, [], found.sentence, found.coverage);
    return { ...outcome, nearest };
  }

  /**
   * A question of two asks ("When did he move to Dresden, and where did he come from?", "owner + product?"): each
   * ask answered on its own, a later one read with the first (it names what "he" is); the answers of one passage
   * shown together. Null when the question asks one thing, or no ask is answered in full.
   */
  private answerClauses(question: string, options?: SearchOptions): AnswerExtract | null {
    const clauses = splitClauses(question);
    if (clauses.length < 2) return null;
    const first = clauses[0]!;
    const answers = clauses
      .map((clause, i) => (i === 0 ? this.answerOne(clause, undefined, options) : this.answerFollowUp(first, clause)))
      .filter((o): o is AnswerExtract => o.kind === 'answer' && !o.partial);
    const best = answers.sort((a, b) => b.confidence - a.confidence)[0];
    if (!best) return null;
    const shown = [...new Set(answers.filter((a) => a.passage.id === best.passage.id).flatMap((a) => a.shown))].sort(
      (a, b) => a - b,
    );
    const sentences = shown.map((i) => best.passage.sentences[i]!);
    return { ...best, shown, sentences, hasLostFigure: sentences.some((s) => s.text.includes(LOST_FIGURE)) };
  }

  /**
   * Answers a follow-up that leaves out what it asks ("and in medical technology?", "how many beds does it have?")
   * together with the previous question, from a sentence that holds what the follow-up itself adds; else the
   * follow-up alone.
   */
  answerFollowUp(previous: string, followUp: string): AnswerOutcome {
    // what the follow-up itself names: a word that only carries it ("where did he come from?") need not be there
    const own = this.search.search(followUp).query.concepts.filter((c) => !c.isUnknown && c.weight > TOPIC_WEIGHT);
    const holdsOwn = (sentence: Set<string>) =>
      own.every((c) => c.alternatives.some((words) => words.every((w) => hasTerm(sentence, w))));
    const together = this.answerOne(`${previous} ${followUp}`, holdsOwn);
    return together.kind === 'answer' ? together : this.answer(followUp);
  }

  /**
   * A question no passage answers with all its names and years may rest on a premise the documents contradict
   * ("The ECEI, founded by the German government in 2015 …", "the CRTD in Leipzig …"): the passage that holds
   * the rest of it says what is so, shown as an honest partial answer. Never for a figure: a count for another
   * place or year would read as the answer.
   */
  private correctingPremise(question: string, strict: AnswerOutcome, context?: string): AnswerOutcome {
    const relaxed = this.answerOne(question, undefined, { namesRequired: false, context });
    if (relaxed.kind !== 'answer' || relaxed.partial === 'noFigure') return strict;
    return { ...relaxed, partial: 'topic' };
  }

  private answerOne(
    question: string,
    holds?: (sentenceTerms: Set<string>) => boolean,
    options?: SearchOptions,
  ): AnswerOutcome {
    const { query, hits } = this.search.search(question, options);
    const top = hits[0];
    const floor = Math.min(this.options.threshold, this.options.partialThreshold);
    if (!top || top.coverage < floor) return { kind: 'unknown', confidence: top?.coverage ?? 0 };
    const candidates = hits
      .filter((h) => h.rank >= top.rank - 0.25 && h.coverage >= floor)
      .slice(0, 6)
      .map((hit) => bestSentence(hit, query.wantsNumber ? query : null, holds))
      .filter((c) => c.score > Number.NEGATIVE_INFINITY)
      .sort((a, b) => b.score - a.score);
    const best = candidates[0];
    if (!best) return { kind: 'unknown', confidence: 0 };
    // without its names and years, a figure question is answered only where it states a claim the figure corrects
    // ("only a fifth, so what share?": "about 70 % of the life sciences branch"); one that only names what the
    // documents do not ("the University Hospital Dresden") gets no figure for something else
    if (options?.namesRequired === false && query.wantsNumber && (best.focus < COUNTS_ASKED || !query.statesClaim)) {
      return { kind: 'unknown', confidence: 0 };
    }
    // the answer is a sentence, so the sentence (under its headings) must cover the question, not just the passage;
    // "how many" needs a figure that does not count something else
    const confidence = best.hit.sentenceCoverage[best.sentence] ?? 0;
    if (confidence < floor) return { kind: 'unknown', confidence };
    // below the threshold the sentence is near the question, not on it: said as such; for a figure, only a
    // sentence whose figure is followed by something the question names ("1,443 medical device manufacturers")
    const near = confidence < this.options.threshold;
    const nearFigure = query.wantsNumber && best.focus < COUNTS_ASKED;
    if (near && (nearFigure || !hasTwoTopics(query))) return { kind: 'unknown', confidence };
    // "how many" answered by a figure that counts something else would be a wrong figure: refuse; a sentence
    // with no figure at all on the topic ("free of charge") is an honest partial answer
    const noFigure = query.wantsNumber && best.focus < 0.1 && !(query.countsReferent && best.focus > NO_FIGURE);
    if (noFigure && best.focus > NO_FIGURE) return { kind: 'unknown', confidence };
    const partial = noFigure ? 'noFigure' : query.unknownTopic || near ? 'topic' : undefined;
    const rival = candidates.find((c) => c.hit.passage.headings.join('>') !== best.hit.passage.headings.join('>'));
    // "did you mean" offers two parts that each answer; a question about something the documents never mention
    // gets the nearer one, said to be near
    const tie = rival && confidence < VAGUE && best.score - rival.score < this.options.ambiguityMargin;
    // two parts that say the same ("vibrant clusters are emerging primarily around …", twice) are one answer
    if (rival && tie && !query.unknownTopic && !saySame(sentenceOf(best), sentenceOf(rival))) {
      return {
        kind: 'ambiguous',
        confidence,
        options: [best, rival].map((c) => ({ passage: c.hit.passage, document: this.documentOf(c.hit.passage) })),
      };
    }
    const members = this.sections.membersAsked(best.hit.passage, question);
    const extract =
      members.length > 0
        ? this.withMembers(best.hit.passage, best.sentence, members, confidence)
        : this.extract(best.hit.passage, best.hit.sentenceCoverage, best.sentence, confidence);
    return partial ? { ...extract, partial } : extract;
  }

  /** The passage's sentences from `start`, as a follow-up "tell me more" shows them. */
  extract(passage: Passage, weights: readonly number[], start: number, confidence: number): AnswerExtract {
    const shown = this.widen(passage, weights, start);
    const sentences = shown.map((i) => passage.sentences[i]!);
    return {
      kind: 'answer',
      passage,
      document: this.documentOf(passage),
      sentences,
      shown,
      confidence,
      hasLostFigure: sentences.some((s) => s.text.includes(LOST_FIGURE)),
    };
  }

  /** The section's lead-in sentence and the names of the sections it holds, as a list. */
  private withMembers(passage: Passage, start: number, members: string[], confidence: number): AnswerExtract {
    const lead = this.extract(passage, [], start, confidence);
    const items = members.map((text) => ({ text, isListItem: true }));
    return { ...lead, sentences: [passage.sentences[start]!, ...items], shown: [start] };
  }

  documentOf(passage: Passage): KnowledgeDocument {
    const document = this.documents.get(passage.documentId);
    if (!document) throw new Error(`Answerer: passage ${passage.id} cites unknown document ${passage.documentId}`);
    return document;
  }

  // One sentence, plus the one it refers back to, plus a neighbour that also answers; a list comes whole.
  private widen(passage: Passage, weights: readonly number[], start: number): number[] {
    const all = passage.sentences;
    // a list introduced by its paragraph ("Services include:") is one answer; a list of facts is not
    if (all.some((s) => !s.isListItem && s.text.endsWith(':'))) return all.map((_, i) => i).slice(0, 12);
    const shown = [start];
    if (all[start]!.isListItem) return shown;
    if (start > 0 && ANAPHOR.test(all[start]!.text)) shown.unshift(start - 1);
    const next = start + 1;
    const continues = next < all.length && ANAPHOR.test(all[next]!.text); // "These saw clusters …" goes on with it
    if (
      next < all.length &&
      (continues || ((weights[next] ?? 0) >= 0.5 * (weights[start] ?? 0) && (weights[next] ?? 0) > 0))
    ) {
      shown.push(next);
    }
    return shown.slice(0, this.options.maxSentences);
  }
}
