import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { termsOf } from '../../src/search/miniSearchIndex.js';
import { SortedTerms } from '../../src/search/sortedTerms.js';
import { matchingTerms, WordMatcher } from '../../src/search/termMatch.js';
import { boundedDistance } from '../../src/text/levenshtein.js';
import { realisticLibrary } from '../bench/realisticLibrary.js';

const KNOWLEDGE_DIR = fileURLToPath(new URL('../../knowledge/', import.meta.url));

/** The terms of a realistic 1,000-passage library, and words to look up: real terms, typos of them, and odd ones. */
async function vocabularyAndWords(): Promise<{ terms: Set<string>; words: string[] }> {
  const knowledge = await loadKnowledge(KNOWLEDGE_DIR);
  const { passages } = realisticLibrary(knowledge, 1_000);
  const terms = new Set<string>();
  for (const p of passages) for (const t of termsOf(p.text)) terms.add(t);
  // every fifth term of the real knowledge: enough words of every length (the reference compares each with all terms)
  const real = [...termsOf(knowledge.passages.map((p) => p.text).join(' '))].filter((_t, i) => i % 5 === 0);
  const typos = real.flatMap((t) => [
    t.slice(1),
    `${t}x`,
    t.length > 3 ? t.slice(0, 2) + t[3] + t[2] + t.slice(4) : t,
    t.replace(/[aeiou]/, 'y'),
  ]);
  const odd = ['a', 'eu', 'gtai', '2023', '20233', 'how', 'mny', 'mnay', 'hospitl', 'germny', 'medizintechnik'];
  return { terms, words: [...new Set([...real, ...typos, ...odd])] };
}

// A question word's vocabulary matches (src/search/termMatch.ts) are found through the sorted terms: they must be
// exactly the terms that comparing the word with every term finds, and finding them must not read the whole
// vocabulary for every word (that made a question take a second with a large library).
describe('Word matching against the vocabulary', function () {
  this.timeout(60_000);
  let terms: Set<string>;
  let words: string[];
  before(async () => {
    ({ terms, words } = await vocabularyAndWords());
  });

  it('finds exactly the terms that comparing the word with every term finds', () => {
    expect(terms.size).to.be.greaterThan(10_000);
    expect(words.length).to.be.greaterThan(500);
    const matcher = new WordMatcher(terms);
    for (const word of words) {
      expect([...matcher.matches(word)].sort(), word).to.deep.equal(matchingTerms(word, terms).sort());
    }
  });

  it('reads the vocabulary once, not once per word', () => {
    let visited = 0;
    const counting = {
      has: (term: string) => terms.has(term),
      *keys() {
        for (const term of terms) {
          visited++;
          yield term;
        }
      },
    };
    const matcher = new WordMatcher(counting);
    for (const word of words.slice(0, 200)) matcher.matches(word);
    expect(visited).to.be.at.most(terms.size);
  });

  it('lists the terms within a number of typos as the typo distance counts them, swaps included', () => {
    const sorted = new SortedTerms(terms);
    for (const word of words.filter((_w, i) => i % 3 === 0)) {
      for (const max of [1, 2]) {
        const expected = [...terms].filter((t) => boundedDistance(word, t, max) <= max).sort();
        expect(sorted.within(word, max), `${word} ${max}`).to.deep.equal(expected);
      }
    }
    expect(sorted.withPrefix('hospit')).to.deep.equal([...terms].filter((t) => t.startsWith('hospit')).sort());
  });
});
