import { phraseWords } from './fold.js';
import { boundedDistance, typoBudget } from './levenshtein.js';

/** One glossary entry: the term the documents use and the variants that mean it. */
export interface GlossaryEntry {
  term: string;
  variants: readonly string[];
  /** German terms for it (inflections spelled out): matched like variants, and a sign of a German question. */
  de?: readonly string[];
}

/** A term found in a text: which entry, and which words of the text it spans. */
export interface TermMatch {
  term: string;
  start: number;
  end: number;
}

/** Options for {@link Glossary.find}. */
export interface FindOptions {
  /** Tolerate typos in words of 5+ letters (default false). */
  fuzzy?: boolean;
  /** Only these terms are looked for (default: all). */
  only?: ReadonlySet<string>;
}

interface Phrase {
  words: string[];
  term: string;
  /** From the German terms: recognised in a question, but never added to one (the documents are English). */
  german: boolean;
}

/** Finds glossary terms and their variants in text, longest phrase first, on folded whole words. */
export class Glossary {
  private readonly phrases: Phrase[];

  /** Every folded word of the German terms ("krankenhauser", "zahnmedizin"), for telling a question's language. */
  readonly germanWords: ReadonlySet<string>;

  constructor(entries: readonly GlossaryEntry[]) {
    this.phrases = entries
      .flatMap((e) => [
        ...[e.term, ...e.variants].map((v) => ({ words: phraseWords(v), term: e.term, german: false })),
        ...(e.de ?? []).map((v) => ({ words: phraseWords(v), term: e.term, german: true })),
      ])
      .filter((p) => p.words.length > 0)
      .sort((a, b) => b.words.length - a.words.length || b.words.join(' ').length - a.words.join(' ').length);
    // words German and English share ("Hygiene", "Plasma") say nothing about the language
    const english = new Set(entries.flatMap((e) => [e.term, ...e.variants].flatMap((v) => phraseWords(v))));
    this.germanWords = new Set(
      entries.flatMap((e) => (e.de ?? []).flatMap((v) => phraseWords(v))).filter((w) => !english.has(w)),
    );
  }

  /** All terms, as the documents spell them. */
  get terms(): string[] {
    return [...new Set(this.phrases.map((p) => p.term))];
  }

  /**
   * Splits a German compound into a glossary word it starts with and a known rest ("medizintechnikbranche" ->
   * medizintechnik, branche); `known` adds words the documents have. An unknown rest is no split: "kostenlose" is
   * not "kosten" + "lose".
   */
  splitCompound(word: string, known: (rest: string) => boolean = () => false): string[] {
    if (word.length < 10) return [word];
    for (let cut = word.length - 4; cut >= 5; cut--) {
      const rest = word.slice(cut);
      if (this.singleWords.has(word.slice(0, cut)) && (this.singleWords.has(rest) || known(rest))) {
        return [word.slice(0, cut), rest];
      }
    }
    return [word];
  }

  /** Whether a single folded word is a term or variant here. */
  knows(word: string): boolean {
    return this.singleWords.has(word);
  }

  private get singleWords(): Set<string> {
    this.singleWordCache ??= new Set(this.phrases.filter((p) => p.words.length === 1).map((p) => p.words[0]!));
    return this.singleWordCache;
  }

  private singleWordCache: Set<string> | undefined;

  /** Every English phrase (folded words) that means `term`, the term itself first. */
  phrasesOf(term: string): string[][] {
    return this.phrases.filter((p) => p.term === term && !p.german).map((p) => p.words);
  }

  /** Non-overlapping matches in `text` (or in its already folded `words`). */
  find(text: string | readonly string[], options: FindOptions = {}): TermMatch[] {
    const words = typeof text === 'string' ? phraseWords(text) : text;
    const taken = new Array<boolean>(words.length).fill(false);
    const matches: TermMatch[] = [];
    for (const fuzzy of options.fuzzy ? [false, true] : [false]) {
      for (const index of this.candidates(words, fuzzy)) {
        const phrase = this.phrases[index]!;
        if (options.only && !options.only.has(phrase.term)) continue;
        for (let i = 0; i + phrase.words.length <= words.length; i++) {
          if (taken.slice(i, i + phrase.words.length).some(Boolean)) continue;
          if (!phrase.words.every((w, k) => wordMatches(words[i + k]!, w, fuzzy))) continue;
          matches.push({ term: phrase.term, start: i, end: i + phrase.words.length });
          taken.fill(true, i, i + phrase.words.length);
        }
      }
    }
    return matches.sort((a, b) => a.start - b.start);
  }

  /**
   * The phrases whose first word matches a word of the text, in the phrases' order (longest first): with
   * thousands of German inflections, trying every phrase at every position would cost more than the search.
   */
  private candidates(words: readonly string[], fuzzy: boolean): number[] {
    const found = new Set<number>();
    for (const word of new Set(words)) {
      if (!fuzzy) {
        for (const index of this.firstWords.phrases.get(word) ?? []) found.add(index);
        continue;
      }
      for (const first of this.firstWords.byLetter.get(word[0] ?? '') ?? []) {
        if (wordMatches(word, first, true)) for (const index of this.firstWords.phrases.get(first)!) found.add(index);
      }
    }
    return [...found].sort((a, b) => a - b);
  }

  private get firstWords(): FirstWords {
    this.firstWordCache ??= indexFirstWords(this.phrases);
    return this.firstWordCache;
  }

  private firstWordCache: FirstWords | undefined;
}

/** Phrases by their first word, and those first words by their first letter (typos keep the first letter). */
interface FirstWords {
  phrases: Map<string, number[]>;
  byLetter: Map<string, string[]>;
}

function indexFirstWords(phrases: readonly Phrase[]): FirstWords {
  const byWord = new Map<string, number[]>();
  phrases.forEach((phrase, index) => {
    const first = phrase.words[0]!;
    const list = byWord.get(first);
    if (list) list.push(index);
    else byWord.set(first, [index]);
  });
  const byLetter = new Map<string, string[]>();
  for (const word of byWord.keys()) {
    const list = byLetter.get(word[0]!);
    if (list) list.push(word);
    else byLetter.set(word[0]!, [word]);
  }
  return { phrases: byWord, byLetter };
}

function wordMatches(word: string, expected: string, fuzzy: boolean): boolean {
  if (word === expected) return true;
  // typos rarely hit the first letter; requiring it keeps "health" from meeting "mhealth"
  if (!fuzzy || word[0] !== expected[0]) return false;
  const budget = typoBudget(Math.min(word.length, expected.length));
  return budget > 0 && boundedDistance(word, expected, budget) <= budget;
}
