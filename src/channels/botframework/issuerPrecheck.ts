import {
  AuthenticationConstants,
  BetweenBotAndAseChannelTokenValidationParameters,
  ToBotFromBotOrEmulatorTokenValidationParameters,
} from 'botframework-connector';

/**
 * The library's list of Emulator and skill issuers. It is global and mutable: for every token whose `tid` no entry
 * contains, botframework-connector's Emulator check appends four issuers for that tenant, before it has verified
 * anything, and scans the whole list on every request. Forged tokens with fresh tenants made it grow without bound.
 */
function libraryIssuers(): string[] {
  const { issuer } = ToBotFromBotOrEmulatorTokenValidationParameters as { issuer?: unknown };
  return Array.isArray(issuer) ? (issuer as string[]) : [];
}

// as shipped: read when this module loads, before any request can have added to it
const SHIPPED_EMULATOR_ISSUERS = [...libraryIssuers()];
const CHANNEL_ISSUER = AuthenticationConstants.ToBotFromChannelTokenIssuer;
// sts.windows.net/<tenant>/, login.microsoftonline.com/<tenant>/v2.0 and the US Government forms
const TENANT_OF_ISSUER = /^https:\/\/(?:sts\.windows\.net|login\.microsoftonline\.(?:com|us))\/([^/]+)\//;

export type PrecheckResult = { ok: true; strayTenant: string | null } | { ok: false; reason: string };

/**
 * A look at a token before the library sees it (docs/security.md 42): no signature is checked here, only whether the
 * token could pass at all. Its issuer must be one the bot's configuration accepts (the Bot Framework's, the
 * Emulator's as the library ships them, the bot's own tenant's); an Entra ID token's `tid` must be its issuer's
 * tenant. A Bot Framework token's `tid` plays no part in its validation: it passes, reported as a stray tenant
 * when the library does not know it, so the caller can take back what the library adds for it.
 */
export class IssuerPrecheck {
  private readonly issuers: Set<string>;
  private readonly tenants: Set<string>;

  /** `tenantId`: MicrosoftAppTenantId (may be empty); `aseIssuers`: the App Service Environment channel's. */
  constructor(tenantId: string, aseIssuers: readonly string[] = aseChannelIssuers()) {
    const tenant = tenantId
      ? [
          `${AuthenticationConstants.ValidTokenIssuerUrlTemplateV1}${tenantId}/`,
          `${AuthenticationConstants.ValidTokenIssuerUrlTemplateV2}${tenantId}/v2.0`,
        ]
      : [];
    this.issuers = new Set([CHANNEL_ISSUER, ...SHIPPED_EMULATOR_ISSUERS, ...tenant, ...aseIssuers]);
    this.tenants = new Set([...this.issuers].map(tenantOf).filter((t): t is string => t !== null));
  }

  check(authHeader: string): PrecheckResult {
    const parts = authHeader.split(' ');
    if (parts.length !== 2 || parts[0] !== 'Bearer') return { ok: false, reason: 'not a bearer token' };
    const payload = decodePayload(parts[1]!);
    if (!payload) return { ok: false, reason: 'not a JWT' };
    const { iss, tid } = payload;
    if (typeof iss !== 'string' || !this.issuers.has(iss)) return { ok: false, reason: 'issuer not accepted' };
    if (tid === undefined || tid === null || tid === '') return { ok: true, strayTenant: null };
    if (typeof tid !== 'string') return { ok: false, reason: 'tid is not a string' };
    if (iss !== CHANNEL_ISSUER) {
      return tenantOf(iss) === tid ? { ok: true, strayTenant: null } : { ok: false, reason: 'tid is not the issuer' };
    }
    return { ok: true, strayTenant: this.tenants.has(tid) || libraryKnows(tid) ? null : tid };
  }
}

/** Takes back the issuers the library's Emulator check added for a tenant no accepted issuer names. */
export function forgetStrayTenant(tenant: string): void {
  const list = libraryIssuers();
  for (const added of [
    `${AuthenticationConstants.ValidTokenIssuerUrlTemplateV1}${tenant}/`,
    `${AuthenticationConstants.ValidTokenIssuerUrlTemplateV2}${tenant}/v2.0`,
    `${AuthenticationConstants.ValidGovernmentTokenIssuerUrlTemplateV1}${tenant}/`,
    `${AuthenticationConstants.ValidGovernmentTokenIssuerUrlTemplateV2}${tenant}/v2.0`,
  ]) {
    const at = list.lastIndexOf(added);
    if (at >= 0) list.splice(at, 1);
  }
}

/** How many issuers the library's global list holds now: what a flood of forged tenants made grow. */
export function libraryIssuerCount(): number {
  return libraryIssuers().length;
}

// the library's own test: it adds nothing for a tid some entry already contains
function libraryKnows(tenant: string): boolean {
  return libraryIssuers().some((issuer) => issuer.includes(tenant));
}

function aseChannelIssuers(): string[] {
  const { issuer } = BetweenBotAndAseChannelTokenValidationParameters as { issuer?: unknown };
  return Array.isArray(issuer) ? [...(issuer as string[])] : [];
}

function tenantOf(issuer: string): string | null {
  return TENANT_OF_ISSUER.exec(issuer)?.[1] ?? null;
}

function decodePayload(token: string): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[1]!.length > 16_384) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
    return payload !== null && typeof payload === 'object' && !Array.isArray(payload)
      ? (payload as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
