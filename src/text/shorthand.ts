import { commonnessRank } from './generalFrequency.js';
import { boundedDistance } from './levenshtein.js';

/**
 * Notes-style shorthand that investors type and no document writes ("# of cos w/ robotics", "clusters w/o
 * dental"), spelt out so that a question is read as the words it stands for. Only symbols: abbreviated words are
 * the glossary's.
 */
const SHORTHAND: readonly [RegExp, string][] = [
  [/(^|[\s(])w\/o(?=[\s,.?!)]|$)/gi, '$1without'],
  [/(^|[\s(])w\/\s?(?=[a-z])/gi, '$1with '],
  // "cluster #14" is cluster number 14; "# of firms", "#firms" the number of firms
  [/#\s?(?=\d)/g, 'number '],
  [/(^|[\s(])#\s?(?:of\s)?(?=\p{L})/gu, '$1number of '],
  [/\s->\s?|\s=>\s?/g, ': '],
];

/** The message with its shorthand symbols spelt out. */
export function spellOutShorthand(text: string): string {
  if (!/[#/>]/.test(text)) return text;
  let spelt = text;
  for (const [pattern, words] of SHORTHAND) spelt = spelt.replace(pattern, words);
  return spelt;
}

// The words that make a question a question: typed wrong ("wich", "waht", "mnay"), they are read as meant.
const QUESTION_WORDS = ['which', 'what', 'where', 'when', 'who', 'whom', 'whose', 'how', 'many', 'much'];
// A typed word among everyday English's commonest (SUBTLEX ranks below this) is taken as written.
const EVERYDAY = 10_000;

/** The message with misspelt question words corrected, when the typed word is no everyday English word. */
export function correctQuestionWords(text: string): string {
  return text.replace(/\p{L}+/gu, (word) => {
    const folded = word.toLowerCase();
    if (folded.length < 3 || QUESTION_WORDS.includes(folded)) return word;
    if ((commonnessRank(folded) ?? Number.POSITIVE_INFINITY) < EVERYDAY) return word;
    const near = QUESTION_WORDS.filter(
      (q) => Math.abs(q.length - folded.length) <= 1 && boundedDistance(folded, q, 1) <= 1,
    );
    // a letter left out is the commonest slip: "whos" is "whose" before it is "who"
    const meant = near.find((q) => q.length > folded.length) ?? near.find((q) => q.length === folded.length) ?? near[0];
    return meant ?? word;
  });
}
