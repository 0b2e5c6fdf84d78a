import type { Passage } from '../knowledge/types.js';
import { ANAPHOR } from '../text/anaphor.js';
import { commonnessRank } from '../text/generalFrequency.js';
import { boundedMemo } from '../text/memo.js';
import { termList, termsOf } from './indexTerms.js';
import type { Concept } from './types.js';
import type { Vocabulary } from './vocabulary.js';

/**
 * A passage and its terms. The term sets are made when a search first meets the passage (a dozen passages per
 * question), not at build: making them for every passage was a third of the build time and of the index's memory.
 */
export interface IndexedPassage {
  passage: Passage;
  /** The publisher as the passage's terms read it (undefined for a document not given: read as "undefined"). */
  publisher: string | undefined;
  terms?: Set<string>;
  sentenceTerms?: Set<string>[];
  /** The terms of its headings and first sentence (see subjectTerms). */
  subject?: Set<string>;
  /** The texts of the passage as terms in order (text, headings, publisher), for phrases. */
  texts?: string[][];
  /** The same for each sentence (the sentence, the one it points back to, its heading). */
  sentenceTexts?: string[][][];
  /** How often its text has a word standing alone, and how often capitalised (see occurrences), by word. */
  occurrences?: Map<string, readonly [number, number]>;
}

/**
 * The terms a passage covers a question with. The title heading is as broad as the document, so it never counts as
 * covering a question (the engine still ranks with it); a sentence is read under its other headings ("Facts About
 * Life Sciences in Saxony"). The publisher counts for the passage (every passage of GTAI's brochure speaks for
 * GTAI), not for each sentence, where "Germany Trade & Invest" would make every sentence look as if it were about
 * Germany.
 */
export function passageTerms(entry: IndexedPassage): Set<string> {
  const { passage } = entry;
  entry.terms ??= termsOf(`${passage.text} ${passage.headings.slice(1).join(' ')} ${entry.publisher}`);
  return entry.terms;
}

/** The terms of each sentence: a sentence is read under its nearest heading only (broad section titles say little
 * about one sentence), and one that points back ("They account for …") with the sentence before it. */
export function sentenceTerms(entry: IndexedPassage): Set<string>[] {
  const { passage } = entry;
  entry.sentenceTerms ??= passage.sentences.map((s, i) => {
    const before = i > 0 && ANAPHOR.test(s.text) ? passage.sentences[i - 1]!.text : '';
    return termsOf(`${before} ${s.text} ${passage.headings.slice(1).at(-1) ?? ''}`);
  });
  return entry.sentenceTerms;
}

/** What a passage is about: its headings and its first sentence ("Prof. Dr. Frank Buchholz, …: …"). */
export function subjectTerms(entry: IndexedPassage): Set<string> {
  const { passage } = entry;
  entry.subject ??= termsOf(`${passage.headings.slice(1).join(' ')} ${passage.sentences[0]?.text ?? ''}`);
  return entry.subject;
}

export function passageTexts(entry: IndexedPassage): string[][] {
  const { passage } = entry;
  entry.texts ??= [passage.text, ...passage.headings.slice(1), `${entry.publisher}`].map(termList);
  return entry.texts;
}

export function sentenceTexts(entry: IndexedPassage): string[][][] {
  if (entry.sentenceTexts) return entry.sentenceTexts;
  const { passage } = entry;
  // (made once per passage, the heading's words too: a search asks for them for every sentence of every hit)
  const heading = termList(passage.headings.slice(1).at(-1) ?? '');
  entry.sentenceTexts = passage.sentences.map((s, i) => {
    const before = i > 0 && ANAPHOR.test(s.text) ? [termList(passage.sentences[i - 1]!.text)] : [];
    return [termList(s.text), ...before, heading];
  });
  return entry.sentenceTexts;
}

const NONE: ReadonlySet<Concept> = new Set();
// SUBTLEX ranks below this are everyday English.
const EVERYDAY_WORDS = 10_000;

/**
 * The question's single words, typed without a capital, that the candidate passages write only as names ("buchholz",
 * "oncoray"): every occurrence there starts with a capital letter.
 */
