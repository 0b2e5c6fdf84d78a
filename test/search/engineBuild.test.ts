import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import MiniSearch from 'minisearch';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { ENGINE_OPTIONS, MiniSearchIndex } from '../../src/search/miniSearchIndex.js';
import { Glossary } from '../../src/text/glossary.js';

const KNOWLEDGE_DIR = fileURLToPath(new URL('../../knowledge/', import.meta.url));

// The index is built without MiniSearch's addAll (src/search/engineBuild.ts fills its term index directly): it must
// be exactly what addAll builds, also after a MiniSearch upgrade.
describe('Search index build', () => {
  it("builds exactly the engine MiniSearch's own addAll builds from the same passages", async () => {
    const knowledge = await loadKnowledge(KNOWLEDGE_DIR);
    const index = new MiniSearchIndex(
      knowledge.passages,
      knowledge.documents,
      new Glossary(knowledge.glossary.entries),
    );
    const titles = new Map(knowledge.documents.map((d) => [d.id, [d.title, d.publisher ?? ''].join(' ')]));
    const reference = new MiniSearch(ENGINE_OPTIONS);
    reference.addAll(
      knowledge.passages.map((p, id) => ({
        id,
        text: p.text,
        headings: p.headings.join(' '),
        document: titles.get(p.documentId) ?? '',
      })),
    );
    const built = (index as unknown as { engine: MiniSearch }).engine;
    expect(JSON.stringify(built.toJSON())).to.equal(JSON.stringify(reference.toJSON()));
    for (const question of ['How many hospitals are there in Germany?', 'dental robotics cluster', 'Dresdn medtech']) {
      expect(built.search(question)).to.deep.equal(reference.search(question));
    }
  });
});
