import { cleanText, phraseWords } from '../text/fold.js';
import { commonnessRank } from '../text/generalFrequency.js';
import type { Glossary } from '../text/glossary.js';
import { detectLanguage } from '../text/language.js';
import { boundedDistance, typoBudget } from '../text/levenshtein.js';
import { boundedMemo } from '../text/memo.js';
import { stem } from '../text/stem.js';
import { type WordClass, wordClassesOf } from '../text/wordClasses.js';
import type { QueryLimits } from './queryLimits.js';
import { ASKS_SHARE, COUNT_CUE, HOW_MANY, SHARE_CUE, SHARE_WORDS, STATES_CLAIM, STOPWORDS, YEAR } from './stopwords.js';
import type { Concept, PreparedQuery } from './types.js';
import type { Vocabulary } from './vocabulary.js';

const MAX_ALTERNATIVES = 16;
// Even a word found everywhere ("Germany") was asked for: it still helps choose between sentences.
const MIN_WEIGHT = 0.4;
const MAX_WEIGHT = 3;
const FIGURE = /^\d+$/;
// "how many of them", "how many are there", "wie viele davon": the count points back at what was asked before
const COUNTS_REFERENT = /^\S+ \S+ (?:of )?(?:them|those|these|it|davon|von ihnen)\b/;

/**
 * A figure in a question that states a claim ("around 48 university hospitals, right?") is the claim, not what to
 * look for: the documents may give another, and a sentence sharing it may be about something else. Elsewhere a
 * figure limits what is asked ("firms with 50-99 employees") and must be there.
 */
function isClaimedFigure(words: readonly string[]): boolean {
  return words.length === 1 && FIGURE.test(words[0]!) && !YEAR.test(words[0]!);
}
// Words after "how many" that can name what is counted ("how many medtech micro enterprises").
const COUNTED_SPAN = 4;

/** Turns a question into weighted concepts: caps first, then folding, glossary phrases, stopwords and typos. */
export function prepareQuery(
  question: string,
  glossary: Glossary,
  vocabulary: Vocabulary,
  limits: QueryLimits,
): PreparedQuery {
  const cleaned = cleanText(question);
  const truncated = cleaned.length > limits.maxChars;
  const text = cleaned.slice(0, limits.maxChars);
  const isGerman = detectLanguage(text, glossary.germanWords) === 'de';
  const statesClaim = STATES_CLAIM.test(text);
  const known = (w: string) => vocabulary.frequencyOf(w) > 0;
  // German compounds that neither the knowledge nor the glossary knows are split at a glossary word they start with;
  // a short unknown word is a misspelt stopword in English ("mny"), but in German more often a word ("Hand")
  const words = phraseWords(text)
    .slice(0, limits.maxTerms * 4)
    .flatMap((w) => (known(w) || glossary.knows(w) ? [w] : glossary.splitCompound(w, known)))
    .map((w) => (glossary.knows(w) || (isGerman && w.length < 5) ? w : (misspeltStopwordIn(vocabulary)(w) ?? w)));
  const concepts: Concept[] = [];
  const covered = new Array<boolean>(words.length).fill(false);

  for (const match of glossary.find(words, { fuzzy: true })) {
    const matched = words.slice(match.start, match.end);
    if (matched.every((w) => STOPWORDS.has(w))) continue;
    covered.fill(true, match.start, match.end);
    const phrases = [matched, ...phrasesIn(glossary)(match.term)];
    const found = concept(matched.join(' '), phrases, vocabulary);
    const weight = statesClaim && isClaimedFigure(matched) ? MIN_WEIGHT : found.weight;
    concepts.push({ ...found, weight, position: match.start });
  }
  const names = isGerman ? new Set<string>() : properNames(text);
  // German questions meet English documents: a German word they lack that is not a noun ("stellt", "sich") only
  // builds the sentence; German capitalises its nouns, and a noun ("Wetter") names the topic
  const lowerCase = isGerman ? lowerCaseWords(text) : new Set<string>();
  // German questions meet English documents, whose words the English model cannot class
  const classes = isGerman ? null : wordClassesOf(text);
  words.forEach((word, i) => {
    if (covered[i] || isNoise(word)) return;
    const single = concept(word, [[word]], vocabulary);
    const wordClass = classes?.get(word);
    // a year must be in the answer, as a name must: a figure for 2023 does not answer "in 2019"
    const untranslated = isGerman && single.isUnknown && lowerCase.has(word);
    concepts.push({
      ...single,
      weight:
        untranslated || (statesClaim && isClaimedFigure([word])) ? MIN_WEIGHT : weightInQuestion(single, wordClass),
      isName: (names.has(word) && word.length > 2) || YEAR.test(word),
      position: i,
    });
  });
  const folded = words.join(' ');
  // "what share", "how big a part": the answer is a share, and these words are not what it is about
  const wantsShare = ASKS_SHARE.test(folded);
  const kept = dedupe(concepts)
    .filter((c) => !(wantsShare && SHARE_WORDS.has(c.label)))
    .sort((a, b) => a.position - b.position)
    .slice(0, limits.maxTerms);
  const cue = COUNT_CUE.exec(folded);
  // index of the first word after the cue ("how many | medtech micro enterprises")
  const cueEnd = cue ? folded.slice(0, cue.index + cue[0].length).split(' ').length : -1;
  return {
    concepts: kept,
    // German questions meet English documents: there an unknown word is often only untranslated
    unknownTopic: !isGerman && kept.some((c) => c.isUnknown && !c.isName && c.label.length > 2),
    wantsNumber: cue !== null || wantsShare,
    wantsCount: HOW_MANY.test(folded) && !SHARE_CUE.test(folded),
    wantsShare,
    statesClaim,
    // German puts the verb and the place before the topic ("wie viele Menschen arbeiten in Sachsen in der
    // Medizintechnik"): what is counted may stand further from the cue
    counted: cue
      ? kept.filter((c) => c.position >= cueEnd && c.position < cueEnd + COUNTED_SPAN * (isGerman ? 2 : 1))
      : [],
    countsReferent: cue !== null && COUNTS_REFERENT.test(folded.slice(cue.index)),
    truncated,
  };
}

