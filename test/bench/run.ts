import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { evaluateChecks, TARGETS } from './checks.js';
import { type ChildHandle, startChild } from './childProcess.js';
import { formatCheck, formatReport } from './format.js';
import type { BuildPoint, ScalePoint } from './indexScaling.js';
import { TARGET_KINDS, type TargetKind } from './ipc.js';
import { measureTarget, type TargetFigures } from './measureTarget.js';
import { type BenchOptions, parseBenchOptions } from './options.js';
import { summariseProfile } from './profileSummary.js';
import type { BenchReport } from './report.js';
import { renderScalingChart } from './svgChart.js';

// `npm run bench -- [--duration s] [--warmup s] [--connections n] [--scales 1,10,100,1000] [--build-passages n]
// [--check] [--json] [--cpu-prof] [--out dir]`: progress goes to stderr, the report (or JSON) to stdout; exit 1
// with --check when a target is missed, 2 when the bench itself fails (a target that does not start or answer).
// See options.ts for the defaults.
const progress = (line: string) => process.stderr.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
  const started = performance.now();
  // before any child starts: what else was running on the machine
  const loadAverage = loadavg()[0]!;
  const options = parseBenchOptions(argv);
  const out = resolve(options.out);
  mkdirSync(out, { recursive: true });

  const targets = await measureTargets(options);
  const { scaling, build } = await measureIndex(options);
  const chart = join(out, 'index-scaling.svg');
  writeFileSync(chart, renderScalingChart(scaling, build, TARGETS.maxBuildMs));
  const profileFile = targets.bot.profile;
  const report: BenchReport = {
    environment: {
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
      platform: `${process.platform} ${process.arch}`,
      loadAverage,
    },
    options,
    targets,
    botToEchoRatio: targets.bot.load.turnsPerSec / targets.echo.load.turnsPerSec,
    dialogToEchoRatio: targets.dialog.load.turnsPerSec / targets.echo.load.turnsPerSec,
    botHeapMb: targets.bot.afterLoad.heapUsedMb,
    scaling,
    build,
    chart,
    profile: profileFile ? { file: profileFile, summary: summariseProfile(profileFile) } : null,
    checks: evaluateChecks(targets.bot, targets.echo, build, options.connections),
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

/** Every scale in one process, then the build target in a fresh one (its heap is not the leftovers of the last). */
async function measureIndex(options: BenchOptions): Promise<{ scaling: ScalePoint[]; build: BuildPoint | null }> {
  const scaling: ScalePoint[] = [];
  await inScalingProcess(async (child) => {
    for (const copies of options.scales) {
      const point = await child.request({ type: 'scale', copies });
      progress(`index ${copies}×: ${point.passages} passages, build ${point.buildMs.toFixed(0)} ms`);
      scaling.push(point);
    }
  });
  if (options.buildPassages === 0) return { scaling, build: null };
  const build = await inScalingProcess((child) => child.request({ type: 'build', passages: options.buildPassages }));
  progress(`index build of ${build.passages} passages: ${build.buildMs.toFixed(0)} ms`);
  return { scaling, build };
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
