import { performance } from 'node:perf_hooks';

/** The servers under test: the HTTP floor, the Bot Framework floor, the floor of a bot built on dialogs, and the real bot (`targets.ts <kind>`). */
export const TARGET_KINDS = ['bare', 'echo', 'dialog', 'bot'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** Conversations whose reply texts the capture server keeps, for the check by hand before each load. */
export const CHECK_PREFIX = 'check-';

/** What a measured child process reports about its memory (MB). */
export interface MemoryFigures {
  rssMb: number;
  /** The highest resident set size since the process started. */
  peakRssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  /** Whether a full GC ran just before (the child runs with --expose-gc). */
  afterGc: boolean;
}

/**
 * What a child's process has spent since it started (ms): CPU time, and time its event loop was busy (CPU plus any
 * blocking call such as an fsync, and time the OS gave the core to another process).
 */
export interface UsageFigures {
  cpuMs: number;
  loopBusyMs: number;
}

/** Replies the capture server received for one target (the first path segment of its serviceUrl). */
export interface ReplyCounts {
  /** Every activity the bot posted (messages and typing). */
  activities: number;
  typing: number;
  /** Messages with the bot's error reply ("something went wrong"). */
  errorReplies: number;
  /** Messages with the bot's "slow down" reply: the per-conversation limit was hit. */
  slowDown: number;
}

/** Requests the parent sends a child; each is answered once. */
export type ChildRequest =
  | { type: 'memory'; gc: boolean }
  | { type: 'usage' }
  | { type: 'counts' }
  | { type: 'texts'; conversationId: string }
  | { type: 'scale'; copies: number }
  | { type: 'realistic'; passages: number }
  | { type: 'build'; passages: number }
  | { type: 'answer' }
  /** Starts the CPU profiler, or stops it and writes the profile to `file`. */
  | { type: 'profile'; start: true }
  | { type: 'profile'; start: false; file: string }
  | { type: 'stop' };

/** What a child sends: that it listens (`url` empty if it serves no HTTP), or the answer to a request. */
export type ChildMessage =
  | { type: 'ready'; url: string }
  | { type: 'answer'; id: number; value?: unknown; error?: string };

/** A request as it travels, with the id its answer carries. */
export interface RequestEnvelope {
  id: number;
  request: ChildRequest;
}

/**
 * Child side: answers the parent's requests with `handle`; after `stop` is answered, the process exits. If the
 * parent goes away or asks it to end (SIGTERM), `cleanUp` runs (at most 5 s) and the process exits; without a
 * `cleanUp`, SIGTERM ends it at once, even in the middle of a long synchronous build.
 */
export function serveParent(
  url: string,
  handle: (request: ChildRequest) => Promise<unknown>,
  cleanUp?: () => Promise<void>,
): void {
  const send = (message: ChildMessage) =>
    new Promise<void>((resolve) => {
      process.send!(message, undefined, {}, () => resolve());
    });
  process.on('message', (message: RequestEnvelope) => {
    handle(message.request).then(
      async (value) => {
        await send({ type: 'answer', id: message.id, value });
        // the target closed its server and store: nothing is left to wait for
        if (message.request.type === 'stop') process.exit(0);
      },
      (error: Error) => send({ type: 'answer', id: message.id, error: error.message }),
    );
  });
  const end = () => {
    setTimeout(() => process.exit(1), 5_000).unref();
    void (cleanUp?.() ?? Promise.resolve()).finally(() => process.exit(0));
  };
  // Ctrl-C reaches the whole process group: the parent decides, and ends this process with SIGTERM
  process.on('SIGINT', () => {});
  if (cleanUp) process.on('SIGTERM', end);
  process.on('disconnect', end);
  void send({ type: 'ready', url });
}

/** This process's CPU and event-loop busy time so far. */
export function usageFigures(): UsageFigures {
  const { user, system } = process.cpuUsage();
  return { cpuMs: (user + system) / 1000, loopBusyMs: performance.eventLoopUtilization().active };
}

/** This process's memory, after a full GC if `gc` is asked for and available. */
export function memoryFigures(gc: boolean): MemoryFigures {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (gc && collect) collect();
  const usage = process.memoryUsage();
  const mb = (bytes: number) => bytes / 1024 / 1024;
  return {
    rssMb: mb(usage.rss),
    // maxRSS is in kilobytes
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    heapUsedMb: mb(usage.heapUsed),
    heapTotalMb: mb(usage.heapTotal),
    externalMb: mb(usage.external),
    afterGc: gc && collect !== undefined,
  };
}
