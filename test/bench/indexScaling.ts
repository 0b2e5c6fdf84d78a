import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type MiniSearch from 'minisearch';
import { Answerer } from '../../src/answers/answerer.js';
import { Sections } from '../../src/answers/sections.js';
import type { KnowledgeBase } from '../../src/knowledge/loader.js';
import type { KnowledgeDocument, Passage } from '../../src/knowledge/types.js';
import { openIndex } from '../../src/search/indexSnapshot.js';
import { MiniSearchIndex } from '../../src/search/miniSearchIndex.js';
import { engineQuery } from '../../src/search/query.js';
import type { Glossary } from '../../src/text/glossary.js';
import type { Library } from './realisticLibrary.js';
import { syntheticPassageCount, syntheticPassages } from './syntheticPassages.js';

/** The synthetic libraries: copies of the knowledge with some words varied, or documents with their own words. */
export type LibraryKind = 'near-copy' | 'realistic';

/** Index build and question times over one library. */
export interface ScalePoint {
  library: LibraryKind;
  /** Multiple of the real knowledge (near-copy libraries; null for the realistic one). */
  scale: number | null;
  passages: number;
  /** The build; for the realistic library, a first start with INDEX_CACHE_DIR set (the snapshot written too). */
  buildMs: number;
  /** The next start on the unchanged library: the index loaded from its snapshot (realistic library only). */
  snapshotLoadMs: number | null;
  /** Heap the index holds, after a full GC (MB). */
  indexHeapMb: number;
  query: SearchTimes;
}

/**
 * The bot's search against MiniSearch's own search of the same query text on the same index, question by
 * question: the bot's search does that search's work and more (reading the question, re-ranking, term sets), so
 * the ratio shows how much of the time is the engine's and how much the bot's.
 */
export interface SearchTimes {
  /** The bot's search (`MiniSearchIndex.search`), each question of the mix the first time the index sees it. */
  first: QueryTimes;
  /** The same questions a second time (the words' look-ups are remembered). */
  repeat: QueryTimes;
  /** MiniSearch's `search` of the question's engine text, exact terms only. */
  exact: QueryTimes;
  /** The same with the engine's own options: prefix and fuzzy terms, as the bot's search asks for them. */
  fuzzy: QueryTimes;
}

/** Times of a set of questions (ms per question). */
export interface QueryTimes {
  count: number;
  meanMs: number;
  p50Ms: number;
  maxMs: number;
}

/** The build of an index of exactly `passages` passages (the 100,000-passage target). */
export interface BuildPoint {
  passages: number;
  buildMs: number;
  indexHeapMb: number;
}

/** Search-and-answer (`Answerer.answer`) with the default knowledge, warm: what a turn pays for its answer. */
export interface AnswerPoint {
  passages: number;
  times: QueryTimes;
}

/** Builds the index over `scale` near-copies of the knowledge and times the questions against it. */
export function measureScale(
  knowledge: KnowledgeBase,
  glossary: Glossary,
  scale: number,
  questions: readonly string[],
): ScalePoint {
  const passages = syntheticPassages(knowledge.passages, scale);
  return measureLibrary('near-copy', scale, { passages, documents: knowledge.documents }, glossary, questions);
}

/** Builds the index over a library and times the questions against it. */
export function measureLibrary(
  library: LibraryKind,
  scale: number | null,
  { passages, documents }: Library,
  glossary: Glossary,
  questions: readonly string[],
): ScalePoint {
  const { index, buildMs, indexHeapMb } = timedBuild(documents, glossary, passages);
  const query = timeQuestions(index, questions);
  return { library, scale, passages: passages.length, buildMs, snapshotLoadMs: null, indexHeapMb, query };
}

/**
 * The realistic library as a bot with INDEX_CACHE_DIR starts on it: first with no snapshot (built, and the snapshot
 * written), then again on the unchanged library (loaded from the snapshot); the questions run on the loaded index.
 */
