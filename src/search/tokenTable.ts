import { cleanText, wordCharacterLength, wordTokens } from '../text/fold.js';

/** One word of a text as the index reads it: its tokens and their terms, as numbers of a {@link TokenTable}. */
export interface Word {
  readonly tokenIds: readonly number[];
  /** The term of each token, or -1 where the token is a stopword (no term). */
  readonly termIds: readonly number[];
}

/**
 * The words, tokens and terms of one index build, each numbered once. Texts repeat their words, so a text becomes
 * one lookup per word, and counting tokens and terms is done on numbers. It lives only while the index is built
 * and holds one entry per distinct word of the knowledge, as the index does.
 */
export class TokenTable {
  // The raw words seen, in an open-addressing hash table (slot -> entry + 1, 0 = empty): a word is looked up where
  // it stands in the text, without cutting it out.
  private slots = new Int32Array(1 << 12);
  private readonly raws: string[] = [];
  private readonly hashes: number[] = [];
  private readonly wordList: Word[] = [];
  private readonly tokenIds = new Map<string, number>();
  private readonly termIds = new Map<string, number>();
  private readonly termList: string[] = [];
  // Document frequencies by term id, and the ids in the order they were first counted; `counted` holds the stamp
  // of the passage a term was last counted for (each term counts once per passage; no clearing needed).
  private frequency = new Int32Array(1024);
  private readonly frequencyOrder: number[] = [];
  private counted = new Int32Array(1024);
  private stamp = 0;

  constructor(private readonly processTerm: (token: string) => string | null) {}

  /** How many distinct tokens have been seen (ids are 0 to tokenCount - 1). */
  get tokenCount(): number {
    return this.tokenIds.size;
  }

  /** How many distinct terms have been seen (ids are 0 to termCount - 1). */
  get termCount(): number {
    return this.termList.length;
  }

  /** The term with this id. */
  term(id: number): string {
    return this.termList[id]!;
  }

  /**
   * Counts a passage, whose terms are those of these word lists, in the document frequencies: each term once, as
   * the vocabulary counts the passage's term set.
   */
  countPassage(...wordLists: readonly (readonly Word[])[]): void {
    const { counted, frequency } = this;
    const stamp = ++this.stamp;
    for (const words of wordLists) {
      for (const { termIds } of words) {
        for (const id of termIds) {
          if (id < 0 || counted[id] === stamp) continue;
          counted[id] = stamp;
          if (frequency[id] === 0) this.frequencyOrder.push(id);
          frequency[id]!++;
        }
      }
    }
  }

  /**
   * In how many passages each term occurs (`counts`, of the term ids in `terms`), in the order the passages' term
   * sets first hold them.
   */
  documentFrequencies(): { terms: Int32Array; counts: Int32Array } {
    const terms = Int32Array.from(this.frequencyOrder);
    return { terms, counts: Int32Array.from(terms, (id) => this.frequency[id]!) };
  }

  /** The words of a text; their tokens, one after the other, are those `tokenize` gives. */
  wordsOf(text: string): Word[] {
    const cleaned = cleanText(text);
    const words: Word[] = [];
    let start = -1;
    let hash = 0;
    for (let i = 0; i <= cleaned.length; ) {
      // past the end, a separator (NUL: cleanText leaves none in the text) ends the last word; most characters are
      // ASCII, whose kind is read from a table
      const unit = i < cleaned.length ? cleaned.charCodeAt(i) : 0;
      const length = unit < 128 ? ASCII_WORD[unit]! : wordCharacterLength(cleaned, i);
      if (length > 0) {
        if (start < 0) {
          start = i;
          hash = FNV_OFFSET;
        }
        hash = Math.imul(hash ^ unit, FNV_PRIME);
        if (length === 2) hash = Math.imul(hash ^ cleaned.charCodeAt(i + 1), FNV_PRIME);
        i += length;
        continue;
      }
      if (start >= 0) {
        const word = this.wordAt(cleaned, start, i, hash);
        if (word.tokenIds.length > 0) words.push(word);
        start = -1;
      }
      i++;
    }
    return words;
  }

  /** The word `text.slice(start, end)`, whose FNV-1a hash is `hash`, numbered on first sight. */
  private wordAt(text: string, start: number, end: number, hash: number): Word {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (let entry = this.slots[slot]!; entry !== 0; entry = this.slots[slot]!) {
      const raw = this.raws[entry - 1]!;
      if (this.hashes[entry - 1] === hash && raw.length === end - start && text.startsWith(raw, start)) {
        return this.wordList[entry - 1]!;
      }
      slot = (slot + 1) & mask;
    }
    const raw = text.slice(start, end);
    const word = this.numbered(wordTokens(raw));
    this.raws.push(raw);
    this.hashes.push(hash);
    this.wordList.push(word);
    this.slots[slot] = this.raws.length;
    if (2 * this.raws.length > this.slots.length) this.rehash();
    return word;
  }

  /** Doubles the hash table, keeping it at most half full. */
  private rehash(): void {
    this.slots = new Int32Array(2 * this.slots.length);
    const mask = this.slots.length - 1;
    this.hashes.forEach((hash, i) => {
      let slot = hash & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = i + 1;
    });
  }

  private addTerm(term: string): void {
    this.termList.push(term);
    if (this.termList.length > this.counted.length) {
      this.counted = doubled(this.counted);
      this.frequency = doubled(this.frequency);
    }
  }

  private numbered(tokens: readonly string[]): Word {
    const tokenIds = tokens.map((token) => idOf(this.tokenIds, token));
    const termIds = tokens.map((token) => {
      const term = this.processTerm(token);
      if (!term) return -1;
      const id = idOf(this.termIds, term);
      if (id === this.termList.length) this.addTerm(term);
      return id;
    });
    return { tokenIds, termIds };
  }
}

// Whether each ASCII character is kept inside words (1) or separates them (0), as wordCharacterLength says.
const ASCII_WORD = Uint8Array.from({ length: 128 }, (_unit, unit) => wordCharacterLength(String.fromCharCode(unit), 0));

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function idOf(ids: Map<string, number>, key: string): number {
  let id = ids.get(key);
  if (id === undefined) {
    id = ids.size;
    ids.set(key, id);
  }
  return id;
}

function doubled(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const next = new Int32Array(2 * array.length);
  next.set(array);
  return next;
}
