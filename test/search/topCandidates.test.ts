import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import MiniSearch from 'minisearch';
import { type KnowledgeBase, loadKnowledge } from '../../src/knowledge/loader.js';
import type { KnowledgeDocument, Passage } from '../../src/knowledge/types.js';
import { ENGINE_OPTIONS, MiniSearchIndex } from '../../src/search/miniSearchIndex.js';
import { engineQuery } from '../../src/search/query.js';
import { defaultQueryLimits } from '../../src/search/queryLimits.js';
import { TopCandidates } from '../../src/search/topCandidates.js';
import { Glossary } from '../../src/text/glossary.js';
import { realisticLibrary } from '../bench/realisticLibrary.js';
import { syntheticPassages } from '../bench/syntheticPassages.js';

const KNOWLEDGE_DIR = fileURLToPath(new URL('../../knowledge/', import.meta.url));
const SETS = [
  'golden.json',
  'holdout.json',
  'holdout-3.json',
  'holdout-de.json',
  'blind-4.json',
  'blind-5.json',
  'blind-6.json',
  'blind-7.json',
];
const SCORING = { ...ENGINE_OPTIONS, ...ENGINE_OPTIONS.searchOptions };

/** Every question the golden, held-out and blind sets ask (each turn of each case). */
function setQuestions(): string[] {
  return SETS.flatMap((file) => {
    const cases = JSON.parse(readFileSync(new URL(`../golden/${file}`, import.meta.url), 'utf8')) as {
      turns: string[];
    }[];
    return cases.flatMap((c) => c.turns);
  });
}

function engineOf(index: MiniSearchIndex): MiniSearch {
  return (index as unknown as { engine: MiniSearch }).engine;
}

// The engine's best candidates are found over its index (src/search/topCandidates.ts) instead of by MiniSearch's
// own search: they must be MiniSearch's own, passage for passage and score for score, so that every answer stays
// what it was (issue 20.2); and remembered look-ups must not change them, however often words come back, also once
// the memory is full and starts over.
describe("The engine's best candidates", function () {
  this.timeout(120_000);
  let knowledge: KnowledgeBase;
  let glossary: Glossary;
  let questions: string[];
  before(async () => {
    knowledge = await loadKnowledge(KNOWLEDGE_DIR);
    glossary = new Glossary(knowledge.glossary.entries);
    questions = setQuestions();
  });

  it("give every golden, held-out and blind question exactly the hits of an index that asks MiniSearch's own search", () => {
    const reference = new MiniSearchIndex(
      knowledge.passages,
      knowledge.documents,
      glossary,
      defaultQueryLimits,
      'miniSearch',
    );
    // a small memory, so that it fills and starts over during the run
    const remembering = new MiniSearchIndex(knowledge.passages, knowledge.documents, glossary, defaultQueryLimits, {
      memoSize: 50,
    });
    expect(questions.length).to.be.greaterThan(1_000);
    const summary = (question: string, index: MiniSearchIndex) =>
      index.search(question).hits.map((h) => [h.passage.id, h.rank, h.coverage, h.sentenceCoverage]);
    for (const round of [1, 2]) {
      for (const question of questions) {
        expect(summary(question, remembering), `${question} (round ${round})`).to.deep.equal(
          summary(question, reference),
        );
      }
    }
  });

  for (const library of ['20 near-copies', 'a realistic 3,000-passage library'] as const) {
    it(`are MiniSearch's own, scores and order among equal scores included, over ${library}`, () => {
      const { passages, documents } =
        library === '20 near-copies'
          ? { passages: syntheticPassages(knowledge.passages, 20), documents: knowledge.documents }
          : realisticLibrary(knowledge, 3_000);
      const index = new MiniSearchIndex(passages, documents, glossary);
      const engine = engineOf(index);
      const fast = TopCandidates.of(engine, SCORING)!;
      let ties = 0;
      for (const question of questions.filter((_q, i) => i % 3 === 0)) {
        const text = engineQuery(index.search(question).query);
        const own = engine.search(text).map((r) => ({ id: r.id, score: r.score }));
        for (const count of [12, 40]) {
          expect(fast.search(text, count), `${question} (${count})`).to.deep.equal(own.slice(0, count));
        }
        if (own.length > 12 && own[11]!.score === own[12]!.score) ties++;
      }
      // near-copies score alike: the order among equal scores was put to the test
      if (library === '20 near-copies') expect(ties).to.be.greaterThan(10);
    });
  }

  it('count a query word given twice once among the words a passage matches, as MiniSearch does', () => {
    const engine = new MiniSearch(ENGINE_OPTIONS);
    const passages: Passage[] = ['hospital beds in Saxony', 'hospital hospital', 'beds and more beds'].map(
      (text, i) => ({ id: `p${i}`, documentId: 'd', headings: [], sentences: [], text }),
    );
    engine.addAll(passages.map((p, id) => ({ id, text: p.text, headings: '', document: '' })));
    const fast = TopCandidates.of(engine, SCORING)!;
    for (const text of ['hospital hospital beds', 'bed', 'hospitals saxony saxony', 'nothing', '']) {
      expect(fast.search(text, 12), text).to.deep.equal(engine.search(text).map((r) => ({ id: r.id, score: r.score })));
    }
  });

  it('leave an engine they do not recognise to its own search', () => {
    expect(TopCandidates.of({} as MiniSearch, SCORING)).to.equal(undefined);
    const documents: KnowledgeDocument[] = [];
    expect(new MiniSearchIndex([], documents, glossary).search('hospitals').hits).to.deep.equal([]);
  });
});