function concept(label: string, phrases: string[][], vocabulary: Vocabulary): Concept {
  const alternatives = uniquePhrases(phrases.map((p) => p.filter((w) => !STOPWORDS.has(w)).map(stemmed))).slice(
    0,
    MAX_ALTERNATIVES,
  );
  const frequencies = alternatives.map((words) => Math.min(...words.map((w) => vocabulary.frequencyOf(w))));
  // weigh the words as the investor typed them; a variant (a German word, an abbreviation) weighs as its term
  const frequency = frequencies[0] || Math.max(0, ...frequencies);
  const isUnknown = frequency === 0;
  // unknown words weigh most, but capped: one odd word must not outweigh two that the documents know well
  // an unknown two-letter fragment says little; an unknown real word says the question is about something else
  const weight =
    isUnknown && label.length <= 2 ? 0.5 : Math.max(MIN_WEIGHT, Math.min(MAX_WEIGHT, vocabulary.weightOf(frequency)));
  return { label, alternatives, weight, isUnknown, isName: false, position: 0 };
}

/**
 * A word's weight by what it does in the question. An unknown noun names what is asked about ("visa", "rent"): the
 * documents not knowing it is why a question goes unanswered, so it keeps its full weight. An unknown word that only
 * carries or narrows the question weighs as the commonest word. A verb or adverb the documents do use ("inform",
 * "treated") helps choose the sentence, but the answer need not repeat it: it weighs at most as a common word.
 */
function weightInQuestion(single: Concept, wordClass: WordClass | undefined): number {
  const carriesOnly = wordClass === 'function' || wordClass === 'adjective';
  if (single.isUnknown && carriesOnly) return MIN_WEIGHT;
  const weight = wordClass === 'function' ? Math.min(single.weight, 1) : single.weight;
  return single.isUnknown ? weight : Math.min(weight, generalityCap(single.label));
}

