import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AnswerPoint, BuildPoint, ScalePoint } from './indexScaling.js';
import type { ChildMessage, ChildRequest, MemoryFigures, ReplyCounts, RequestEnvelope, UsageFigures } from './ipc.js';

/** What each request answers with. */
export interface Answers {
  memory: MemoryFigures;
  usage: UsageFigures;
  counts: Record<string, ReplyCounts>;
  texts: string[];
  scale: ScalePoint;
  realistic: ScalePoint;
  build: BuildPoint;
  answer: AnswerPoint;
  profile: null;
  stop: null;
}

/** Options for {@link startChild}. */
export interface ChildOptions {
  /** How long the child may take to report that it is ready (default 30 s). */
  readyTimeoutMs?: number;
}

/** A child process the benchmark talks to over IPC. */
export interface ChildHandle {
  /** The URL it listens on ('' when it serves no HTTP). */
  url: string;
  request<T extends ChildRequest>(request: T): Promise<Answers[T['type']]>;
  /** What it wrote to stdout and stderr (the last 64 KB), and how many lines. */
  output(): { text: string; lines: number };
  /** Asks it to stop and waits for it to exit; kills it if it does not within 10 s. */
  stop(): Promise<void>;
}

const KEEP_OUTPUT = 64 * 1024;

/**
 * Forks `test/bench/<entry>` under tsx (each server under test in its own process, so its CPU and memory are its
 * own), with --expose-gc so heap figures can be taken after a full GC.
 */
export function startChild(entry: string, args: string[], options: ChildOptions = {}): Promise<ChildHandle> {
  const file = fileURLToPath(new URL(entry, import.meta.url));
  const child = fork(file, args, {
    execArgv: ['--import', 'tsx', '--expose-gc', '--disable-warning=DEP0111'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let text = '';
  let lines = 0;
  const keep = (chunk: Buffer) => {
    const s = chunk.toString();
    lines += s.split('\n').length - 1;
    text = (text + s).slice(-KEEP_OUTPUT);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);

  let nextId = 0;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // the bench ending for any reason (an error, Ctrl-C) ends its children too
  const endChild = () => child.kill('SIGTERM');
  process.on('exit', endChild);
  void exited.then(() => process.off('exit', endChild));
  void exited.then(() => {
    for (const waiter of pending.values()) waiter.reject(new Error(`bench: ${entry} exited:\n${text.slice(-4000)}`));
    pending.clear();
  });

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bench: ${entry} ${args.join(' ')} did not start:\n${text.slice(-4000)}`));
    }, options.readyTimeoutMs ?? 30_000);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`bench: ${entry} ${args.join(' ')} exited before it was ready:\n${text.slice(-4000)}`));
    });
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(handle(child, message.url));
        return;
      }
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.error !== undefined) waiter?.reject(new Error(`bench: ${entry}: ${message.error}`));
      else waiter?.resolve(message.value);
    });
  });

  function handle(running: ChildProcess, url: string): ChildHandle {
    const request = <T extends ChildRequest>(message: T) =>
      new Promise<Answers[T['type']]>((resolveAnswer, rejectAnswer) => {
        const id = nextId++;
        pending.set(id, { resolve: resolveAnswer as (value: unknown) => void, reject: rejectAnswer });
        running.send({ id, request: message } satisfies RequestEnvelope);
      });
    return {
      url,
      request,
      output: () => ({ text, lines }),
      stop: async () => {
        if (running.exitCode !== null || running.signalCode !== null) return;
        const kill = setTimeout(() => running.kill('SIGKILL'), 10_000);
        await request({ type: 'stop' }).catch(() => null);
        await exited;
        clearTimeout(kill);
      },
    };
  }
}
