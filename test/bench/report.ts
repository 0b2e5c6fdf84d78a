import type { BuildPoint, ScalePoint } from './indexScaling.js';
import type { TargetKind } from './ipc.js';
import type { TargetFigures } from './measureTarget.js';
import type { BenchOptions } from './options.js';
import type { ProfileSummary } from './profileSummary.js';

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

/** Everything one `npm run bench` measured: what `--json` prints. */
export interface BenchReport {
  /** Where it ran; a load average near the number of CPUs at the start means other work shared them. */
  environment: { node: string; cpus: number; cpuModel: string; platform: string; loadAverage: number };
  options: BenchOptions;
  targets: Record<TargetKind, TargetFigures>;
  /** The bot's turns/s over the echo bot's. */
  botToEchoRatio: number;
  /**
   * The dialog target's turns/s over the echo bot's: the ceiling of `botToEchoRatio` for any bot that runs a
   * botbuilder-dialogs turn with persisted state, as the design requires.
   */
  dialogToEchoRatio: number;
  /** Heap of the bot with the default knowledge, after the load and a full GC (MB). */
  botHeapMb: number;
  scaling: ScalePoint[];
  build: BuildPoint | null;
  chart: string;
  profile: { file: string; summary: ProfileSummary } | null;
  checks: Check[];
  /** What makes figures doubtful: failed requests, error or "slow down" replies, replies missing. */
  warnings: string[];
  seconds: number;
}
