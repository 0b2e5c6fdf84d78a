import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ActivityFeed } from './activityFeed.js';
import type { ChildHandle } from './childProcess.js';
import { startChild } from './childProcess.js';
import { checkFirstTurn } from './firstTurn.js';
import type { MemoryFigures, ReplyCounts, TargetKind } from './ipc.js';
import { driveLoad, type LoadFigures } from './load.js';
import type { BenchOptions } from './options.js';
import { QUESTION_MIX } from './questions.js';

/** Everything measured for one server under test. */
export interface TargetFigures {
  kind: TargetKind;
  /** What the first turn, sent by hand, got back. */
  firstTurn: string;
  load: LoadFigures;
  /**
   * The server process's CPU time and event-loop busy time per answered turn of the measured load (ms). Unlike
   * turns/s, the CPU time hardly changes when another process shares the cores; busy time adds blocking calls.
   */
  perTurn: { cpuMs: number; loopBusyMs: number };
  /** Memory after start-up, and after the load (both after a full GC, except the peak). */
  idle: MemoryFigures;
  afterLoad: MemoryFigures;
  /** Turns answered 2xx in all (first turn, warm-up and measured), and what the capture server received for them. */
  turnsAnswered: number;
  replies: ReplyCounts;
  /** Lines the server wrote during warm-up and load (it logs at warn: throttling, failed turns, …). */
  logLines: number;
  /** Where the CPU profile of the measured load went (with --cpu-prof). */
  profile: string | null;
}

/** Starts one target in its own process, checks one turn by hand, warms it up, measures it, and stops it. */
export async function measureTarget(
  kind: TargetKind,
  capture: ChildHandle,
  options: BenchOptions,
  progress: (line: string) => void,
): Promise<TargetFigures> {
  const target = await startChild('./targets.ts', [kind]);
  try {
    const firstTurn = await checkFirstTurn(kind, target, capture);
    progress(`${kind}: first turn ${firstTurn}`);
    const idle = await target.request({ type: 'memory', gc: true });
    const linesBefore = target.output().lines;
    const feed = new ActivityFeed({
      prefix: `${kind}-${Date.now().toString(36)}`,
      serviceUrl: `${capture.url}/${kind}`,
      questions: QUESTION_MIX,
    });
    const load = { connections: options.connections };
    const warm = options.warmup > 0 ? await driveLoad(target.url, feed, { ...load, seconds: options.warmup }) : null;
    const profile = PROFILED.has(kind) && options.cpuProf ? profileFile(options.out, kind) : null;
    if (profile) await target.request({ type: 'profile', start: true });
    const usageBefore = await target.request({ type: 'usage' });
    const figures = await driveLoad(target.url, feed, { ...load, seconds: options.duration });
    const usageAfter = await target.request({ type: 'usage' });
    if (profile) await target.request({ type: 'profile', start: false, file: profile });
    const afterLoad = await target.request({ type: 'memory', gc: true });
    const counts = await capture.request({ type: 'counts' });
    progress(`${kind}: ${figures.turnsPerSec.toFixed(0)} turns/s, p99 ${figures.p99Ms} ms`);
    return {
      kind,
      firstTurn,
      load: figures,
      perTurn: {
        cpuMs: (usageAfter.cpuMs - usageBefore.cpuMs) / Math.max(1, figures.ok),
        loopBusyMs: (usageAfter.loopBusyMs - usageBefore.loopBusyMs) / Math.max(1, figures.ok),
      },
      idle,
      afterLoad,
      turnsAnswered: 1 + (warm?.ok ?? 0) + figures.ok,
      replies: counts[kind] ?? { activities: 0, typing: 0, errorReplies: 0, slowDown: 0 },
      logLines: target.output().lines - linesBefore,
      profile,
    };
  } finally {
    await target.stop();
  }
}

/** The targets profiled with --cpu-prof: the bot, and the floor it is compared with. */
const PROFILED = new Set<TargetKind>(['dialog', 'bot']);

function profileFile(out: string, kind: TargetKind): string {
  const dir = resolve(out, 'profiles');
  mkdirSync(dir, { recursive: true });
  return join(dir, `${kind}-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`);
}
