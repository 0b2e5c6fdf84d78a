/** Text folding shared by search, the glossary, contact routing and the cluster finder. */

import { boundedMemo } from './memo.js';

const GERMAN_FOLDS: Record<string, string> = { ä: 'a', ö: 'o', ü: 'u', ß: 'ss', Ä: 'a', Ö: 'o', Ü: 'u' };
// ue/oe/ae spellings of umlauts fold to the same key as the umlaut (Suedwest = Südwest = Sudwest) after a
// consonant. English words fold too ("blue" -> "blu"), harmlessly: questions and documents fold alike.
const UMLAUT_DIGRAPH = /([bcdfghjklmnpqrstvwxz])(ue|oe|ae)/g;

const NON_ASCII = /[\u0080-\uffff]/;

/** Lower-case, strip accents and fold umlaut spellings: "Südwest", "Suedwest" and "Sudwest" all give "sudwest". */
export function foldWord(word: string): string {
  // plain ASCII has no umlauts or accents to strip
  const lowered = !NON_ASCII.test(word)
    ? word.toLowerCase()
    : word
        .replace(/[äöüßÄÖÜ]/g, (c) => GERMAN_FOLDS[c] ?? c)
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase();
  return lowered.replace(UMLAUT_DIGRAPH, (_m, consonant: string, digraph: string) => consonant + digraph[0]);
}

// Every character the replaces in cleanText act on: most texts have none, and one test is cheaper than three replaces.
const UNCLEAN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ud800-\udfff]/;

/** Removes characters that never carry meaning in a question: controls, bidi overrides, zero-width marks. */
export function cleanText(text: string): string {
  const normalized = text.normalize('NFC');
  if (!UNCLEAN.test(normalized)) return normalized;
  return (
    normalized
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ')
      .replace(/[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
  );
}

const TOKEN_SEPARATORS = /[^\p{L}\p{N}.\-'’&®]+/u;

/** Splits text into folded word tokens; keeps internal dots and hyphens of names like "health.textil" or "5-HT". */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const raw of rawWords(text)) {
    if (raw) for (const token of wordTokens(raw)) tokens.push(token);
  }
  return tokens;
}

/** The text between separators, as {@link tokenize} reads it (may include empty strings). */
export function rawWords(text: string): string[] {
  return cleanText(text).split(TOKEN_SEPARATORS);
}

// Whether a character is kept inside words (the complement of TOKEN_SEPARATORS), by UTF-16 code unit: 0 not yet
// looked up, 1 kept, 2 a separator.
const WORD_CHARACTER = /^[\p{L}\p{N}.\-'’&®]$/u;
const wordUnits = new Uint8Array(0x10000);

/**
 * The length (1, or 2 for a surrogate pair) of the word character at `i` of an already cleaned text, or 0 for a
 * separator: the raw words of {@link rawWords} are the runs of word characters. For an index build, which reads
 * millions of words where they stand instead of cutting them out.
 */
export function wordCharacterLength(text: string, i: number): number {
  const unit = text.charCodeAt(i);
  if (unit >= 0xd800 && unit <= 0xdbff) {
    const next = text.charCodeAt(i + 1);
    if (next >= 0xdc00 && next <= 0xdfff) return WORD_CHARACTER.test(text.slice(i, i + 2)) ? 2 : 0;
  }
  let kind = wordUnits[unit]!;
  if (kind === 0) {
    kind = WORD_CHARACTER.test(String.fromCharCode(unit)) ? 1 : 2;
    wordUnits[unit] = kind;
  }
  return kind === 1 ? 1 : 0;
}

/**
 * The folded tokens of one raw word (none when it is only punctuation). Memoised: texts repeat their words, so each
 * distinct word is trimmed, split and folded once (bounded: see boundedMemo).
 */
export const wordTokens: (raw: string) => readonly string[] = boundedMemo((raw) => {
  const trimmed = raw.replace(/^[.\-'’&®]+|[.\-'’&®]+$/g, '').replace(/['’]s$/, '');
  return trimmed ? splitCompound(trimmed).map(foldWord) : [];
}, 100_000);

/** Hyphenated words count as both the whole and their parts ("point-of-care" also matches "care"). */
function splitCompound(token: string): string[] {
  const stripped = token.replace(/[®'’]/g, '');
  if (!/[-.&]/.test(stripped)) return [stripped];
  const parts = stripped.split(/[-.&]+/).filter((p) => p.length > 0);
  return [stripped, ...parts];
}

/** The folded words of a text split at every non-letter ("5-HT" -> ["5", "ht"]), for phrase matching. */
export function phraseWords(text: string): string[] {
  return cleanText(text)
    .replace(/['’]s\b/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .map(foldWord);
}