export function namedInDocuments(concepts: readonly Concept[], entries: readonly IndexedPassage[]): Set<Concept> {
  const named = new Set<Concept>();
  for (const c of concepts) {
    if (c.isName || c.isUnknown || c.label.includes(' ') || c.label.length < 3 || /\d/.test(c.label)) continue;
    // a name everyday English uses too ("German", "Berlin") names no one subject
    if ((commonnessRank(c.label) ?? Number.POSITIVE_INFINITY) < EVERYDAY_WORDS) continue;
    let seen = 0;
    let capitalised = 0;
    for (const entry of entries) {
      const [inPassage, capitalisedInPassage] = occurrences(entry, c.label);
      seen += inPassage;
      capitalised += capitalisedInPassage;
    }
    if (seen > 0 && capitalised === seen) named.add(c);
  }
  return named;
}

/** Words whose occurrences a passage remembers (see occurrences). */
const REMEMBERED_WORDS = 1_000;

/**
 * How often a passage's text has the word standing alone, and how often capitalised: counted once per passage and
 * word (a passage the index has found keeps the counts; the passage never changes), since every search asks it of
 * each candidate passage for each of its words.
 */
function occurrences(entry: IndexedPassage, label: string): readonly [number, number] {
  entry.occurrences ??= new Map();
  const known = entry.occurrences.get(label);
  if (known) return known;
  let seen = 0;
  let capitalised = 0;
  for (const m of entry.passage.text.matchAll(wordPattern(label))) {
    seen++;
    if (m[0][0] !== m[0][0]!.toLowerCase()) capitalised++;
  }
  if (entry.occurrences.size >= REMEMBERED_WORDS) entry.occurrences.clear();
  const counted = [seen, capitalised] as const;
  entry.occurrences.set(label, counted);
  return counted;
}

/**
 * The pattern of a word standing alone, made once per word (bounded: see boundedMemo): a search asks it of every
 * candidate passage for each of its words (matchAll reads a copy, so the shared pattern keeps no position).
 */
const wordPattern = boundedMemo(
  (label: string) => new RegExp(`(?<![\\p{L}\\p{N}])${label}(?![\\p{L}\\p{N}])`, 'giu'),
  10_000,
);

/** Whether every proper name the question asks about is present in a set of terms. */
export function namesPresent(
  vocabulary: Vocabulary,
  concepts: readonly Concept[],
  terms: ReadonlySet<string>,
): boolean {
  return concepts.every(
    (c) => !c.isName || c.alternatives.some((words) => words.every((w) => vocabulary.present(w, terms))),
  );
}

/** Share of the concepts' weight present in a set of terms. */
export function coverageOf(
  vocabulary: Vocabulary,
  concepts: readonly Concept[],
  terms: ReadonlySet<string>,
  /** The same text as terms in order: the words of a phrase must stand together there. */
  texts: readonly (readonly string[])[],
  namesContext: ReadonlySet<string> = terms,
  /** Concepts that count in `subject` as names count in `namesContext`, without being required (namedInDocuments). */
  named: ReadonlySet<Concept> = NONE,
  subject: ReadonlySet<string> = terms,
): number {
  let total = 0;
  let present = 0;
  for (const c of concepts) {
    total += c.weight;
    const where = c.isName ? namesContext : named.has(c) ? subject : terms;
    if (c.alternatives.some((words) => holds(vocabulary, c, words, terms, where, texts))) present += c.weight;
  }
  return total === 0 ? 0 : present / total;
}

/**
 * Whether one alternative of a concept is present: each word in `terms` or `where`, and the words of a phrase
 * together in `texts`. (A function of its own, not a closure made for every concept of every set.)
 */
function holds(
  vocabulary: Vocabulary,
  c: Concept,
  words: readonly string[],
  terms: ReadonlySet<string>,
  where: ReadonlySet<string>,
  texts: readonly (readonly string[])[],
): boolean {
  // (a set already asked about is not asked again)
  return (
    words.every((w) => vocabulary.present(w, terms) || (where !== terms && vocabulary.present(w, where))) &&
    (words.length < 2 || c.isName || vocabulary.together(words, texts))
  );
}
