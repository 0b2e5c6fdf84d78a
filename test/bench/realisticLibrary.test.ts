import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { type KnowledgeBase, loadKnowledge } from '../../src/knowledge/loader.js';
import { realisticLibrary } from './realisticLibrary.js';

const KNOWLEDGE_DIR = fileURLToPath(new URL('../../knowledge/', import.meta.url));

function wordsOf(text: string): string[] {
  return [...text.toLowerCase().matchAll(/\p{L}+/gu)].map((m) => m[0]);
}

// The benchmark's second library must read like many documents, not like copies of the real three: otherwise its
// question times say nothing about a library that grows.
describe('The realistic synthetic library', () => {
  let knowledge: KnowledgeBase;
  before(async () => {
    knowledge = await loadKnowledge(KNOWLEDGE_DIR);
  });

  it('holds the real knowledge first, then generated documents, exactly as many passages as asked, the same every time', () => {
    const library = realisticLibrary(knowledge, 4_000);
    expect(library.passages).to.have.length(4_000);
    expect(library.passages.slice(0, knowledge.passages.length)).to.deep.equal(knowledge.passages);
    const ids = new Set(library.documents.map((d) => d.id));
    expect(library.passages.every((p) => ids.has(p.documentId))).to.equal(true);
    expect(new Set(library.passages.map((p) => p.id)).size).to.equal(4_000);
    expect(realisticLibrary(knowledge, 4_000)).to.deep.equal(library);
  });

  it('gives each document words of its own, and keeps the real words common across the library', () => {
    const { passages } = realisticLibrary(knowledge, 4_000);
    const generated = passages.slice(knowledge.passages.length);
    const byDocument = new Map<string, Set<string>>();
    for (const p of generated) {
      const words = byDocument.get(p.documentId) ?? new Set<string>();
      for (const w of wordsOf(p.text)) words.add(w);
      byDocument.set(p.documentId, words);
    }
    const [a, b] = [...byDocument.values()];
    const shared = [...a!].filter((w) => b!.has(w)).length;
    // two documents share their common words only, not most of their vocabulary as near-copies do
    expect(shared / Math.min(a!.size, b!.size)).to.be.below(0.5);
    const vocabulary = new Set(generated.flatMap((p) => wordsOf(p.text)));
    expect(vocabulary.size).to.be.greaterThan(20_000);
    // a real word the questions ask about occurs in generated passages too, but far from in all
    const withHospitals = generated.filter((p) => wordsOf(p.text).includes('hospitals')).length;
    expect(withHospitals).to.be.within(10, generated.length / 4);
  });
});
