import type { Passage } from '../../src/knowledge/types.js';

/**
 * The knowledge made `copies` times larger: copy 0 is the real passages, every further copy has distinct ids and
 * about a quarter of its longer words replaced by made-up ones, so the index grows in documents and in vocabulary
 * (as a bigger library on the same subject would), not just in postings of the same terms.
 */
export function syntheticPassages(passages: readonly Passage[], copies: number): Passage[] {
  const out: Passage[] = [];
  for (let copy = 0; copy < copies; copy++) {
    for (const passage of passages) out.push(copy === 0 ? passage : variant(passage, copy));
  }
  return out;
}

/** The first `count` passages of {@link syntheticPassages}: as many copies as needed, cut to the exact size. */
export function syntheticPassageCount(passages: readonly Passage[], count: number): Passage[] {
  return syntheticPassages(passages, Math.ceil(count / passages.length)).slice(0, count);
}

function variant(passage: Passage, copy: number): Passage {
  return {
    ...passage,
    id: `${passage.id}~${copy}`,
    headings: passage.headings.map((h) => varyWords(h, copy)),
    sentences: passage.sentences.map((s) => ({ ...s, text: varyWords(s.text, copy) })),
    text: varyWords(passage.text, copy),
  };
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'vo', 'xe', 'zu', 'pi', 'do', 'ge', 'bu', 'fa', 'sy', 'wi'];

/**
 * A word is replaced or kept by (word, copy) only, so a passage's text, sentences and headings change alike. The
 * made-up words (three or four syllables, 69,632 of them) grow the vocabulary with the copies, more slowly as it
 * fills, as real text does; they share no prefix with real words, so they do not swell every prefix search the way
 * suffixed copies of real words ("hospitalkalo") would.
 */
function varyWords(text: string, copy: number): string {
  return text.replace(/\p{L}{5,}/gu, (word) => {
    const h = fnv1a(`${word}\u0000${copy}`);
    if (h % 4 !== 0) return word;
    const syllables = [h >>> 2, h >>> 6, h >>> 10].map((bits) => SYLLABLES[bits & 15]);
    if ((h >>> 14) & 1) syllables.push(SYLLABLES[(h >>> 15) & 15]);
    return syllables.join('');
  });
}

/** FNV-1a, 32 bits: cheap, deterministic, spread well enough to pick words. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
