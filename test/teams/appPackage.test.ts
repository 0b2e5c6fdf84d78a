import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { type AppManifest, AppManifestUtils } from '@microsoft/app-manifest';
import { expect } from 'chai';
import { unzipSync } from 'fflate';
import { fillPlaceholders } from '../../src/channels/teams/appPackage.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BOT_ID = '3f2b6c1e-8a4d-4f0b-9c7e-2d5a1b6e9f40';
const ZERO_GUID = '00000000-0000-0000-0000-000000000000';

/** Runs the real `npm run teams:package` from the repository root, with the bot identity given (none inherited). */
function teamsPackage(out: string, identity: Record<string, string>) {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', ...identity };
  for (const name of ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppType', 'MicrosoftAppTenantId']) {
    if (!(name in identity)) delete env[name];
  }
  return spawnSync('npm', ['run', '--silent', 'teams:package', '--', '--out', out], {
    cwd: REPO_ROOT,
    env,
    encoding: 'utf8',
    timeout: 50_000,
  });
}

/** The parts of manifest.json these tests read. */
interface ManifestJson {
  $schema: string;
  manifestVersion: string;
  id: string;
  version: string;
  developer: Record<string, string>;
  name: { short: string };
  description: { short: string; full: string };
  icons: { color: string; outline: string };
  bots: { botId: string; scopes: string[]; commandLists: { scopes: string[] }[] }[];
}

const readManifest = (files: Record<string, Uint8Array>): ManifestJson =>
  JSON.parse(new TextDecoder().decode(files['manifest.json']));

interface Png {
  width: number;
  height: number;
  colorType: number;
  /** Unfiltered scanlines, without their filter bytes. */
  rows: Buffer[];
}

