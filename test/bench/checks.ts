import type { BuildPoint } from './indexScaling.js';
import type { TargetFigures } from './measureTarget.js';
import type { Check } from './report.js';

/** The targets. */
export const TARGETS = {
  /** The bot answers at least this share (%) of the echo bot's turns/s. */
  minPercentOfEcho: 80,
  /** p99 latency of a turn, at this many connections. */
  maxP99Ms: 25,
  p99Connections: 10,
  /** Build time of an index of this many passages. */
  maxBuildMs: 5_000,
  buildPassages: 100_000,
  /** Heap of the bot with the default knowledge, after a full GC. */
  maxHeapMb: 150,
} as const;

/** A target: its name, unit, limit, and which way it may not be crossed. */
interface Rule {
  name: string;
  unit: string;
  limit: number;
  /** `min`: at least; `max`: at most; `below`: strictly less. */
  kind: 'min' | 'max' | 'below';
}

/** Holds the run's figures against the targets; a figure measured under other conditions is skipped, not judged. */
export function evaluateChecks(
  bot: TargetFigures,
  echo: TargetFigures,
  build: BuildPoint | null,
  connections: number,
): Check[] {
  const { maxP99Ms, p99Connections, buildPassages, maxBuildMs, maxHeapMb, minPercentOfEcho } = TARGETS;
  const sizeNote = build
    ? `built ${build.passages} passages, not ${buildPassages}`
    : 'not measured (--build-passages 0)';
  return [
    judge(
      {
        name: `bot turns/s ≥ ${minPercentOfEcho} % of the echo bot's`,
        unit: '%',
        limit: minPercentOfEcho,
        kind: 'min',
      },
      (100 * bot.load.turnsPerSec) / echo.load.turnsPerSec,
    ),
    judge(
      { name: `bot p99 ≤ ${maxP99Ms} ms at ${p99Connections} connections`, unit: 'ms', limit: maxP99Ms, kind: 'max' },
      bot.load.p99Ms,
      connections === p99Connections ? undefined : `measured at ${connections} connections`,
    ),
    judge(
      {
        name: `index build for ${buildPassages.toLocaleString('en')} passages ≤ ${maxBuildMs / 1000} s`,
        unit: 's',
        limit: maxBuildMs / 1000,
        kind: 'max',
      },
      build ? build.buildMs / 1000 : null,
      build?.passages === buildPassages ? undefined : sizeNote,
    ),
    judge(
      { name: `heap < ${maxHeapMb} MB with the default knowledge`, unit: 'MB', limit: maxHeapMb, kind: 'below' },
      bot.afterLoad.heapUsedMb,
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
