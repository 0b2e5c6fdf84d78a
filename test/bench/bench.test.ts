import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { formatReport } from './format.js';
import type { BenchReport } from './report.js';

/** Runs a command in the project folder; resolves to its exit code and stdout (exit codes 0 and 1 only). */
function run(command: string, args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: 90_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? error.code : 0;
      if (code === 0 || code === 1) resolve({ code, stdout });
      else reject(new Error(`${error?.message}\n${stderr}`));
    });
  });
}

describe('npm run bench', function () {
  // about 25 s on two cores: four servers for 1 s each after 1 s of warm-up, and two small indexes
  this.timeout(90_000);
  const out = mkdtempSync(join(tmpdir(), 'investor-bench-test-'));
  let report: BenchReport;
  let exitCode: number;

  before(async () => {
    // the real command; 1,000-passage libraries stand in for the 100,000-passage ones (about a minute alone)
    const { code, stdout } = await run('npm', [
      ...['run', '--silent', 'bench', '--', '--duration', '1', '--scales', '1,10'],
      ...['--build-passages', '1000', '--realistic-passages', '1000', '--json', '--check', '--out', out],
    ]);
    report = JSON.parse(stdout) as BenchReport;
    exitCode = code;
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  it('measures turns/s, p50 and p99 latency, CPU per turn and peak RSS for the bare route, the echo bot, the dialog floor and the bot', () => {
    for (const kind of ['bare', 'echo', 'dialog', 'bot'] as const) {
      const { load, afterLoad, perTurn } = report.targets[kind];
      expect(perTurn.cpuMs, kind).to.be.greaterThan(0);
      expect(perTurn.loopBusyMs, kind).to.be.greaterThan(0);
      expect(load.ok, kind).to.be.greaterThan(0);
      expect(load.turnsPerSec, kind).to.be.greaterThan(0);
      expect(load.non2xx, kind).to.equal(0);
      expect(load.p50Ms, kind).to.be.a('number').and.at.least(0);
      expect(load.p99Ms, kind).to.be.at.least(load.p50Ms);
      expect(afterLoad.peakRssMb, kind).to.be.greaterThan(10);
    }
  });

  it('states the bot against the dialog floor of the same run: turns/s, CPU per turn and p99', () => {
    const { bot, dialog } = report.targets;
    expect(report.botToFloor.turnsPerSec).to.be.closeTo(bot.load.turnsPerSec / dialog.load.turnsPerSec, 1e-9);
    expect(report.botToFloor.cpuPerTurn).to.be.closeTo(bot.perTurn.cpuMs / dialog.perTurn.cpuMs, 1e-9);
    expect(report.botToFloor.extraCpuMs).to.be.closeTo(bot.perTurn.cpuMs - dialog.perTurn.cpuMs, 1e-9);
    expect(report.botToFloor.p99).to.be.closeTo(bot.load.p99Ms / Math.max(1, dialog.load.p99Ms), 1e-9);
    const text = formatReport(report);
    expect(text).to.include(`bot / dialog floor: turns/s ${(100 * report.botToFloor.turnsPerSec).toFixed(1)} %`);
    expect(text).not.to.match(/of the echo bot/);
  });

  it('checks the first turn by hand, and the capture server gets a reply for every turn of every bot', () => {
    expect(report.targets.bot.firstTurn).to.include('1,894');
    expect(report.targets.dialog.firstTurn).to.include('How many hospitals does Germany have altogether?');
    for (const kind of ['echo', 'dialog', 'bot'] as const) {
      const { replies, turnsAnswered } = report.targets[kind];
      expect(replies.activities, kind).to.be.at.least(turnsAnswered);
      expect(replies.errorReplies, kind).to.equal(0);
      expect(replies.slowDown, kind).to.equal(0);
    }
    expect(report.targets.bare.replies.activities).to.equal(0);
    expect(report.warnings).to.deep.equal([]);
  });

  it('reports the heap of the bot with the default knowledge after a full GC', () => {
    expect(report.targets.bot.afterLoad.afterGc).to.equal(true);
    expect(report.botHeapMb).to.be.greaterThan(10);
  });

  it("times the index build and the questions at every scale and on the realistic library, beside MiniSearch's own exact and fuzzy search", () => {
    expect(report.scaling.map((s) => [s.library, s.scale])).to.deep.equal([
      ['near-copy', 1],
      ['near-copy', 10],
      ['realistic', null],
    ]);
    const [one, ten, realistic] = report.scaling;
    expect(ten!.passages).to.equal(10 * one!.passages);
    expect(realistic!.passages).to.equal(1000);
    // the realistic library started twice with INDEX_CACHE_DIR: built, then loaded from its snapshot
    expect(realistic!.snapshotLoadMs).to.be.greaterThan(0);
    expect([one!.snapshotLoadMs, ten!.snapshotLoadMs]).to.deep.equal([null, null]);
    for (const point of report.scaling) {
      expect(point.buildMs).to.be.greaterThan(0);
      const { first, repeat, exact, fuzzy } = point.query;
      // every question of the mix but small talk, each once; MiniSearch's only for those with words to search
      expect(first.count).to.equal(35);
      expect(repeat.count).to.equal(35);
      expect(exact.count).to.equal(fuzzy.count).and.be.within(25, 35);
      for (const times of [first, repeat, exact, fuzzy]) {
        expect(times.meanMs).to.be.greaterThan(0);
        expect(times.maxMs).to.be.at.least(times.p50Ms);
      }
    }
    expect(report.build).to.include({ passages: 1000 });
    // one row per library in the text table
    const rows = formatReport(report)
      .split('\n')
      .filter((line) => /^(near-copy \d+×|realistic) /.test(line));
    expect(rows).to.have.length(3);
  });

  it('times search-and-answer on the default knowledge, warm', () => {
    expect(report.answer.passages).to.equal(report.scaling[0]!.passages);
    expect(report.answer.times.count).to.equal(10 * 35);
    expect(report.answer.times.meanMs).to.be.greaterThan(0);
  });

  it('holds the figures against the eight targets, skips those it did not measure at their size, and exits 1 on a miss with --check', () => {
    const checks = report.checks;
    expect(checks).to.have.length(8);
    for (const check of checks) expect(['pass', 'fail', 'skip']).to.include(check.status);
    expect(checks[0]!.actual).to.be.closeTo(100 * report.botToFloor.turnsPerSec, 1e-9);
    expect(checks[1]!.actual).to.be.closeTo(report.botToFloor.p99, 1e-9);
    // no 1000× scale, a 1,000-passage realistic library and build: not the targets' sizes
    expect(checks.slice(2, 6).map((c) => c.status)).to.deep.equal(['skip', 'skip', 'skip', 'skip']);
    expect(checks[5]!.actual).to.equal(report.scaling[2]!.snapshotLoadMs! / 1000);
    expect(checks[6]!.actual).to.equal(report.botHeapMb);
    expect(checks[7]!.actual).to.equal(report.answer.times.meanMs);
    // --check: exit 1 exactly when a target is missed
    expect(exitCode).to.equal(checks.some((c) => c.status === 'fail') ? 1 : 0);
  });
});