/** Just enough PNG decoding for 8-bit, non-interlaced images: IHDR, the joined IDAT chunks, row filters undone. */
function decodePng(bytes: Uint8Array): Png {
  const buf = Buffer.from(bytes);
  expect([...buf.subarray(0, 8)], 'PNG signature').to.deep.equal([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(buf.toString('latin1', 12, 16), 'first chunk').to.equal('IHDR');
  const [width, height, bitDepth, colorType, interlace] = [
    buf.readUInt32BE(16),
    buf.readUInt32BE(20),
    buf[24]!,
    buf[25]!,
    buf[28]!,
  ];
  const idat: Buffer[] = [];
  for (let at = 8; at < buf.length; ) {
    const length = buf.readUInt32BE(at);
    if (buf.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(buf.subarray(at + 8, at + 8 + length));
    at += length + 12;
  }
  expect({ bitDepth, interlace }).to.deep.equal({ bitDepth: 8, interlace: 0 });
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colorType as 0 | 2 | 4 | 6];
  expect(channels, `colour type ${colorType}`).to.be.a('number');
  const stride = width * channels!;
  const data = inflateSync(Buffer.concat(idat));
  expect(data.length).to.equal(height * (stride + 1));
  const rows: Buffer[] = [];
  let previous = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = data[y * (stride + 1)]!;
    expect(filter, `row ${y} filter type`).to.be.within(0, 4);
    const row = Buffer.from(data.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels! ? row[i - channels!]! : 0;
      const b = previous[i]!;
      const c = i >= channels! ? previous[i - channels!]! : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
      row[i] = (row[i]! + predictor!) & 0xff;
    }
    rows.push(row);
    previous = row;
  }
  return { width, height, colorType, rows };
}

describe('npm run teams:package', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'teams-package-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('with MicrosoftAppId set', () => {
    let files: Record<string, Uint8Array>;
    let manifest: ManifestJson;
    // One build for all the checks below; its output goes into a folder that does not exist yet.
    before(() => {
      const root = mkdtempSync(join(tmpdir(), 'teams-package-'));
      try {
        // only the app id: packaging needs no secret
        const result = teamsPackage(join(root, 'nested', 'app.zip'), { MicrosoftAppId: BOT_ID });
        expect(result.status, result.stderr).to.equal(0);
        expect(result.stderr).not.to.include('MicrosoftAppId is not set');
        files = unzipSync(readFileSync(join(root, 'nested', 'app.zip')));
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
      manifest = readManifest(files);
    });

    it('zips exactly the manifest and the two icons the manifest names', () => {
      expect(Object.keys(files).sort()).to.deep.equal(['color.png', 'manifest.json', 'outline.png']);
      expect(files).to.have.property(manifest.icons.color);
      expect(files).to.have.property(manifest.icons.outline);
    });

    it('writes a manifest that validates against its bundled schema, version 1.22 or newer', async () => {
      const [major, minor] = String(manifest.manifestVersion).split('.').map(Number);
      expect(major! * 1000 + minor!, `manifestVersion ${manifest.manifestVersion}`).to.be.at.least(1022);
      expect(manifest.$schema).to.equal(
        `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`,
      );
      const errors = await AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest);
      expect(errors, `schema errors:\n${errors.join('\n')}`).to.deep.equal([]);
    });

    it('fills in the bot id, the package version and the stable app id', () => {
      const template = JSON.parse(readFileSync(join(REPO_ROOT, 'teams/manifest.template.json'), 'utf8'));
      const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
      expect(manifest.bots).to.have.length(1);
      expect(manifest.bots[0].botId).to.equal(BOT_ID);
      expect(manifest.version).to.equal(version);
      expect(manifest.id)
        .to.equal(template.id)
        .and.match(/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/);
    });

    it('offers a conversational bot with commands in personal, team and group chats', () => {
      const [bot] = manifest.bots;
      expect(bot.scopes).to.have.members(['personal', 'team', 'groupChat']);
      expect(bot).to.include({ supportsFiles: false, isNotificationOnly: false });
      const commandScopes = bot.commandLists.flatMap((list: { scopes: string[] }) => list.scopes);
      expect(commandScopes).to.have.members(['personal', 'team', 'groupChat']);
    });

    it('keeps names and descriptions within the lengths Teams shows', () => {
      expect(manifest.name.short).to.be.a('string').with.length.within(1, 30);
      expect(manifest.description.short).to.be.a('string').with.length.within(1, 80);
      expect(manifest.description.full).to.be.a('string').with.length.within(1, 4000);
      for (const url of Object.values<string>(manifest.developer).filter((v) => v.includes('://'))) {
        expect(url).to.match(/^https:\/\//);
      }
    });

    it('has a 192×192 full-colour icon', () => {
      const color = decodePng(files[manifest.icons.color]!);
      expect({ width: color.width, height: color.height }).to.deep.equal({ width: 192, height: 192 });
      expect(color.colorType).to.be.oneOf([2, 6]);
    });

    it('has a 32×32 RGBA outline icon that is only white on transparent', () => {
      const outline = decodePng(files[manifest.icons.outline]!);
      expect({ width: outline.width, height: outline.height }).to.deep.equal({ width: 32, height: 32 });
      expect(outline.colorType, 'colour type 6 (RGBA)').to.equal(6);
      let drawn = 0;
      outline.rows.forEach((row, y) => {
        for (let x = 0; x < 32; x++) {
          const [r, g, b, a] = row.subarray(x * 4, x * 4 + 4);
          if (a === 0) continue;
          drawn++;
          expect([r, g, b], `pixel ${x},${y} (alpha ${a})`).to.deep.equal([255, 255, 255]);
        }
      });
      expect(drawn, 'pixels drawn').to.be.greaterThan(32);
    });
  });

  describe('without MicrosoftAppId', () => {
    it('still builds the package, with the all-zero bot id and a warning', () => {
      const out = join(dir, 'app.zip');
      const result = teamsPackage(out, {});
      expect(result.status, result.stderr).to.equal(0);
      expect(result.stderr).to.match(/warning: MicrosoftAppId is not set.*cannot be installed/);
      const manifest = readManifest(unzipSync(readFileSync(out)));
      expect(manifest.bots[0].botId).to.equal(ZERO_GUID);
    });
  });

  describe('with a MicrosoftAppId that is not a GUID', () => {
    it('exits 2 with one line naming MicrosoftAppId, and writes nothing', () => {
      const out = join(dir, 'app.zip');
      const result = teamsPackage(out, { MicrosoftAppId: 'not-a-guid' });
      expect(result.status).to.equal(2);
      const ours = result.stderr.split('\n').filter((line) => line.startsWith('teams:package:'));
      expect(ours).to.have.length(1);
      expect(ours[0]).to.match(/MicrosoftAppId: "not-a-guid" is not a GUID/);
      expect(result.stderr).not.to.match(/\n\s+at /);
      expect(existsSync(out)).to.equal(false);
    });
  });
});

describe('fillPlaceholders', () => {
  it('replaces whole string values only, so a value cannot change the JSON structure', () => {
    const value = '", "injected": "x';
    const filled = fillPlaceholders({ a: '{{v}}', list: ['{{v}}', 1, null, true] }, { v: value });
    expect(filled).to.deep.equal({ a: value, list: [value, 1, null, true] });
  });

  it('refuses an unknown placeholder or one inside a longer string, naming where it is', () => {
    expect(() => fillPlaceholders({ a: { b: '{{missing}}' } }, { v: 'x' })).to.throw(/\$\.a\.b: .*\{\{missing\}\}/);
    expect(() => fillPlaceholders({ list: ['id-{{v}}'] }, { v: 'x' })).to.throw(/\$\.list\[0\]/);
  });
});