export function measureStartUps(
  { passages, documents }: Library,
  glossary: Glossary,
  questions: readonly string[],
): ScalePoint {
  const dir = mkdtempSync(join(tmpdir(), 'investor-bench-index-'));
  try {
    const before = heapAfterGc();
    let started = performance.now();
    const built = openIndex(passages, documents, glossary, dir);
    const buildMs = performance.now() - started;
    const indexHeapMb = Math.max(0, heapAfterGc() - before);
    started = performance.now();
    const loaded = openIndex(passages, documents, glossary, dir);
    const snapshotLoadMs = performance.now() - started;
    if (built.source !== 'built' || loaded.source !== 'snapshot') {
      throw new Error(`bench: the index snapshot was not used (${loaded.problem ?? built.problem ?? loaded.source})`);
    }
    const query = timeQuestions(loaded.index, questions);
    return {
      library: 'realistic',
      scale: null,
      passages: passages.length,
      buildMs,
      snapshotLoadMs,
      indexHeapMb,
      query,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Builds an index of exactly `count` passages. */
export function measureBuild(knowledge: KnowledgeBase, glossary: Glossary, count: number): BuildPoint {
  const passages = syntheticPassageCount(knowledge.passages, count);
  const { buildMs, indexHeapMb } = timedBuild(knowledge.documents, glossary, passages);
  return { passages: passages.length, buildMs, indexHeapMb };
}

/**
 * Rounds of the mix answered before the timed ones, and timed: warm as a running bot is, whose code V8 has long
 * optimised (the first rounds still run code it has not).
 */
const ANSWER_WARM_ROUNDS = 10;
const ANSWER_ROUNDS = 10;

/** Times search-and-answer over the default knowledge, after the mix has been answered ten times. */
export function measureAnswer(knowledge: KnowledgeBase, glossary: Glossary, questions: readonly string[]): AnswerPoint {
  const index = new MiniSearchIndex(knowledge.passages, knowledge.documents, glossary);
  // as src/app.ts wires it
  const answerer = new Answerer(index, knowledge.documents, new Sections(knowledge.passages));
  for (let round = 0; round < ANSWER_WARM_ROUNDS; round++) for (const q of questions) answerer.answer(q);
  const times: number[] = [];
  for (let round = 0; round < ANSWER_ROUNDS; round++) {
    for (const question of questions) times.push(timed(() => answerer.answer(question)));
  }
  return { passages: index.size, times: summary(times) };
}

function timedBuild(documents: readonly KnowledgeDocument[], glossary: Glossary, passages: readonly Passage[]) {
  const before = heapAfterGc();
  const started = performance.now();
  const index = new MiniSearchIndex(passages, documents, glossary);
  const buildMs = performance.now() - started;
  return { index, buildMs, indexHeapMb: Math.max(0, heapAfterGc() - before) };
}

/**
 * Each question once through the bot's search and MiniSearch's own (exact, then fuzzy), then once more through
 * the bot's. The caller has compiled the search code before (see scalingProcess.ts), as a running bot has.
 */
function timeQuestions(index: MiniSearchIndex, questions: readonly string[]): SearchTimes {
  // the engine is private to the index; the reference searches need the very same one
  const engine = (index as unknown as { engine: MiniSearch }).engine;
  const first: number[] = [];
  const exact: number[] = [];
  const fuzzy: number[] = [];
  for (const question of questions) {
    let text = '';
    first.push(timed(() => (text = engineQuery(index.search(question).query))));
    if (!text) continue;
    exact.push(timed(() => engine.search(text, { prefix: false, fuzzy: false })));
    fuzzy.push(timed(() => engine.search(text)));
  }
  const repeat = questions.map((question) => timed(() => index.search(question)));
  return { first: summary(first), repeat: summary(repeat), exact: summary(exact), fuzzy: summary(fuzzy) };
}

function timed(work: () => unknown): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

function summary(times: readonly number[]): QueryTimes {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    count: times.length,
    meanMs: times.reduce((sum, t) => sum + t, 0) / Math.max(1, times.length),
    p50Ms: sorted[Math.floor((sorted.length - 1) / 2)] ?? 0,
    maxMs: sorted.at(-1) ?? 0,
  };
}

function heapAfterGc(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}
