import type { AnswerPoint, BuildPoint, ScalePoint } from './indexScaling.js';
import type { TargetKind } from './ipc.js';
import type { TargetFigures } from './measureTarget.js';
import type { BenchOptions } from './options.js';
import type { ProfileSummary, Share } from './profileSummary.js';

/** A target of the issue, and whether this run met it. */
export interface Check {
  name: string;
  /** The measured value and the limit, in `unit`. */
  actual: number | null;
  limit: number;
  unit: string;
  status: 'pass' | 'fail' | 'skip';
  /** Why a check was skipped (the run measured something else). */
  note?: string;
}

/**
 * The bot against the dialog floor of the same run: the echo bot through one botbuilder-dialogs turn with its state
 * in SQLite, the least any bot of this design pays per turn.
 */
export interface FloorRatios {
  /** The bot's turns/s over the floor's. */
  turnsPerSec: number;
  /** The bot's CPU time per turn over the floor's. */
  cpuPerTurn: number;
  /** The bot's CPU time per turn minus the floor's (ms): what the bot itself costs a turn. */
  extraCpuMs: number;
  /** The bot's p99 latency over the floor's. */
  p99: number;
}

/** Everything one `npm run bench` measured: what `--json` prints. */
export interface BenchReport {
  /** Where it ran; a load average near the number of CPUs at the start means other work shared them. */
  environment: { node: string; cpus: number; cpuModel: string; platform: string; loadAverage: number };
  /** When it started (ISO 8601). */
  date: string;
  options: BenchOptions;
  targets: Record<TargetKind, TargetFigures>;
  botToFloor: FloorRatios;
  /** Heap of the bot with the default knowledge, after the load and a full GC (MB). */
  botHeapMb: number;
  /** Near-copy libraries at each scale, then the realistic library (if measured). */
  scaling: ScalePoint[];
  build: BuildPoint | null;
  answer: AnswerPoint;
  /**
   * With --cpu-prof: the bot's CPU profile under load, and what it spends per turn beyond the dialog floor's (self
   * time by module, ms per turn, both under the profiler).
   */
  profile: { file: string; floorFile: string; summary: ProfileSummary; beyondFloor: Share[] } | null;
  checks: Check[];
  /** What makes figures doubtful: failed requests, error or "slow down" replies, replies missing. */
  warnings: string[];
  seconds: number;
}
