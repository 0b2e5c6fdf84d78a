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
      // (phrase, position) pairs whose words all match, found from the phrases' first words (with thousands of German
      // inflections, trying every phrase at every position costs more than the search), then taken greedily in the
      // order a loop over phrases (longest first), then positions, would meet them
      const found: number[] = [];
      for (let i = 0; i < words.length; i++) {
        for (const first of fuzzy ? this.similar(words[i]!) : [words[i]!]) {
          for (const index of this.firstWords.phrases.get(first) ?? []) {
            const phrase = this.phrases[index]!;
            if (i + phrase.words.length > words.length) continue;
            if (options.only && !options.only.has(phrase.term)) continue;
            const all = phrase.words.every(
              (w, k) => words[i + k] === w || (fuzzy && this.similar(words[i + k]!).includes(w)),
            );
            if (all) found.push(index * 1_000_000 + i);
          }
        }
      }
      found.sort((a, b) => a - b);
      for (const key of found) {
        const phrase = this.phrases[Math.floor(key / 1_000_000)]!;
        const start = key % 1_000_000;
        const end = start + phrase.words.length;
        let free = true;
        for (let k = start; k < end; k++) if (taken[k]) free = false;
        if (!free) continue;
        matches.push({ term: phrase.term, start, end });
        taken.fill(true, start, end);
      }
    }
    return matches.sort((a, b) => a.start - b.start);
  }

  private readonly similarCache = new Map<string, string[]>();
  private allWords: string[] | undefined;

  /** The glossary's words a word matches with typos (itself included), found once per word. */
  private similar(word: string): string[] {
    let list = this.similarCache.get(word);
    if (!list) {
      this.allWords ??= [...new Set(this.phrases.flatMap((p) => p.words))];
      list = this.allWords.filter((w) => wordMatches(word, w, true));
      if (!list.includes(word)) list.push(word);
      if (this.similarCache.size >= 10_000) this.similarCache.clear();
      this.similarCache.set(word, list);
    }
    return list;
  }

  private get firstWords(): FirstWords {
    this.firstWordCache ??= indexFirstWords(this.phrases);
    return this.firstWordCache;
  }

  private firstWordCache: FirstWords | undefined;
}

/** The indexes of the phrases (in their order) by each phrase's first word. */
interface FirstWords {
  phrases: Map<string, number[]>;
}

function indexFirstWords(phrases: readonly Phrase[]): FirstWords {
  const byWord = new Map<string, number[]>();
  phrases.forEach((phrase, index) => {
    const first = phrase.words[0]!;
    const list = byWord.get(first);
    if (list) list.push(index);
    else byWord.set(first, [index]);
  });
  return { phrases: byWord };
}

function wordMatches(word: string, expected: string, fuzzy: boolean): boolean {
  if (word === expected) return true;
  // typos rarely hit the first letter; requiring it keeps "health" from meeting "mhealth"
  if (!fuzzy || word[0] !== expected[0]) return false;
  const budget = typoBudget(Math.min(word.length, expected.length));
  return budget > 0 && boundedDistance(word, expected, budget) <= budget;
}
