import type { BuildPoint, ScalePoint } from './indexScaling.js';

/** One point of a panel: where it is, and its tooltip. */
interface Point {
  x: number;
  y: number;
  scale: number;
  title: string;
}

/** A panel: log-log axes, one line through the points, and optional extra marks (the build target). */
interface Panel {
  title: string;
  series: string;
  points: Point[];
  marks: { x: number; y: number; title: string; kind: 'target' | 'measured' }[];
}

const WIDTH = 960;
const HEIGHT = 440;
const PLOT = { top: 60, height: 300, width: 380, lefts: [80, 560] };

/**
 * The index-scaling chart as a standalone SVG, hand-written: build time and query time against the number of
 * passages, both axes logarithmic (the sizes span three decades, so a straight line's slope is the growth order).
 * Each measured size is one `<circle class="point">` carrying `data-series` and `data-scale`.
 */
export function renderScalingChart(
  scales: readonly ScalePoint[],
  build: BuildPoint | null,
  buildTargetMs: number,
): string {
  const buildPanel: Panel = {
    title: 'Index build time',
    series: 'build',
    points: scales.map((s) => ({
      x: s.passages,
      y: s.buildMs,
      scale: s.scale,
      title: `${s.scale}×: ${s.passages} passages, build ${formatMs(s.buildMs)}`,
    })),
    marks: build
      ? [
          { x: build.passages, y: buildTargetMs, title: `target: ≤ ${formatMs(buildTargetMs)}`, kind: 'target' },
          {
            x: build.passages,
            y: build.buildMs,
            title: `${build.passages} passages: ${formatMs(build.buildMs)}`,
            kind: 'measured',
          },
        ]
      : [],
  };
  const queryPanel: Panel = {
    title: 'Query time (mean per question)',
    series: 'query',
    points: scales.map((s) => ({
      x: s.passages,
      y: s.query.meanMs,
      scale: s.scale,
      title: `${s.scale}×: ${s.passages} passages, query ${formatMs(s.query.meanMs)} (mean of ${s.query.count})`,
    })),
    marks: [],
  };
  const xs = [...scales.map((s) => s.passages), ...(build ? [build.passages] : [])];
  const xRange = logRange(Math.min(...xs), Math.max(...xs));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${WIDTH / 2}" y="24" text-anchor="middle" font-size="15">MiniSearch index at 1× to ${Math.max(...scales.map((s) => s.scale))}× the knowledge (log–log)</text>`,
    panelSvg(buildPanel, PLOT.lefts[0]!, xRange),
    panelSvg(queryPanel, PLOT.lefts[1]!, xRange),
    `<text x="${WIDTH / 2}" y="${HEIGHT - 12}" text-anchor="middle">passages (copies of the real ones with distinct ids and varied words)</text>`,
    '</svg>',
    '',
  ].join('\n');
}

function panelSvg(panel: Panel, left: number, xRange: [number, number]): string {
  const ys = [...panel.points.map((p) => p.y), ...panel.marks.map((m) => m.y)].map((y) => Math.max(y, 0.01));
  const yRange = logRange(Math.min(...ys), Math.max(...ys));
  const px = (x: number) => left + scaleLog(x, xRange) * PLOT.width;
  const py = (y: number) => PLOT.top + PLOT.height - scaleLog(Math.max(y, 0.01), yRange) * PLOT.height;
  const bottom = PLOT.top + PLOT.height;
  const parts = [
    `<g class="panel" data-series="${panel.series}">`,
    `<text x="${left + PLOT.width / 2}" y="${PLOT.top - 14}" text-anchor="middle" font-weight="bold">${escapeXml(panel.title)}</text>`,
    `<rect x="${left}" y="${PLOT.top}" width="${PLOT.width}" height="${PLOT.height}" fill="none" stroke="#999"/>`,
  ];
  for (const tick of logTicks(yRange)) {
    const y = py(tick).toFixed(1);
    parts.push(
      `<line x1="${left}" x2="${left + PLOT.width}" y1="${y}" y2="${y}" stroke="#eee"/>`,
      `<text x="${left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${formatMs(tick)}</text>`,
    );
  }
  for (const tick of logTicks(xRange)) {
    const x = px(tick).toFixed(1);
    parts.push(
      `<line x1="${x}" x2="${x}" y1="${PLOT.top}" y2="${bottom}" stroke="#eee"/>`,
      `<text x="${x}" y="${bottom + 16}" text-anchor="middle">${formatCount(tick)}</text>`,
    );
  }
  const line = panel.points.map((p) => `${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(' ');
  parts.push(`<polyline points="${line}" fill="none" stroke="#1f6fb2" stroke-width="2"/>`);
  for (const p of panel.points) {
    const x = px(p.x).toFixed(1);
    const y = py(p.y).toFixed(1);
    parts.push(
      `<circle class="point" data-series="${panel.series}" data-scale="${p.scale}" cx="${x}" cy="${y}" r="4" fill="#1f6fb2"><title>${escapeXml(p.title)}</title></circle>`,
      `<text x="${x}" y="${(Number(y) - 9).toFixed(1)}" text-anchor="middle" font-size="10">${p.scale}×</text>`,
    );
  }
  for (const mark of panel.marks) {
    const x = px(mark.x);
    const y = py(mark.y);
    const colour = mark.kind === 'target' ? '#2a9d3a' : '#c0392b';
    parts.push(
      `<path class="${mark.kind}" d="M${x - 6},${y} L${x},${y - 6} L${x + 6},${y} L${x},${y + 6} Z" fill="${colour}"><title>${escapeXml(mark.title)}</title></path>`,
      // the target's label below its mark, the measured one's above: they may sit close together
      `<text x="${x - 4}" y="${mark.kind === 'target' ? y + 16 : y - 10}" text-anchor="end" font-size="10" fill="${colour}">${escapeXml(mark.title)}</text>`,
    );
  }
  parts.push('</g>');
  return parts.join('\n');
}

/** Whole decades around [min, max], at least one decade wide. */
function logRange(min: number, max: number): [number, number] {
  const low = 10 ** Math.floor(Math.log10(min));
  const high = 10 ** Math.ceil(Math.log10(max));
  return [low, high > low ? high : low * 10];
}

function scaleLog(value: number, [low, high]: [number, number]): number {
  return (Math.log10(value) - Math.log10(low)) / (Math.log10(high) - Math.log10(low));
}

/** A tick per decade; with two decades or fewer, also at 2 and 5 of each. */
function logTicks([low, high]: [number, number]): number[] {
  const ticks: number[] = [];
  const dense = high / low <= 100;
  for (let decade = low; decade <= high; decade *= 10) {
    ticks.push(decade);
    if (dense && decade < high) ticks.push(2 * decade, 5 * decade);
  }
  return ticks;
}

/** `0.5 ms`, `12 ms`, `3.4 s`. */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${Number((ms / 1000).toPrecision(3))} s`;
  return `${Number(ms.toPrecision(ms < 1 ? 2 : 3))} ms`;
}

/** `61`, `6.1k`, `100k`. */
function formatCount(n: number): string {
  if (n >= 1_000_000) return `${Number((n / 1_000_000).toPrecision(3))}M`;
  if (n >= 1000) return `${Number((n / 1000).toPrecision(3))}k`;
  return String(n);
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
}
