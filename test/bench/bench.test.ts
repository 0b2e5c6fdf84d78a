import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
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

/** Elements left open or closed out of order (empty when every tag nests properly). */
function unclosedElements(xml: string): string[] {
  const open: string[] = [];
  for (const [, closing, name, selfClosing] of xml.matchAll(/<(\/?)([a-zA-Z]+)\b[^>]*?(\/?)>/g)) {
    if (selfClosing) continue;
    if (!closing) open.push(name!);
    else if (open.at(-1) === name) open.pop();
    else return [...open, `</${name}>`];
  }
  return open;
}

describe('npm run bench', function () {
  // about 25 s on two cores: four servers for 1 s each after 1 s of warm-up, and two small indexes
  this.timeout(90_000);
  const out = mkdtempSync(join(tmpdir(), 'investor-bench-test-'));
  let report: BenchReport;
  let exitCode: number;

  before(async () => {
    // the real command; a 1,000-passage build stands in for the 100,000 one (about 40 s alone)
    const { code, stdout } = await run('npm', [
      ...['run', '--silent', 'bench', '--', '--duration', '1', '--scales', '1,10'],
      ...['--build-passages', '1000', '--json', '--check', '--out', out],
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
    expect(report.botToEchoRatio).to.be.closeTo(
      report.targets.bot.load.turnsPerSec / report.targets.echo.load.turnsPerSec,
      1e-9,
    );
    expect(report.dialogToEchoRatio).to.be.closeTo(
      report.targets.dialog.load.turnsPerSec / report.targets.echo.load.turnsPerSec,
      1e-9,
    );
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

  it('times the index build and queries at every scale, with the index growing', () => {
    expect(report.scaling.map((s) => s.scale)).to.deep.equal([1, 10]);
    const [one, ten] = report.scaling;
    expect(ten!.passages).to.equal(10 * one!.passages);
    for (const point of report.scaling) {
      expect(point.buildMs).to.be.greaterThan(0);
      expect(point.query.count).to.be.at.least(5);
      expect(point.query.meanMs).to.be.greaterThan(0);
    }
    expect(report.build).to.include({ passages: 1000 });
  });

  it('draws the chart as an SVG with one point per scale in each panel', () => {
    expect(report.chart.startsWith(out)).to.equal(true);
    expect(existsSync(report.chart)).to.equal(true);
    const svg = readFileSync(report.chart, 'utf8');
    expect(svg).to.match(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*viewBox=/);
    expect(svg.trimEnd()).to.match(/<\/svg>$/);
    for (const series of ['build', 'query']) {
      const points = [
        ...svg.matchAll(new RegExp(`<circle class="point" data-series="${series}" data-scale="(\\d+)"`, 'g')),
      ];
      expect(
        points.map((m) => m[1]),
        series,
      ).to.deep.equal(['1', '10']);
    }
    expect(unclosedElements(svg)).to.deep.equal([]);
  });

  it('holds the figures against the four targets, skips the build target it did not measure, and exits 1 on a miss with --check', () => {
    expect(report.checks.map((c) => c.status)).to.have.length(4);
    for (const check of report.checks) expect(['pass', 'fail', 'skip']).to.include(check.status);
    expect(report.checks[2]!.status).to.equal('skip');
    expect(report.checks[3]!.actual).to.equal(report.botHeapMb);
    // --check: exit 1 exactly when a target is missed
    expect(exitCode).to.equal(report.checks.some((c) => c.status === 'fail') ? 1 : 0);
  });
});
