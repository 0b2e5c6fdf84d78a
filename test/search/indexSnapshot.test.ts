import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { type KnowledgeBase, loadKnowledge } from '../../src/knowledge/loader.js';
import {
  indexCodeFiles,
  openIndex,
  SNAPSHOT_FILE,
  snapshotKey,
  writeSnapshot,
} from '../../src/search/indexSnapshot.js';
import { indexData, type MiniSearchIndex } from '../../src/search/miniSearchIndex.js';
import { Glossary } from '../../src/text/glossary.js';
import { realisticLibrary } from '../bench/realisticLibrary.js';
import { buildApp } from '../helpers/buildApp.js';
import { capturingLogger } from '../helpers/logCapture.js';

const KNOWLEDGE_DIR = fileURLToPath(new URL('../../knowledge/', import.meta.url));

/** Every question of the golden and held-out sets. */
function questions(): string[] {
  return ['golden.json', 'holdout.json', 'holdout-de.json'].flatMap((file) =>
    (JSON.parse(readFileSync(new URL(`../golden/${file}`, import.meta.url), 'utf8')) as { turns: string[] }[]).flatMap(
      (c) => c.turns,
    ),
  );
}

function hits(index: MiniSearchIndex, question: string) {
  return index.search(question).hits.map((h) => [h.passage.id, h.rank, h.coverage, h.sentenceCoverage]);
}

function cpuMs(work: () => void): number {
  const before = process.cpuUsage();
  work();
  const { user, system } = process.cpuUsage(before);
  return (user + system) / 1000;
}

