/**
 * The part of speech of each word of an English question, from wink-nlp's maintained English model (tagged in
 * context, so "rent" in "the rent for offices" is a noun). Search uses it to tell an unknown word that names what is
 * asked about ("visa", "rent") from one that only carries the question ("put", "roughly", "kindly").
 */
import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';
import { phraseWords } from './fold.js';

/** What a word does in the question: names a thing, describes one, or only builds the sentence. */
export type WordClass = 'noun' | 'adjective' | 'function';

// universal POS tags (https://universaldependencies.org/u/pos/) of words that name something asked about
const NAMING = new Set(['NOUN', 'PROPN', 'NUM', 'X', 'SYM']);

let nlp: ReturnType<typeof winkNLP> | undefined;

/**
 * Loads the English model (about 0.1 s, 16 MB) at start-up, so that the first question does not wait for it. Only
 * the part-of-speech tagger runs: wink-nlp's other annotations (sentences, entities, negation, sentiment) were a
 * third of reading a question, and no tag depends on them (the tagger reads the tokens alone).
 */
export function loadWordClasses(): ReturnType<typeof winkNLP> {
  nlp ??= winkNLP(model, ['pos']);
  return nlp;
}

/**
 * The class of each folded word of an English text (as {@link phraseWords} splits it). A word used as a noun
 * anywhere in the text counts as a noun.
 */
export function wordClassesOf(text: string): Map<string, WordClass> {
  const english = loadWordClasses();
  const tokens = english.readDoc(text).tokens();
  const values = tokens.out(english.its.value);
  const tags = tokens.out(english.its.pos);
  const classes = new Map<string, WordClass>();
  values.forEach((value, i) => {
    const tag = tags[i] ?? 'X';
    const wordClass: WordClass = NAMING.has(tag) ? 'noun' : tag === 'ADJ' ? 'adjective' : 'function';
    for (const word of phraseWords(value)) {
      const seen = classes.get(word);
      if (seen === undefined || rank(wordClass) > rank(seen)) classes.set(word, wordClass);
    }
  });
  return classes;
}

function rank(wordClass: WordClass): number {
  return wordClass === 'noun' ? 2 : wordClass === 'adjective' ? 1 : 0;
}
