import { type AppManifest, AppManifestUtils } from '@microsoft/app-manifest';
import { zipSync } from 'fflate';
import { z } from 'zod';

/** The bot id written when `MicrosoftAppId` is unset: the package validates, but Teams cannot install it. */
export const UNSET_BOT_ID = '00000000-0000-0000-0000-000000000000';

/** Pixel sizes Teams requires of the two icons (the schema validator does not check them). */
export const ICON_SIZES = { color: 192, outline: 32 } as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PLACEHOLDER = /^\{\{(\w+)\}\}$/;
// Teams resolves icon paths inside the zip; a plain file name keeps them at its root, where they are put.
const IconFile = z.string().regex(/^[\w-]+\.png$/, 'must be a .png file name without a folder');

/** The parts of a filled manifest this module relies on; the full check is {@link validateManifest}. */
export const ManifestSchema = z
  .looseObject({
    $schema: z.string(),
    manifestVersion: z.string(),
    id: z.string().regex(GUID, 'must be a GUID'),
    // Teams accepts only major.minor.patch, without a pre-release tag.
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be major.minor.patch'),
    developer: z.looseObject({ websiteUrl: z.string(), privacyUrl: z.string(), termsOfUseUrl: z.string() }),
    icons: z.looseObject({ color: IconFile, outline: IconFile }),
    bots: z.array(z.looseObject({ botId: z.string() })).length(1),
  })
  // The validator picks its schema by this URL and falls back to the network for one it does not bundle.
  .refine((m) => m.$schema === schemaUrl(m.manifestVersion), {
    path: ['$schema'],
    message: 'must be the schema URL of manifestVersion',
  });
export type Manifest = z.infer<typeof ManifestSchema>;

/** The values a template's `"{{name}}"` strings are replaced with. */
export interface ManifestValues {
  /** The Azure Bot's app id (a GUID), or {@link UNSET_BOT_ID}. */
  MicrosoftAppId: string;
  /** The app version, from package.json. */
  version: string;
}

/** The icons' bytes, keyed like the manifest's `icons`. */
export type Icons = Record<keyof typeof ICON_SIZES, Uint8Array>;

/** A broken template or icon, or a bad setting: the message names it. */
export class AppPackageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AppPackageError';
  }
}

/** The manifest's bot id: `MicrosoftAppId`, or {@link UNSET_BOT_ID} when it is empty (local mode). */
export function resolveBotId(appId: string): string {
  if (appId === '') return UNSET_BOT_ID;
  if (!GUID.test(appId)) {
    throw new AppPackageError(`MicrosoftAppId: "${appId}" is not a GUID (the Azure Bot's Microsoft App ID)`);
  }
  return appId;
}

/**
 * Replaces every string that is exactly `"{{name}}"` with `values[name]`, walking the parsed JSON, so a value can
 * never change the JSON's structure. A placeholder inside a longer string, or an unknown one, is an error.
 */
export function fillPlaceholders(node: unknown, values: Readonly<Record<string, string>>, path = '$'): unknown {
  if (typeof node === 'string') {
    const name = PLACEHOLDER.exec(node)?.[1];
    if (name !== undefined && Object.hasOwn(values, name)) return values[name];
    if (node.includes('{{')) throw new AppPackageError(`${path}: unknown or partial placeholder in "${node}"`);
    return node;
  }
  if (Array.isArray(node)) return node.map((item, i) => fillPlaceholders(item, values, `${path}[${i}]`));
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [key, fillPlaceholders(value, values, `${path}.${key}`)]),
    );
  }
  return node;
}

/** The manifest for this build: the template (parsed JSON) with its placeholders filled. */
export function buildManifest(template: unknown, values: ManifestValues): Manifest {
  const filled = fillPlaceholders(template, { ...values });
  const parsed = ManifestSchema.safeParse(filled);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppPackageError(`manifest ${issue.path.join('.')}: ${issue.message}`);
  }
  // The checked object itself, not zod's copy, which moves unlisted keys such as $schema to the end.
  return filled as Manifest;
}

/** Where Microsoft publishes the Teams manifest schema of a version; @microsoft/app-manifest bundles a copy. */
export function schemaUrl(manifestVersion: string): string {
  return `https://developer.microsoft.com/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.schema.json`;
}

/** Schema errors of the manifest (empty when valid), against the schema bundled with @microsoft/app-manifest. */
export async function validateManifest(manifest: Manifest): Promise<string[]> {
  try {
    // The library types the manifest per schema version; this schema check is what makes it one.
    return await AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest);
  } catch (error) {
    throw new AppPackageError(
      `manifestVersion ${manifest.manifestVersion}: no schema to check it against (${(error as Error).message})`,
    );
  }
}

/** Width and height from a PNG's IHDR chunk, or `null` if the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** The zip Teams uploads: `manifest.json` and the two icons under the names the manifest gives them. */
export function buildAppPackage(manifest: Manifest, icons: Icons): Uint8Array {
  if (manifest.icons.color === manifest.icons.outline) {
    throw new AppPackageError('icons: color and outline share a name');
  }
  for (const kind of ['color', 'outline'] as const) {
    const size = pngSize(icons[kind]);
    const want = ICON_SIZES[kind];
    if (size?.width !== want || size.height !== want) {
      const got = size ? `${size.width}×${size.height}` : 'not a PNG';
      throw new AppPackageError(`icons.${kind} (${manifest.icons[kind]}): must be a ${want}×${want} PNG, is ${got}`);
    }
  }
  return zipSync({
    'manifest.json': new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`),
    [manifest.icons.color]: icons.color,
    [manifest.icons.outline]: icons.outline,
  });
}

/** Developer URLs still on a reserved `.example` host: placeholders the operator has to replace before publishing. */
export function placeholderUrls(manifest: Manifest): string[] {
  const { websiteUrl, privacyUrl, termsOfUseUrl } = manifest.developer;
  return [websiteUrl, privacyUrl, termsOfUseUrl].filter((url) => {
    try {
      return new URL(url).hostname.endsWith('.example');
    } catch {
      return false;
    }
  });
}
