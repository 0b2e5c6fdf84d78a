import type { Share } from './profileSummary.js';
import type { BenchReport, Check } from './report.js';

/** The report as the terminal shows it: the load table, sanity lines, index scaling, and PASS/FAIL lines. */
export function formatReport(report: BenchReport): string {
  const { options, environment, targets } = report;
  const lines = [
    `investor bot benchmark ${report.date}: node ${environment.node}, ${environment.cpus} × ${environment.cpuModel}, load average ${environment.loadAverage.toFixed(2)} at the start`,
    `load: ${options.connections} connections, ${options.warmup} s warm-up + ${options.duration} s measured per target` +
      (options.cpuProf ? ' (dialog floor and bot under the CPU profiler: slower than usual)' : ''),
    '',
    table(
      [
        'target',
        'turns/s',
        'p50 ms',
        'p99 ms',
        'max ms',
        'CPU ms/turn',
        'busy ms/turn',
        'peak RSS MB',
        'heap MB',
        'non-2xx',
        'errors',
      ],
      Object.values(targets).map((t) => [
        t.kind,
        t.load.turnsPerSec.toFixed(0),
        String(t.load.p50Ms),
        String(t.load.p99Ms),
        String(t.load.maxMs),
        t.perTurn.cpuMs.toFixed(3),
        t.perTurn.loopBusyMs.toFixed(3),
        t.afterLoad.peakRssMb.toFixed(0),
        t.afterLoad.heapUsedMb.toFixed(1),
        String(t.load.non2xx),
        String(t.load.errors),
      ]),
    ),
    `bot / dialog floor: turns/s ${(100 * report.botToFloor.turnsPerSec).toFixed(1)} %, CPU per turn ${report.botToFloor.cpuPerTurn.toFixed(2)} × (${report.botToFloor.extraCpuMs.toFixed(3)} ms more), p99 ${report.botToFloor.p99.toFixed(2)} ×`,
    '  (dialog floor: the echo bot through one botbuilder-dialogs turn with its state in SQLite, the least a bot of this design pays;',
    '  latency in whole ms, as autocannon records it; CPU of the server process only, busy = its event loop not idle; heap after a full GC)',
    '',
    `first turns: ${Object.values(targets)
      .map((t) => `${t.kind} ${t.firstTurn}`)
      .join('; ')}`,
    `capture server: ${Object.values(targets)
      .map((t) =>
        t.kind === 'bare'
          ? `bare ${t.replies.activities} replies (the bare route sends none)`
          : `${t.kind} ${t.replies.activities} replies to ${t.turnsAnswered} turns (${t.replies.errorReplies} error replies, ${t.replies.slowDown} "slow down", ${t.replies.typing} typing)`,
      )
      .join('; ')}`,
    `bot log lines at warn or above during the load: ${targets.bot.logLines}`,
    `heap with the default knowledge (bot, after a full GC): ${targets.bot.idle.heapUsedMb.toFixed(1)} MB after start-up, ${report.botHeapMb.toFixed(1)} MB after the load`,
    '',
    "index build and questions: the bot's search (first sight, then repeated) against MiniSearch's own search of the same query text on the same index",
    table(
      [
        'library',
        'passages',
        'build',
        'snapshot load',
        'heap MB',
        'p50',
        'repeat p50',
        'mean',
        'max',
        'exact p50',
        'fuzzy p50',
        'p50/exact',
        'p50/fuzzy',
      ],
      report.scaling.map((s) => [
        s.library === 'near-copy' ? `near-copy ${s.scale}×` : s.library,
        String(s.passages),
        formatMs(s.buildMs),
        s.snapshotLoadMs === null ? '' : formatMs(s.snapshotLoadMs),
        s.indexHeapMb.toFixed(0),
        formatMs(s.query.first.p50Ms),
        formatMs(s.query.repeat.p50Ms),
        formatMs(s.query.first.meanMs),
        formatMs(s.query.first.maxMs),
        formatMs(s.query.exact.p50Ms),
        formatMs(s.query.fuzzy.p50Ms),
        (s.query.first.p50Ms / s.query.exact.p50Ms).toFixed(2),
        (s.query.first.p50Ms / s.query.fuzzy.p50Ms).toFixed(2),
      ]),
    ),
    '  (near-copy: copies of the real passages with distinct ids and a quarter of their words made up, the worst case;',
    '  realistic: documents with their own vocabulary, Zipf-distributed, beside the real knowledge, built as a first start with',
    '  INDEX_CACHE_DIR set (the snapshot written too), then started again on it unchanged (snapshot load), its questions on the loaded index;',
    `  exact: MiniSearch's search with prefix and fuzzy off; fuzzy: with the engine's options; ${report.scaling[0]?.query.first.count ?? 0} questions each)`,
    report.build
      ? `build of ${report.build.passages} near-copy passages: ${formatMs(report.build.buildMs)} (index heap ${report.build.indexHeapMb.toFixed(0)} MB)`
      : 'build target: not measured',
    `search-and-answer with the default knowledge (${report.answer.passages} passages), warm: mean ${formatMs(report.answer.times.meanMs)}, p50 ${formatMs(report.answer.times.p50Ms)}, max ${formatMs(report.answer.times.maxMs)} (${report.answer.times.count} questions)`,
  ];
  if (report.profile) {
    const { summary, file, floorFile, beyondFloor } = report.profile;
    lines.push(
      '',
      `CPU profiles under load: bot ${file}, dialog floor ${floorFile} (more: tsx test/bench/profileSummary.ts <file>)`,
      'the bot beyond the dialog floor, self time by module in ms per turn (under the profiler; a native call counts for its caller):',
      ...beyondFloor
        .slice(0, 15)
        .map((r) => `  ${r.ms.toFixed(3).padStart(7)} ms  ${r.percent.toFixed(1).padStart(5)} %  ${r.name}`),
      'the bot, self time by function:',
      ...shares(summary.functions, 10),
    );
  }
  lines.push(...report.warnings.map((w) => `WARNING ${w}`));
  lines.push('', 'targets', ...report.checks.map(formatCheck), '', `bench took ${report.seconds.toFixed(0)} s`);
  return `${lines.join('\n')}\n`;
}

/** `PASS  name: actual`, `FAIL  …`, or `SKIP  name: why`. */
export function formatCheck(check: Check): string {
  const actual = check.actual === null ? 'n/a' : `${Number(check.actual.toPrecision(3))} ${check.unit}`;
  const detail = check.status !== 'skip' ? actual : check.actual === null ? check.note : `${actual} (${check.note})`;
  return `${check.status.toUpperCase().padEnd(5)} ${check.name}: ${detail}`;
}

function shares(rows: Share[], top: number): string[] {
  return rows.slice(0, top).map((r) => `  ${r.percent.toFixed(1).padStart(5)} %  ${r.name}`);
}

/** Columns padded to their widest cell; the first left-aligned, the others right-aligned. */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

/** `0.05 ms`, `0.5 ms`, `12 ms`, `3.4 s`. */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${Number((ms / 1000).toPrecision(3))} s`;
  return `${Number(ms.toPrecision(ms < 1 ? 2 : 3))} ms`;
}
