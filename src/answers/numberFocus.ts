import { STOPWORDS, YEAR } from '../search/stopwords.js';
import type { Concept } from '../search/types.js';
import { phraseWords } from '../text/fold.js';
import { boundedMemo } from '../text/memo.js';
import { stem } from '../text/stem.js';

const CURRENCY = new Set(['eur', 'euro', 'euros', 'usd', 'dollar', 'dollars']);

// Words between a figure and what it counts: "36+ university hospitals", "1,400 patent applications".
const UNIT = new Set(['percent', 'per', 'cent', 'million', 'billion', 'thousand', 'some', 'in', 'of', ...CURRENCY]);

// Figures written as words: "six universities", "one billion euros", "two thirds".
const NUMBER_WORD =
  /^(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|half|third|thirds|quarter|twice|twofold|dozen)$/;

// Words after a figure that may name what it counts.
const NOUN_PHRASE = 4;

/**
 * A sentence's words with its figures joined ("1,400" -> "1400") and "%" spelt out, remembered per sentence
 * (bounded: see boundedMemo): the same passages' sentences are weighed question after question.
 */
const figureWords = boundedMemo(
  (sentence) => phraseWords(sentence.replace(/(\d)[,.](?=\d{3}\b)/g, '$1').replace(/%/g, ' percent')),
  10_000,
);

/** The focus of a figure that counts what the question asks (a word it names follows the figure). */
export const COUNTS_ASKED = 0.25;

/** The focus of a sentence that has no figure at all. */
export const NO_FIGURE = -0.3;

/**
 * How well a sentence answers "how many …": a figure followed by what the question counts scores highest, a figure
 * followed by something else ("3,000 beds" for "how many hospitals") lowest; no figure at all is worse still.
 */
export function numberFocus(
  sentence: string,
  concepts: readonly Concept[],
  counted: readonly Concept[] = [],
  countsOnly = false,
): number {
  const words = figureWords(sentence);
  // a figure should count what the question counts ("how many *hospitals*"), else anything it asks about
  const asked = new Set((counted.length > 0 ? counted : concepts).flatMap((c) => c.alternatives.flat()));
  // a fact line names what its figures count before a colon ("Employees: 15,500 in life sciences / 10,500 in …")
  const label = /^([^:\d]{2,40}):/.exec(sentence)?.[1];
  const labelCounts = label !== undefined && phraseWords(label).some((w) => asked.has(stem(w)));
  let best = /\d/.test(sentence) || words.some((w) => NUMBER_WORD.test(w)) ? -0.1 : NO_FIGURE;
  words.forEach((word, i) => {
    if (!(/^\d/.test(word) || NUMBER_WORD.test(word)) || YEAR.test(word)) return;
    // "how many firms" is not answered by a share of something ("about 70 % of the branch"), but "how many
    // medtech firms are SMEs" is, by a share of those firms ("93 percent of all medtech companies")
    if (countsOnly && (words[i + 1] === 'percent' || words[i + 1] === 'per')) {
      // the share must be of what is counted, named after it ("how many *medtech firms*": "93 percent of all
      // medtech companies …"; not "70 % of the life sciences branch" for "how many life sciences firms")
      const after = new Set(words.slice(i + 2).map(stem));
      const named = counted.slice(0, 2);
      if (named.length > 0 && named.every((c) => c.alternatives.some((a) => a.every((w) => after.has(w))))) {
        best = Math.max(best, COUNTS_ASKED);
      }
      return;
    }
    const next = words.slice(i + 1, i + 5).find((w) => !UNIT.has(w) && !/^\d/.test(w) && !NUMBER_WORD.test(w));
    // an amount of money ("EUR 102 billion") is what "how much" asks for, whatever word follows it
    const money = CURRENCY.has(words[i - 1] ?? '') || words.slice(i + 1, i + 3).some((w) => CURRENCY.has(w));
    // what a figure counts may follow a word that describes it ("300 *commercial* enterprises")
    const following = words
      .slice(i + 1, i + 1 + NOUN_PHRASE)
      .filter((w) => !UNIT.has(w) && !STOPWORDS.has(w) && !/^\d/.test(w));
    if (next === undefined || STOPWORDS.has(next) || money) best = Math.max(best, 0.1);
    if (next !== undefined && (labelCounts || following.slice(0, 2).some((w) => asked.has(stem(w))))) {
      best = Math.max(best, COUNTS_ASKED);
    }
  });
  return best;
}

// A share as a sentence writes it: "about 70 %", "93 percent", "two thirds", "half of", "a quarter".
const SHARE = /\d\s?(%|percent|per cent)|\b(half|third|thirds|quarter|quarters|fifth|fifths)\b/i;

/** How well a sentence answers "what share …": a share scores as a figure that counts what is asked. */
export function shareFocus(sentence: string): number {
  if (SHARE.test(sentence)) return COUNTS_ASKED;
  return /\d/.test(sentence) ? -0.1 : NO_FIGURE;
}
