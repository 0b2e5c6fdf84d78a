/** Text folding shared by search, the glossary, contact routing and the cluster finder. */

const GERMAN_FOLDS: Record<string, string> = { ä: 'a', ö: 'o', ü: 'u', ß: 'ss', Ä: 'a', Ö: 'o', Ü: 'u' };
// ue/oe/ae spellings of umlauts fold to the same key as the umlaut (Suedwest = Südwest = Sudwest) after a
// consonant. English words fold too ("blue" -> "blu"), harmlessly: questions and documents fold alike.
const UMLAUT_DIGRAPH = /([bcdfghjklmnpqrstvwxz])(ue|oe|ae)/g;

/** Lower-case, strip accents and fold umlaut spellings: "Südwest", "Suedwest" and "Sudwest" all give "sudwest". */
export function foldWord(word: string): string {
  const lowered = word
    .replace(/[äöüßÄÖÜ]/g, (c) => GERMAN_FOLDS[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  return lowered.replace(UMLAUT_DIGRAPH, (_m, consonant: string, digraph: string) => consonant + digraph[0]);
}

/** Removes characters that never carry meaning in a question: controls, bidi overrides, zero-width marks. */
export function cleanText(text: string): string {
  return (
    text
      .normalize('NFC')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ')
      .replace(/[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
  );
}

/** Splits text into folded word tokens; keeps internal dots and hyphens of names like "health.textil" or "5-HT". */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const raw of cleanText(text).split(/[^\p{L}\p{N}.\-'’&®]+/u)) {
    const trimmed = raw.replace(/^[.\-'’&®]+|[.\-'’&®]+$/g, '').replace(/['’]s$/, '');
    if (!trimmed) continue;
    for (const part of splitCompound(trimmed)) tokens.push(foldWord(part));
  }
  return tokens;
}

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
