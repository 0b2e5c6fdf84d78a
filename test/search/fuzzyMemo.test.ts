import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import MiniSearch from 'minisearch';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { memoizeFuzzyLookups } from '../../src/search/fuzzyMemo.js';
import { MiniSearchIndex } from '../../src/search/miniSearchIndex.js';
import { defaultQueryLimits } from '../../src/search/queryLimits.js';
import { Glossary } from '../../src/text/glossary.js';

const KNOWLEDGE_DIR = fileURLToPath(new URL('../../knowledge/', import.meta.url));

/** Every question the golden and holdout sets ask (each turn of each case). */
function goldenQuestions(): string[] {
  return ['golden.json', 'holdout.json', 'holdout-de.json'].flatMap((file) => {
    const cases = JSON.parse(readFileSync(new URL(`../golden/${file}`, import.meta.url), 'utf8')) as {
      turns: string[];
    }[];
    return cases.flatMap((c) => c.turns);
  });
}

// Fuzzy look-ups are remembered (src/search/fuzzyMemo.ts): a remembered answer must be the answer, however often
// and in whatever order words come, also once the memory is full and starts over.
describe('Remembered fuzzy look-ups', () => {
  it('give every golden and holdout question exactly the hits of an index that remembers nothing', async () => {
    const knowledge = await loadKnowledge(KNOWLEDGE_DIR);
    const glossary = new Glossary(knowledge.glossary.entries);
    const plain = new MiniSearchIndex(knowledge.passages, knowledge.documents, glossary, defaultQueryLimits, 0);
    // a small memory, so that it fills and starts over during the run
    const remembering = new MiniSearchIndex(knowledge.passages, knowledge.documents, glossary, defaultQueryLimits, 50);
    const questions = goldenQuestions();
    expect(questions.length).to.be.greaterThan(300);
    const summary = (question: string, index: MiniSearchIndex) =>
      index.search(question).hits.map((h) => [h.passage.id, h.rank, h.coverage, h.sentenceCoverage]);
    for (const round of [1, 2]) {
      for (const question of questions) {
        expect(summary(question, remembering), `${question} (round ${round})`).to.deep.equal(summary(question, plain));
      }
    }
  });

  it('looks each word up once, and hands out copies that the engine may change', () => {
    const engine = new MiniSearch<never>({ fields: ['text'] });
    engine.addAll([
      { id: 1, text: 'hospital hospitals' },
      { id: 2, text: 'hostel' },
    ] as never[]);
    const index = (engine as unknown as { _index: { fuzzyGet(t: string, d: number): Map<string, unknown> } })._index;
    let walks = 0;
    const walk = index.fuzzyGet.bind(index);
    index.fuzzyGet = (term, distance) => {
      walks++;
      return walk(term, distance);
    };
    expect(memoizeFuzzyLookups(engine)).to.equal(true);
    const first = index.fuzzyGet('hospitel', 1);
    expect([...first.keys()]).to.deep.equal(['hospital']);
    first.clear();
    expect([...index.fuzzyGet('hospitel', 1).keys()]).to.deep.equal(['hospital']);
    expect(walks).to.equal(1);
    expect(engine.search('hospitel', { fuzzy: 1 }).map((r) => r.id)).to.deep.equal([1]);
    expect(walks).to.equal(1);
    // another distance is another look-up
    expect([...index.fuzzyGet('hospitel', 2).keys()].sort()).to.deep.equal(['hospital', 'hospitals', 'hostel']);
    expect(walks).to.equal(2);
  });

  it('leaves an engine it does not recognise alone', () => {
    expect(memoizeFuzzyLookups({} as MiniSearch<never>)).to.equal(false);
  });
});
