import { mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { evaluateChecks } from './checks.js';
import { type ChildHandle, startChild } from './childProcess.js';
import { formatCheck, formatReport } from './format.js';
import type { AnswerPoint, BuildPoint, ScalePoint } from './indexScaling.js';
import { TARGET_KINDS, type TargetKind } from './ipc.js';
import { measureTarget, type TargetFigures } from './measureTarget.js';
import { type BenchOptions, parseBenchOptions } from './options.js';
import { beyondFloor, summariseProfile } from './profileSummary.js';
import type { BenchReport } from './report.js';

// `npm run bench -- [--duration s] [--warmup s] [--connections n] [--scales 1,10,100,1000] [--build-passages n]
// [--realistic-passages n] [--check] [--json] [--cpu-prof] [--out dir]`: progress goes to stderr, the report (or JSON) to stdout; exit 1
// with --check when a target is missed, 2 when the bench itself fails (a target that does not start or answer).
// See options.ts for the defaults.
const progress = (line: string) => process.stderr.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
  const started = performance.now();
  const date = new Date().toISOString();
  // before any child starts: what else was running on the machine
  const loadAverage = loadavg()[0]!;
  const options = parseBenchOptions(argv);
  mkdirSync(resolve(options.out), { recursive: true });

  const targets = await measureTargets(options);
  const { scaling, build, answer } = await measureIndex(options);
  const { bot, dialog: floor } = targets;
  const report: BenchReport = {
    environment: {
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
      platform: `${process.platform} ${process.arch}`,
      loadAverage,
    },
    date,
    options,
    targets,
    botToFloor: {
      turnsPerSec: bot.load.turnsPerSec / floor.load.turnsPerSec,
      cpuPerTurn: bot.perTurn.cpuMs / floor.perTurn.cpuMs,
      extraCpuMs: bot.perTurn.cpuMs - floor.perTurn.cpuMs,
      p99: bot.load.p99Ms / Math.max(1, floor.load.p99Ms),
    },
    botHeapMb: bot.afterLoad.heapUsedMb,
    scaling,
    build,
    answer,
    profile:
      bot.profile && floor.profile
        ? {
            file: bot.profile,
            floorFile: floor.profile,
            summary: summariseProfile(bot.profile),
            beyondFloor: beyondFloor(
              { file: bot.profile, turns: bot.load.ok },
              { file: floor.profile, turns: floor.load.ok },
            ),
          }
        : null,
    checks: evaluateChecks({ bot, floor, scaling, build, answer }),
    warnings: Object.values(targets).flatMap(doubts),
    seconds: (performance.now() - started) / 1000,
  };
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  if (options.json) for (const check of report.checks) progress(formatCheck(check));
  return options.check && report.checks.some((c) => c.status === 'fail') ? 1 : 0;
}

/** Why one target's figures may not mean what they seem. */
function doubts(t: TargetFigures): string[] {
  const found: string[] = [];
  if (t.load.non2xx > 0 || t.load.errors > 0) {
    found.push(`${t.kind}: ${t.load.non2xx} non-2xx responses, ${t.load.errors} errors or timeouts`);
  }
  if (t.replies.errorReplies > 0) found.push(`${t.kind}: ${t.replies.errorReplies} error replies (failed turns)`);
  if (t.replies.slowDown > 0) found.push(`${t.kind}: ${t.replies.slowDown} "slow down" replies (throttled)`);
  if (t.kind !== 'bare' && t.replies.activities < t.turnsAnswered) {
    found.push(`${t.kind}: ${t.replies.activities} replies reached the capture server for ${t.turnsAnswered} turns`);
  }
  return found;
}

/** The servers one after the other (never two at once on two cores), all replying to one capture server. */
async function measureTargets(options: BenchOptions): Promise<Record<TargetKind, TargetFigures>> {
  const capture = await startChild('./captureProcess.ts', []);
  try {
    const figures: Partial<Record<TargetKind, TargetFigures>> = {};
    for (const kind of TARGET_KINDS) {
      progress(`${kind}: starting`);
      figures[kind] = await measureTarget(kind, capture, options, progress);
    }
    return figures as Record<TargetKind, TargetFigures>;
  } finally {
    await capture.stop();
  }
}

/**
 * Search-and-answer on the default knowledge and every near-copy scale in one process, then the realistic library
 * and the build target each in a fresh one (the heap of a big index is not the leftovers of the last).
 */
async function measureIndex(
  options: BenchOptions,
): Promise<{ scaling: ScalePoint[]; build: BuildPoint | null; answer: AnswerPoint }> {
  const scaling: ScalePoint[] = [];
  const answer = await inScalingProcess(async (child) => {
    const answered = await child.request({ type: 'answer' });
    progress(`search-and-answer, warm: mean ${answered.times.meanMs.toFixed(3)} ms`);
    for (const copies of options.scales) {
      const point = await child.request({ type: 'scale', copies });
      progress(
        `index ${copies}×: ${point.passages} passages, build ${point.buildMs.toFixed(0)} ms, p50 ${point.query.first.p50Ms.toFixed(2)} ms`,
      );
      scaling.push(point);
    }
    return answered;
  });
  if (options.realisticPassages > 0) {
    const point = await inScalingProcess((child) =>
      child.request({ type: 'realistic', passages: options.realisticPassages }),
    );
    progress(
      `realistic library: ${point.passages} passages, build ${point.buildMs.toFixed(0)} ms, p50 ${point.query.first.p50Ms.toFixed(2)} ms`,
    );
    scaling.push(point);
  }
  if (options.buildPassages === 0) return { scaling, build: null, answer };
  const build = await inScalingProcess((child) => child.request({ type: 'build', passages: options.buildPassages }));
  progress(`index build of ${build.passages} passages: ${build.buildMs.toFixed(0)} ms`);
  return { scaling, build, answer };
}

async function inScalingProcess<T>(work: (child: ChildHandle) => Promise<T>): Promise<T> {
  const child = await startChild('./scalingProcess.ts', []);
  try {
    return await work(child);
  } finally {
    await child.stop();
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    progress(`bench: interrupted (${signal})`);
    process.exit(130);
  });
}
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  },
);
