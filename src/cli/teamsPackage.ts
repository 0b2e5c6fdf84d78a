import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  AppPackageError,
  buildAppPackage,
  buildManifest,
  placeholderUrls,
  resolveBotId,
  UNSET_BOT_ID,
  validateManifest,
} from '../channels/teams/appPackage.js';
import { loadAppId } from '../config.js';

// `npm run teams:package [-- --out <file>]` writes the Teams app zip. Paths are relative to the repository root,
// where npm runs scripts. Exit 2: a wrong setting or argument; exit 1: a broken template or icon.
const TEAMS_DIR = 'teams';
const USAGE = 'usage: npm run teams:package [-- --out <file>]   (default: dist/teams-app.zip)\n';

const fail = (message: string, code: number): never => {
  process.stderr.write(`teams:package: ${message}\n`);
  process.exit(code);
};

let out = 'dist/teams-app.zip';
try {
  out = parseArgs({ options: { out: { type: 'string' } } }).values.out ?? out;
} catch {
  process.stderr.write(USAGE);
  process.exit(2);
}

let botId = UNSET_BOT_ID;
try {
  botId = resolveBotId(loadAppId());
} catch (error) {
  if (error instanceof AppPackageError) fail(error.message, 2);
  throw error;
}

try {
  const readJson = (file: string): unknown => {
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new AppPackageError(`${file}: ${(error as Error).message}`);
    }
  };
  const { version } = readJson('package.json') as { version: string };
  const manifest = buildManifest(readJson(join(TEAMS_DIR, 'manifest.template.json')), {
    MicrosoftAppId: botId,
    version,
  });
  const errors = await validateManifest(manifest);
  if (errors.length > 0) fail(`the manifest does not match its schema:\n  ${errors.join('\n  ')}`, 1);
  const icon = (name: string) => readFileSync(join(TEAMS_DIR, name));
  const zip = buildAppPackage(manifest, { color: icon(manifest.icons.color), outline: icon(manifest.icons.outline) });
  mkdirSync(dirname(resolve(out)), { recursive: true });
  writeFileSync(out, zip);
  process.stdout.write(`wrote ${out} (app ${manifest.id} version ${manifest.version}, bot ${botId})\n`);
  if (botId === UNSET_BOT_ID) {
    process.stderr.write(
      'teams:package: warning: MicrosoftAppId is not set, so the bot id is all zeros; ' +
        'the package validates but cannot be installed in Teams until MicrosoftAppId is set\n',
    );
  }
  const placeholders = placeholderUrls(manifest);
  if (placeholders.length > 0) {
    process.stderr.write(
      `teams:package: warning: developer URLs are placeholders (${placeholders.join(', ')}); ` +
        `replace them in ${TEAMS_DIR}/manifest.template.json before publishing the app\n`,
    );
  }
} catch (error) {
  if (error instanceof AppPackageError || isFileError(error)) fail(error.message, 1);
  throw error;
}

function isFileError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && 'code' in error && 'path' in error;
}
