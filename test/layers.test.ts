import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, relative, resolve } from 'node:path';
import { expect } from 'chai';

// The layers of the README's "How it works", checked: no import cycle between the top-level folders, no file a
// reader cannot take in at once, and a lint (biome.json, noRestrictedImports per folder) that refuses an import
// against the direction, naming the rule.

const ROOT = resolve('.');
const MAX_LINES = 300;

function sources(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(folder, file));
}

/** The unit a file belongs to: dialogs/, a top-level folder of src/, or a file at the root of src/ on its own. */
function unitOf(file: string): string {
  const parts = relative(ROOT, resolve(ROOT, file)).split('/');
  if (parts[0] === 'dialogs') return 'dialogs';
  return parts.length > 2 ? `src/${parts[1]}` : parts.join('/');
}

/** Relative imports and re-exports of a file (static, type-only and dynamic), as repository paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const specifiers = [
    ...text.matchAll(/\b(?:import|export)\b[^'"`;]*?\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]/g),
    ...text.matchAll(/\bimport\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g),
  ].map((m) => m[1]!);
  return specifiers.map((s) => normalize(join(dirname(file), s)).replace(/\.js$/, '.ts'));
}

/** Each unit's imports of other units. */
function unitGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of [...sources('src'), ...sources('dialogs')]) {
    const from = unitOf(file);
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const target of importsOf(file)) {
      expect(existsSync(join(ROOT, target)), `${file} imports ${target}, which does not exist`).to.equal(true);
      const to = unitOf(target);
      if (to !== from) edges.add(to);
    }
  }
  return graph;
}

/** A cycle through the graph as a path (`a -> b -> a`), or null. */
function findCycle(graph: Map<string, Set<string>>): string | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (unit: string): string | null => {
    if (state.get(unit) === 'done') return null;
    if (state.get(unit) === 'open') return [...path.slice(path.indexOf(unit)), unit].join(' -> ');
    state.set(unit, 'open');
    path.push(unit);
    for (const next of graph.get(unit) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(unit, 'done');
    return null;
  };
  for (const unit of graph.keys()) {
    const cycle = visit(unit);
    if (cycle) return cycle;
  }
  return null;
}

describe('Layers', function () {
  this.timeout(30_000);

  it('have no import cycle between the top-level folders of src/ and dialogs/', () => {
    const graph = unitGraph();
    expect(graph.get('src/storage'), 'storage imports only itself').to.deep.equal(new Set());
    expect(findCycle(graph)).to.equal(null);
  });

  it('finds a cycle when there is one (the check itself)', () => {
    const graph = new Map([
      ['src/text', new Set(['src/replies'])],
      ['src/replies', new Set(['src/text'])],
    ]);
    expect(findCycle(graph)).to.equal('src/text -> src/replies -> src/text');
  });

  it(`have no file in src/ or dialogs/ over ${MAX_LINES} lines`, () => {
    const long = [...sources('src'), ...sources('dialogs')]
      .map((file) => ({ file, lines: readFileSync(join(ROOT, file), 'utf8').split('\n').length - 1 }))
      .filter((f) => f.lines > MAX_LINES);
    expect(long).to.deep.equal([]);
  });

  describe('the lint (biome.json)', () => {
    let dir: string;
    const cases = {
      // [file, import, the layer the refusal names (null: allowed)]
      wrong: [
        ['src/storage/wrong.ts', '../leads/leadIntake.js', 'src/storage is the bottom layer'],
        ['src/storage/sqlite/wrong.ts', '../../operations/insights.js', 'src/storage is the bottom layer'],
        ['src/leads/wrong.ts', '../../dialogs/turnHandler.js', 'never import dialogs/ or src/channels/'],
        ['src/replies/wrong.ts', '../channels/teams/teamsCards.js', 'never import dialogs/ or src/channels/'],
        ['src/operations/wrong.ts', 'botbuilder', 'Bot Framework types stay in the channels'],
        ['src/answers/wrong.ts', '../config.js', 'only the composition root'],
        ['dialogs/wrong.ts', '../src/channels/teams/teamsChannel.js', 'never imports a channel'],
        ['src/channels/teams/wrong.ts', '../../../dialogs/rootDialog.js', 'through dialogs/conversation.ts only'],
      ],
      right: [
        ['src/storage/sqlite/right.ts', '../storeError.js'],
        ['src/leads/right.ts', '../storage/leadStore.js'],
        ['dialogs/right.ts', '../src/leads/leadForm.js'],
        ['src/channels/teams/right.ts', '../../../dialogs/conversation.js'],
      ],
    } as const;

    before(() => {
      // the repository's lint settings, over files placed where the layers are
      dir = mkdtempSync(join(tmpdir(), 'investor-bot-layers-'));
      const config = JSON.parse(readFileSync(join(ROOT, 'biome.json'), 'utf8')) as Record<string, unknown>;
      delete config.$schema;
      writeFileSync(join(dir, 'biome.json'), JSON.stringify(config));
      for (const [file, from] of [...cases.wrong, ...cases.right]) {
        mkdirSync(join(dir, dirname(file)), { recursive: true });
        writeFileSync(join(dir, file), `import * as other from '${from}';\n\nexport const used = other;\n`);
      }
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('refuses an import against the layers with a message naming the rule, and lets the others pass', () => {
      const run = spawnSync(join(ROOT, 'node_modules', '.bin', 'biome'), ['lint', '--reporter=json', '.'], {
        cwd: dir,
        encoding: 'utf8',
      });
      expect(run.status, run.stderr).to.equal(1);
      const { diagnostics } = JSON.parse(run.stdout) as {
        diagnostics: { category: string; message: string; location: { path: string } }[];
      };
      const found = diagnostics.map((d) => [d.location.path, d.category, d.message] as const);
      for (const [file, , layer] of cases.wrong) {
        const refusal = found.find(([path]) => path === file);
        expect(refusal, `no refusal for ${file}`).to.not.equal(undefined);
        expect(refusal![1]).to.equal('lint/style/noRestrictedImports');
        expect(refusal![2])
          .to.match(/^Layers \(README, How it works\): /)
          .and.to.include(layer);
      }
      expect(found.filter(([path]) => path.endsWith('right.ts'))).to.deep.equal([]);
    });
  });
});
