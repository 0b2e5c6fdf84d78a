import { execFile } from 'node:child_process';

/** Times `count` sequential GETs of `url` from a separate process, starting after `delayMs`; resolves to the ms. */
export function probeHealth(url: string, count: number, delayMs: number): Promise<number[]> {
  const script = `
    const [url, count, delay] = process.argv.slice(1);
    setTimeout(async () => {
      const times = [];
      for (let i = 0; i < Number(count); i++) {
        const started = performance.now();
        await (await fetch(url)).arrayBuffer();
        times.push(performance.now() - started);
      }
      process.stdout.write(JSON.stringify(times));
    }, Number(delay));`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', script, url, String(count), String(delayMs)], (error, stdout) =>
      error ? reject(error) : resolve(JSON.parse(stdout) as number[]),
    );
  });
}

/** Heap in use after a full collection (.mocharc.json gives node --expose-gc). */
export function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
  return process.memoryUsage().heapUsed;
}