// Issue 20.3: with INDEX_CACHE_DIR set, a restart on unchanged knowledge loads the search index from its snapshot
// instead of counting every word again; the loaded index must be the built one, and a snapshot of other knowledge,
// or a damaged one, must never be used.
describe('The search index snapshot', function () {
  this.timeout(120_000);
  let knowledge: KnowledgeBase;
  let glossary: Glossary;
  const dirs: string[] = [];
  const tempDir = () => {
    dirs.push(mkdtempSync(join(tmpdir(), 'investor-index-cache-')));
    return dirs.at(-1)!;
  };
  before(async () => {
    knowledge = await loadKnowledge(KNOWLEDGE_DIR);
    glossary = new Glossary(knowledge.glossary.entries);
  });
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('is written by the first start and loaded by the next, which answers every question as the built index does', () => {
    const dir = tempDir();
    const first = openIndex(knowledge.passages, knowledge.documents, glossary, dir);
    const second = openIndex(knowledge.passages, knowledge.documents, glossary, dir);
    expect([first.source, first.problem, second.source, second.problem]).to.deep.equal([
      'built',
      undefined,
      'snapshot',
      undefined,
    ]);
    for (const question of questions()) {
      expect(hits(second.index, question), question).to.deep.equal(hits(first.index, question));
    }
  });

  it('is kept in INDEX_CACHE_DIR by the bot: its first start builds the index, the next loads it, and says so', async () => {
    const dir = tempDir();
    const sources: unknown[] = [];
    for (const start of [1, 2]) {
      const log = capturingLogger('info');
      const app = await buildApp({ INDEX_CACHE_DIR: dir }, { logger: log.logger });
      await app.close();
      sources.push(
        ...log.lines.filter((l) => l.msg === 'search index ready').map((l) => [start, l.source, l.passages]),
      );
    }
    const passages = knowledge.passages.length;
    expect(sources).to.deep.equal([
      [1, 'built', passages],
      [2, 'snapshot', passages],
    ]);
    expect(readFileSync(join(dir, SNAPSHOT_FILE)).length).to.be.greaterThan(0);
  });

  it('is not used for changed knowledge: a changed passage, heading or document title is indexed as it now reads', () => {
    const dir = tempDir();
    openIndex(knowledge.passages, knowledge.documents, glossary, dir);
    const [passage, ...rest] = knowledge.passages;
    const changes = [
      { passages: [{ ...passage!, text: `${passage!.text} Zanzibar.` }, ...rest], documents: knowledge.documents },
      {
        passages: [{ ...passage!, headings: [...passage!.headings, 'Zanzibar'] }, ...rest],
        documents: knowledge.documents,
      },
      {
        passages: knowledge.passages,
        documents: knowledge.documents.map((d) => (d.id === passage!.documentId ? { ...d, title: 'Zanzibar' } : d)),
      },
    ];
    for (const changed of changes) {
      const opened = openIndex(changed.passages, changed.documents, glossary, dir);
      expect(opened.source).to.equal('built');
      expect(opened.index.search('Zanzibar').hits[0]?.passage.id).to.equal(passage!.id);
    }
  });

  // docs/security.md 47
  it('is loaded only when its hash of the passages, documents and search and text code matches; otherwise rebuilt, with the reason logged (47)', async () => {
    const { passages, documents } = knowledge;
    // the key covers every file of src/search and src/text, as they run: a change to any one is another key
    const code = indexCodeFiles();
    const folders = ['../../src/search/', '../../src/text/'].map((f) => fileURLToPath(new URL(f, import.meta.url)));
    const names = folders.flatMap((dir) => readdirSync(dir).filter((n) => statSync(join(dir, n)).isFile()));
    expect(code.map(([name]) => name.split('/').at(-1)).sort()).to.deep.equal(names.sort());
    const key = snapshotKey(passages, documents);
    expect(snapshotKey(passages, documents, code)).to.equal(key);
    const keys = code.map((_file, i) =>
      snapshotKey(
        passages,
        documents,
        code.map(([name, source], k): [string, Buffer] => [
          name,
          k === i ? Buffer.concat([source, Buffer.from(' ')]) : source,
        ]),
      ),
    );
    expect(new Set([key, ...keys]).size).to.equal(code.length + 1);
    // a snapshot of the same knowledge made by other code is not loaded: the bot rebuilds and logs why, then the
    // next start loads the snapshot it wrote
    const dir = tempDir();
    const otherCode = code.map(([name, source]): [string, Buffer] => [
      name,
      Buffer.concat([source, Buffer.from('\n')]),
    ]);
    writeSnapshot(
      join(dir, SNAPSHOT_FILE),
      snapshotKey(passages, documents, otherCode),
      indexData(passages, documents),
    );
    const starts: unknown[] = [];
    for (const start of [1, 2]) {
      const log = capturingLogger('info');
      const app = await buildApp({ INDEX_CACHE_DIR: dir }, { logger: log.logger });
      await app.close();
      starts.push(
        ...log.lines.filter((l) => l.msg === 'search index ready').map((l) => [start, l.source, l.reason ?? null]),
      );
    }
    expect(starts).to.deep.equal([
      [1, 'built', 'the search index snapshot was made from other passages, documents or search code: rebuilt'],
      [2, 'snapshot', null],
    ]);
  });

  it('is rebuilt, with the reason given, when the file is damaged or cut short', () => {
    const dir = tempDir();
    const reference = openIndex(knowledge.passages, knowledge.documents, glossary, dir).index;
    const file = `${dir}/${SNAPSHOT_FILE}`;
    const good = readFileSync(file);
    const damaged = Buffer.from(good);
    // a document id in the middle of the postings, far out of range
    damaged.writeInt32LE(1_000_000, good.length - 4 * Math.floor(good.length / 8));
    for (const bytes of [good.subarray(0, good.length - 100), damaged, Buffer.from('not a snapshot')]) {
      writeFileSync(file, bytes);
      const opened = openIndex(knowledge.passages, knowledge.documents, glossary, dir);
      expect(opened.source).to.equal('built');
      expect(opened.problem).to.match(/search index snapshot .* not used: /);
      for (const question of questions().slice(0, 20)) {
        expect(hits(opened.index, question), question).to.deep.equal(hits(reference, question));
      }
      // and the good one written again
      expect(openIndex(knowledge.passages, knowledge.documents, glossary, dir).source).to.equal('snapshot');
    }
  });

  it('loads a large library in a fraction of the time its build takes', () => {
    const library = realisticLibrary(knowledge, 20_000);
    const dir = tempDir();
    let built: MiniSearchIndex | undefined;
    let loaded: MiniSearchIndex | undefined;
    const buildMs = cpuMs(() => (built = openIndex(library.passages, library.documents, glossary, dir).index));
    const loadMs = cpuMs(() => (loaded = openIndex(library.passages, library.documents, glossary, dir).index));
    expect(loadMs, `load ${loadMs.toFixed(0)} ms, build ${buildMs.toFixed(0)} ms`).to.be.below(buildMs / 2);
    for (const question of questions().slice(0, 50)) {
      expect(hits(loaded!, question), question).to.deep.equal(hits(built!, question));
    }
  });
});
