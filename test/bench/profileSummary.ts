import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

/** A V8 CPU profile as `node --cpu-prof` writes it (the fields read here). */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** Time (ms) and share of the profile. */
export interface Share {
  name: string;
  ms: number;
  percent: number;
}

/** Where the time of a profile went: by function (self), by module (self), by module (inclusive). */
export interface ProfileSummary {
  totalMs: number;
  functions: Share[];
  modulesSelf: Share[];
  modulesInclusive: Share[];
}

/** Summarises a `.cpuprofile`; `root` shortens the project's own file names. */
export function summariseProfile(file: string, root = process.cwd(), top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const moduleOf = (url: string) => moduleName(url, root);

  const functions = new Map<string, number>();
  const modulesSelf = new Map<string, number>();
  const modulesInclusive = new Map<string, number>();
  let totalMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    totalMs += ms;
    const stack: { functionName: string; url: string; lineNumber: number }[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at)!.callFrame);
    const leaf = stack[0]!;
    // a native leaf (better-sqlite3's run, JSON.parse) counts for the first caller that has a file
    const owner = stack.find((frame) => frame.url !== '') ?? leaf;
    const leafModule =
      leaf.url === '' && owner !== leaf ? moduleOf(owner.url) : moduleOf(leaf.url) || leaf.functionName;
    // no line numbers: under tsx they are those of the transpiled code
    const fn = `${leaf.functionName || '(anonymous)'}${leaf.url === '' ? ' [native]' : ''}  ${leafModule}`;
    add(functions, fn, ms);
    add(modulesSelf, leafModule, ms);
    for (const name of new Set(stack.map((frame) => moduleOf(frame.url)).filter(Boolean)))
      add(modulesInclusive, name, ms);
  });
  const shares = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms, percent: (100 * ms) / totalMs }));
  return {
    totalMs,
    functions: shares(functions),
    modulesSelf: shares(modulesSelf),
    modulesInclusive: shares(modulesInclusive),
  };
}

/** `node_modules/<package>`, the project's file, a `node:` module, or '' for native and V8 frames. */
function moduleName(url: string, root: string): string {
  if (url === '') return '';
  const path = url.startsWith('file://') ? decodeURIComponent(new URL(url).pathname) : url;
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (inPackage) return inPackage[1]!;
  if (path.startsWith('node:')) return path.replace(/^node:internal\/.*/, 'node:internal');
  return relative(root, path);
}

/**
 * What the bot spends per turn beyond the dialog floor, by module (self time, ms per turn): the bot's profile minus
 * the floor's, each over its own turns, the largest first. A module the floor spends more on comes out negative.
 */
export function beyondFloor(
  bot: { file: string; turns: number },
  floor: { file: string; turns: number },
  root = process.cwd(),
): Share[] {
  const perTurn = (file: string, turns: number) =>
    new Map(summariseProfile(file, root, Number.POSITIVE_INFINITY).modulesSelf.map((s) => [s.name, s.ms / turns]));
  const botMs = perTurn(bot.file, bot.turns);
  const floorMs = perTurn(floor.file, floor.turns);
  const totalBeyond = [...botMs.values()].reduce((a, b) => a + b, 0) - [...floorMs.values()].reduce((a, b) => a + b, 0);
  return [...new Set([...botMs.keys(), ...floorMs.keys()])]
    .map((name) => {
      const ms = (botMs.get(name) ?? 0) - (floorMs.get(name) ?? 0);
      return { name, ms, percent: (100 * ms) / totalBeyond };
    })
    .sort((a, b) => b.ms - a.ms);
}

function add(map: Map<string, number>, key: string, ms: number): void {
  map.set(key, (map.get(key) ?? 0) + ms);
}

function render(summary: ProfileSummary): string {
  const table = (title: string, rows: Share[]) =>
    [
      `${title}`,
      ...rows.map((r) => `  ${r.percent.toFixed(1).padStart(5)} %  ${r.ms.toFixed(0).padStart(7)} ms  ${r.name}`),
    ].join('\n');
  return [
    `profile: ${summary.totalMs.toFixed(0)} ms sampled`,
    table('self time by function', summary.functions),
    table('self time by module (a native call counts for its caller)', summary.modulesSelf),
    table('inclusive time by module (a sample counts once for every module on its stack)', summary.modulesInclusive),
  ].join('\n\n');
}

// `tsx test/bench/profileSummary.ts <file.cpuprofile> [top]`
if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: tsx test/bench/profileSummary.ts <file.cpuprofile> [top]\n');
    process.exit(2);
  }
  process.stdout.write(`${render(summariseProfile(file, process.cwd(), top ? Number(top) : 25))}\n`);
}
