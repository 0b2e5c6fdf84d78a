import type { AnswerPoint, BuildPoint, ScalePoint } from './indexScaling.js';
import type { TargetFigures } from './measureTarget.js';
import type { Check } from './report.js';

/**
 * The targets. The load targets compare the bot with the dialog floor of the same run (the least any bot of
 * this design pays per turn), the search targets with MiniSearch's own search of the same index: figures of one run
 * on one machine, so the machine's speed and load cancel out.
 */
export const TARGETS = {
  /** The bot answers at least this share (%) of the dialog floor's turns/s. */
  minPercentOfFloor: 75,
  /** The bot's p99 latency at most this multiple of the floor's. */
  maxP99OfFloor: 1.5,
  /** At this many near-copies of the knowledge, a question's p50 at most MiniSearch's own exact search's. */
  nearCopyScale: 1000,
  /** On the realistic library (of `buildPassages` passages), a question's p50 at most this. */
  maxRealisticP50Ms: 20,
  /**
   * Start-up with an index of this many passages: the near-copy library built, and the realistic library loaded
   * from its snapshot when the knowledge has not changed (INDEX_CACHE_DIR).
   */
  maxStartUpMs: 5_000,
  buildPassages: 100_000,
  /** Heap of the bot with the default knowledge, after a full GC. */
  maxHeapMb: 150,
  /** Search-and-answer with the default knowledge, warm (mean per question). */
  maxAnswerMs: 0.5,
} as const;

/** What the targets are held against. */
export interface CheckedFigures {
  bot: TargetFigures;
  floor: TargetFigures;
  scaling: readonly ScalePoint[];
  build: BuildPoint | null;
  answer: AnswerPoint;
}

/** A target: its name, unit, limit, and which way it may not be crossed. */
interface Rule {
  name: string;
  unit: string;
  limit: number;
  /** `min`: at least; `max`: at most; `below`: strictly less. */
  kind: 'min' | 'max' | 'below';
}

/** Holds the run's figures against the targets; a figure not measured at the target's size is skipped, not judged. */
export function evaluateChecks({ bot, floor, scaling, build, answer }: CheckedFigures): Check[] {
  const t = TARGETS;
  const nearCopy = scaling.find((s) => s.library === 'near-copy' && s.scale === t.nearCopyScale);
  const realistic = scaling.find((s) => s.library === 'realistic');
  const atSize = (passages: number) => (passages === t.buildPassages ? undefined : `measured on ${passages} passages`);
  return [
    judge(
      {
        name: `bot turns/s ≥ ${t.minPercentOfFloor} % of the dialog floor's`,
        unit: '%',
        limit: t.minPercentOfFloor,
        kind: 'min',
      },
      (100 * bot.load.turnsPerSec) / floor.load.turnsPerSec,
    ),
    judge(
      { name: `bot p99 ≤ ${t.maxP99OfFloor} × the dialog floor's p99`, unit: '×', limit: t.maxP99OfFloor, kind: 'max' },
      bot.load.p99Ms / Math.max(1, floor.load.p99Ms),
    ),
    judge(
      {
        name: `question p50 at ${t.nearCopyScale}× near-copies ≤ MiniSearch's own exact search (p50)`,
        unit: '×',
        limit: 1,
        kind: 'max',
      },
      nearCopy ? nearCopy.query.first.p50Ms / nearCopy.query.exact.p50Ms : null,
      nearCopy ? undefined : `not measured (--scales without ${t.nearCopyScale})`,
    ),
    judge(
      {
        name: `question p50 on the realistic ${t.buildPassages.toLocaleString('en')}-passage library ≤ ${t.maxRealisticP50Ms} ms`,
        unit: 'ms',
        limit: t.maxRealisticP50Ms,
        kind: 'max',
      },
      realistic ? realistic.query.first.p50Ms : null,
      realistic ? atSize(realistic.passages) : 'not measured (--realistic-passages 0)',
    ),
    judge(
      {
        name: `index build for ${t.buildPassages.toLocaleString('en')} near-copy passages ≤ ${t.maxStartUpMs / 1000} s`,
        unit: 's',
        limit: t.maxStartUpMs / 1000,
        kind: 'max',
      },
      build ? build.buildMs / 1000 : null,
      build ? atSize(build.passages) : 'not measured (--build-passages 0)',
    ),
    judge(
      {
        name: `start-up on the unchanged realistic ${t.buildPassages.toLocaleString('en')}-passage library ≤ ${t.maxStartUpMs / 1000} s (index snapshot loaded)`,
        unit: 's',
        limit: t.maxStartUpMs / 1000,
        kind: 'max',
      },
      realistic?.snapshotLoadMs != null ? realistic.snapshotLoadMs / 1000 : null,
      realistic ? atSize(realistic.passages) : 'not measured (--realistic-passages 0)',
    ),
    judge(
      { name: `heap < ${t.maxHeapMb} MB with the default knowledge`, unit: 'MB', limit: t.maxHeapMb, kind: 'below' },
      bot.afterLoad.heapUsedMb,
    ),
    judge(
      {
        name: `warm search-and-answer ≤ ${t.maxAnswerMs} ms (mean, default knowledge)`,
        unit: 'ms',
        limit: t.maxAnswerMs,
        kind: 'max',
      },
      answer.times.meanMs,
    ),
  ];
}

function judge(rule: Rule, actual: number | null, skip?: string): Check {
  const { name, unit, limit, kind } = rule;
  if (skip !== undefined || actual === null) {
    return { name, actual, limit, unit, status: 'skip', note: skip ?? 'not measured' };
  }
  const pass = kind === 'min' ? actual >= limit : kind === 'max' ? actual <= limit : actual < limit;
  return { name, actual, limit, unit, status: pass ? 'pass' : 'fail' };
}
