import type { KnowledgeBase } from '../../src/knowledge/loader.js';
import { MiniSearchIndex } from '../../src/search/miniSearchIndex.js';
import type { Glossary } from '../../src/text/glossary.js';
import { syntheticPassageCount, syntheticPassages } from './syntheticPassages.js';

/** Index build and query time at one size of the knowledge. */
export interface ScalePoint {
  /** Multiple of the real knowledge. */
  scale: number;
  passages: number;
  buildMs: number;
  /** Heap the index holds, after a full GC (MB). */
  indexHeapMb: number;
  query: QueryTimes;
}

/** Search times of the question mix against one index (ms per question). */
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

/**
 * Questions are timed for at least this long (and at least MIN_QUERIES of them) per size, at most three rounds of
 * the mix: enough for a stable mean at small sizes without a minute of queries at large ones.
 */
const QUERY_BUDGET_MS = 1_000;
const MIN_QUERIES = 5;

/** Builds the index over `scale` copies of the knowledge and times the questions against it. */
export function measureScale(
  knowledge: KnowledgeBase,
  glossary: Glossary,
  scale: number,
  questions: readonly string[],
): ScalePoint {
  const passages = syntheticPassages(knowledge.passages, scale);
  const { index, buildMs, indexHeapMb } = timedBuild(knowledge, glossary, passages);
  return { scale, passages: passages.length, buildMs, indexHeapMb, query: timeQueries(index, questions) };
}

/** Builds an index of exactly `count` passages. */
export function measureBuild(knowledge: KnowledgeBase, glossary: Glossary, count: number): BuildPoint {
  const passages = syntheticPassageCount(knowledge.passages, count);
  const { buildMs, indexHeapMb } = timedBuild(knowledge, glossary, passages);
  return { passages: passages.length, buildMs, indexHeapMb };
}

function timedBuild(knowledge: KnowledgeBase, glossary: Glossary, passages: KnowledgeBase['passages']) {
  const before = heapAfterGc();
  const started = performance.now();
  const index = new MiniSearchIndex(passages, knowledge.documents, glossary);
  const buildMs = performance.now() - started;
  return { index, buildMs, indexHeapMb: Math.max(0, heapAfterGc() - before) };
}

function timeQueries(index: MiniSearchIndex, questions: readonly string[]): QueryTimes {
  // the first searches compile the search code; they are not what a running bot pays
  for (const question of questions.slice(0, 2)) index.search(question);
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < 3 * questions.length; i++) {
    if (times.length >= MIN_QUERIES && performance.now() - started >= QUERY_BUDGET_MS) break;
    const t = performance.now();
    index.search(questions[i % questions.length]!);
    times.push(performance.now() - t);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    count: times.length,
    meanMs: times.reduce((sum, t) => sum + t, 0) / times.length,
    p50Ms: sorted[Math.floor((sorted.length - 1) / 2)]!,
    maxMs: sorted.at(-1)!,
  };
}

function heapAfterGc(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}
