import { parseArgs } from 'node:util';
import { z } from 'zod';

/** What `npm run bench -- <flags>` may set. */
export interface BenchOptions {
  /** Seconds of measured load per target (default 10). */
  duration: number;
  /**
   * Seconds of load before each measurement, not counted (default: 0.4 × the duration, 1 to 4 s): the Bot Framework
   * stack runs about 4 s before its throughput settles (the JIT), the bare route much less.
   */
  warmup: number;
  /** Connections kept busy at once (default 10). */
  connections: number;
  /** Multiples of the knowledge the index is built at (default 1, 10, 100, 1000). */
  scales: number[];
  /** Passages of the index-build target, near-copies of the knowledge (default 100,000; 0 skips it). */
  buildPassages: number;
  /** Passages of the realistic synthetic library, its build and questions timed (default 100,000; 0 skips it). */
  realisticPassages: number;
  /** Exit 1 when a target is missed (default: report only). */
  check: boolean;
  /** Print one JSON document instead of the table (default false). */
  json: boolean;
  /** Profile the bot under load (`node --cpu-prof`), written to `<out>/profiles` (default false). */
  cpuProf: boolean;
  /** Folder for the CPU profiles (default `dist/bench`, git-ignored). */
  out: string;
}

const positive = (name: string) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .refine((n) => Number.isFinite(n) && n > 0, `${name} must be > 0`);

const OptionsSchema = z.object({
  duration: positive('--duration').default(10),
  warmup: z.coerce.number().min(0, '--warmup must be >= 0').optional(),
  connections: positive('--connections').pipe(z.number().int('--connections must be a whole number')).default(10),
  scales: z
    .string()
    .default('1,10,100,1000')
    .transform((value) => value.split(',').map((s) => Number(s.trim())))
    .refine((list) => list.length > 0 && list.every((n) => Number.isInteger(n) && n > 0), {
      error: '--scales must be whole numbers > 0, e.g. 1,10,100,1000',
    }),
  'build-passages': z.coerce.number().int().min(0, '--build-passages must be >= 0').default(100_000),
  'realistic-passages': z.coerce.number().int().min(0, '--realistic-passages must be >= 0').default(100_000),
  check: z.boolean().default(false),
  json: z.boolean().default(false),
  'cpu-prof': z.boolean().default(false),
  out: z.string().min(1).default('dist/bench'),
});

/** Reads the command line; throws an Error naming the flag. */
export function parseBenchOptions(argv: string[]): BenchOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        duration: { type: 'string' },
        warmup: { type: 'string' },
        connections: { type: 'string' },
        scales: { type: 'string' },
        'build-passages': { type: 'string' },
        'realistic-passages': { type: 'string' },
        check: { type: 'boolean' },
        json: { type: 'boolean' },
        'cpu-prof': { type: 'boolean' },
        out: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    // an unknown flag or a flag without its value
    throw new Error(`bench: ${(error as Error).message}`);
  }
  const parsed = OptionsSchema.safeParse(values);
  if (!parsed.success) throw new Error(`bench: ${parsed.error.issues[0]!.message}`);
  const o = parsed.data;
  return {
    duration: o.duration,
    warmup: o.warmup ?? Math.min(4, Math.max(1, o.duration * 0.4)),
    connections: o.connections,
    scales: [...new Set(o.scales)].sort((a, b) => a - b),
    buildPassages: o['build-passages'],
    realisticPassages: o['realistic-passages'],
    check: o.check,
    json: o.json,
    cpuProf: o['cpu-prof'],
    out: o.out,
  };
}