/**
 * The most a word the documents use may weigh, by how common it is in everyday English: rarity in a few documents
 * makes "group", "point" or "period" weigh as much as "textile", though they only carry the question. An unknown
 * word keeps its weight: it may be the topic the documents lack ("rent", "weather").
 */
function generalityCap(word: string): number {
  const rank = commonnessRank(word) ?? Number.POSITIVE_INFINITY;
  const tier = GENERALITY_TIERS.find((t) => rank < t.below);
  return tier?.cap ?? MAX_WEIGHT;
}

// SUBTLEX ranks: the 1,000 commonest words, the next 1,500, the next 3,500.
const GENERALITY_TIERS = [
  { below: 1000, cap: 1 },
  { below: 2500, cap: 1.5 },
  { below: 6000, cap: 2.2 },
];

// Stopwords and single characters.
function isNoise(word: string): boolean {
  return STOPWORDS.has(word) || (word.length < 2 && !/\d/.test(word));
}

// Stems of question words, remembered (bounded: see boundedMemo): the same words come back question after question.
const stemmed = boundedMemo(stem, 10_000);

// The English phrases of each glossary term, remembered per glossary (which never changes): finding them filters
// every phrase of the glossary, thousands with the German inflections, and a question matches several terms.
const phraseMemos = new WeakMap<Glossary, (term: string) => string[][]>();

function phrasesIn(glossary: Glossary): (term: string) => string[][] {
  let memo = phraseMemos.get(glossary);
  if (!memo) {
    memo = boundedMemo((term) => glossary.phrasesOf(term), Number.POSITIVE_INFINITY);
    phraseMemos.set(glossary, memo);
  }
  return memo;
}

// A misspelt stopword ("mny", "mnay", "wat") that the knowledge does not know, corrected, so that "how mnay" still
// asks for a figure. Remembered per vocabulary (see boundedMemo): most question words are compared with every
// stopword, and the same words come back question after question.
const MISSPELT_MEMO_SIZE = 10_000;
const misspeltMemos = new WeakMap<Vocabulary, (word: string) => string | null>();

function misspeltStopwordIn(vocabulary: Vocabulary): (word: string) => string | null {
  let memo = misspeltMemos.get(vocabulary);
  if (!memo) {
    memo = boundedMemo((word) => misspeltStopword(word, vocabulary), MISSPELT_MEMO_SIZE);
    misspeltMemos.set(vocabulary, memo);
  }
  return memo;
}

function misspeltStopword(word: string, vocabulary: Vocabulary): string | null {
  if (word.length < 3 || STOPWORDS.has(word) || vocabulary.frequencyOf(stem(word)) > 0) return null;
  const budget = Math.max(1, typoBudget(word.length));
  for (const stop of STOPWORDS) if (stop.length >= 3 && boundedDistance(word, stop, budget) <= budget) return stop;
  return null;
}

/**
 * Capitalised words that do not start a sentence, folded, in an English text (German capitalises every noun). In a
 * question, a two-letter one is an abbreviation ("DE", "SN", "LS") rather than a name the answer must hold.
 */
export function properNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(/(?<![.!?]\s|^)(?<=\s)(\p{Lu}[\p{L}-]+)/gu)) {
    for (const word of phraseWords(match[1]!)) names.add(word);
  }
  return names;
}

// Words written in lower case ("stellt", "sich"), folded.
function lowerCaseWords(text: string): Set<string> {
  return new Set([...text.matchAll(/(?<![\p{L}\p{N}])\p{Ll}[\p{L}\p{N}]*/gu)].flatMap((m) => phraseWords(m[0])));
}

function uniquePhrases(phrases: string[][]): string[][] {
  const seen = new Set<string>();
  return phrases.filter((p) => {
    const key = p.join(' ');
    if (p.length === 0 || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function dedupe(concepts: Concept[]): Concept[] {
  const seen = new Set<string>();
  return concepts.filter((c) => {
    const key = c.alternatives.map((a) => a.join(' ')).join('|');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The question as the engine should see it: every word of every alternative, once. */
export function engineQuery(query: PreparedQuery): string {
  return [...new Set(query.concepts.flatMap((c) => c.alternatives.flat()))].join(' ');
}
