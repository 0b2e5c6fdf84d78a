// Choosing the sentence of a hit that answers a question, and comparing candidates.
import { termsOf } from '../search/miniSearchIndex.js';
import type { PreparedQuery, SearchHit } from '../search/types.js';
import { numberFocus, shareFocus } from './numberFocus.js';

/** A sentence of a hit that may answer the question, with how well it does. */
export interface Candidate {
  hit: SearchHit;
  sentence: number;
  score: number;
  /** How well the sentence's figures answer a "how many" question (0 when the question asks for none). */
  focus: number;
}

// How much a sentence holding the question's background topics is preferred among those that answer it.
const BACKGROUND_SHARE = 0.1;

export function sentenceOf(candidate: Candidate): string {
  return candidate.hit.passage.sentences[candidate.sentence]!.text;
}

// Share of the words two sentences have in common above which they say the same thing.
const SAME_SAYING = 0.7;

/** Whether two sentences say nearly the same, word for word (Jaccard overlap of their terms). */
export function saySame(a: string, b: string): boolean {
  const x = termsOf(a);
  const y = termsOf(b);
  let shared = 0;
  for (const t of x) if (y.has(t)) shared++;
  return shared / (x.size + y.size - shared || 1) >= SAME_SAYING;
}

// A concept that weighs at least this much names a topic (not a common word such as "Germany").
export const TOPIC_WEIGHT = 1;

/** A near answer needs two topics the documents know: one shared word ("leads" / "lead") is a coincidence. */
export function hasTwoTopics(query: PreparedQuery): boolean {
  return query.concepts.filter((c) => !c.isUnknown && c.weight >= TOPIC_WEIGHT).length >= 2;
}

/** Whether a stemmed question word is among a sentence's terms, as itself or as the start of a longer word. */
export function hasTerm(terms: Set<string>, word: string): boolean {
  if (terms.has(word)) return true;
  for (const t of terms) if (word.length >= 4 && t.startsWith(word)) return true;
  return false;
}

export function bestSentence(
  hit: SearchHit,
  count: Pick<PreparedQuery, 'concepts' | 'counted' | 'wantsCount' | 'wantsShare'> | null,
  holds?: (sentenceTerms: Set<string>) => boolean,
): Candidate {
  let best: Candidate = { hit, sentence: 0, score: Number.NEGATIVE_INFINITY, focus: 0 };
  const section = hit.passage.headings.slice(1).at(-1) ?? '';
  hit.passage.sentences.forEach((s, i) => {
    if (holds && !holds(termsOf(`${s.text} ${section}`))) return;
    const focus = count
      ? count.wantsShare
        ? shareFocus(s.text)
        : numberFocus(s.text, count.concepts, count.counted, count.wantsCount)
      : 0;
    const background = BACKGROUND_SHARE * (hit.sentenceBackground?.[i] ?? 0);
    const score = 0.35 * hit.rank + 0.65 * (hit.sentenceCoverage[i] ?? 0) + focus + background;
    if (score > best.score) best = { hit, sentence: i, score, focus };
  });
  return best;
}
