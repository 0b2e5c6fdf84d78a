import { resolve } from 'node:path';
import { z } from 'zod';
import { type ProxyRange, parseProxyRange } from './http/clientAddress.js';
import type { DatabaseConfig } from './storage/databaseConfig.js';

const LOOPBACK_ORIGINS = ['http://127.0.0.1', 'http://localhost', 'http://[::1]'];

/** Whether a text is a URL with one of these schemes (`http:`, …). */
function hasScheme(value: string, schemes: readonly string[]): boolean {
  try {
    return schemes.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

const HTTP = ['http:', 'https:'];

const origins = z.string().transform((value, ctx) => {
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const wrong = list.find((entry) => !hasScheme(entry, HTTP));
  if (wrong === undefined) return list;
  ctx.addIssue({ code: 'custom', message: `"${wrong}" is not an http(s) origin` });
  return z.NEVER;
});

const proxyRanges = z.string().transform((value, ctx) => {
  const entries = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const ranges: ProxyRange[] = [];
  for (const entry of entries) {
    const range = parseProxyRange(entry);
    if (range) {
      ranges.push(range);
      continue;
    }
    ctx.addIssue({ code: 'custom', message: `"${entry}" is not an IP address or CIDR range` });
    return z.NEVER;
  }
  return ranges;
});

const httpUrl = z.string().refine((value) => hasScheme(value, HTTP), 'must be an http(s) URL');
const smtpUrl = z
  .string()
  .refine((value) => hasScheme(value, ['smtp:', 'smtps:']), 'must be an smtp:// or smtps:// URL');

/** The environment the bot reads, with defaults. `src/config.ts` is the only reader of `process.env`. */
// An empty variable (PORT=) means "not set", as in most shells' .env handling.
const emptyAsUnset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Port to listen on (default 3978; 0 asks the OS). */
  PORT: z.preprocess(emptyAsUnset, z.coerce.number().int().min(0).max(65535).default(3978)),
  /** Address to bind; default 127.0.0.1 in local mode (no app id), 0.0.0.0 otherwise. */
  HOST: z.string().min(1).optional(),
  MicrosoftAppId: z.string().default(''),
  MicrosoftAppPassword: z.string().default(''),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: z.string().default(''),
  /**
   * Where the Bot Framework's signing keys are published (OpenID metadata), for sovereign clouds and offline tests;
   * default: the public cloud's. The emulator's is separate.
   */
  ToBotFromChannelOpenIdMetadataUrl: z.preprocess(emptyAsUnset, httpUrl.optional()),
  ToBotFromEmulatorOpenIdMetadataUrl: z.preprocess(emptyAsUnset, httpUrl.optional()),
  /** Allow starting without an app id when NODE_ENV=production (default false). */
  ALLOW_LOCAL_MODE: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  KNOWLEDGE_DIR: z.string().min(1).default('knowledge'),
  TEMPLATES_DIR: z.string().min(1).default('templates'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Origins the bot may send replies to (comma-separated); default: loopback only in local mode. */
  ALLOWED_SERVICE_URLS: z.preprocess(emptyAsUnset, origins.optional()),
  /** Microsoft Teams tenant ids allowed to use the bot (comma-separated); default: any. */
  TEAMS_ALLOWED_TENANTS: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((t) => t.trim().toLowerCase())
          .filter(Boolean),
      )
      .optional(),
  ),
  /**
   * The reverse proxies in front of the bot (comma-separated addresses or CIDR ranges, IPv4 or IPv6): only a request
   * from one of them has its X-Forwarded-For read, to tell clients apart for rate limits. Default: none, and the
   * header is ignored.
   */
  TRUSTED_PROXIES: z.preprocess(emptyAsUnset, proxyRanges.optional()),
  /** A request not received completely within this, or a connection silent that long, is closed. */
  REQUEST_TIMEOUT_MS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(100).max(300_000).default(30_000)),
  PUBLIC_DIR: z.string().min(1).default('public'),
  /** Production web chat: the Azure Direct Line channel's secret, exchanged for tokens by /api/chat-token. */
  DIRECT_LINE_SECRET: z.preprocess(emptyAsUnset, z.string().min(10).optional()),
  DIRECT_LINE_ENDPOINT: z.preprocess(emptyAsUnset, httpUrl.default('https://directline.botframework.com')),
  /** Origins of other investor pages that embed the widget (comma-separated); same-origin needs nothing. */
  WEBCHAT_ALLOWED_ORIGINS: z.preprocess(emptyAsUnset, origins.optional()),
  /** Signs the local Direct Line's tokens; default: random per process (tokens end with the process). */
  WEBCHAT_TOKEN_SECRET: z.preprocess(emptyAsUnset, z.string().min(32).optional()),
  /**
   * The store for conversation state and leads: `sqlite:<file>` (created on first start), `sqlite::memory:`, or
   * `postgres://user:password@host:5432/database` (shared by several instances; `?sslmode=require` for Azure).
   */
  DATABASE_URL: z.preprocess(emptyAsUnset, z.string().default('sqlite:./data/bot.db')),
  /** Connections each instance keeps to PostgreSQL at most. */
  DATABASE_POOL_SIZE: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1).max(100).default(10)),
  /**
   * How long one store call may take (waiting for a connection, a lock, or a silent server's answer) before it fails
   * and the turn goes on without the store (docs/security.md 40).
   */
  DATABASE_TIMEOUT_MS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(100).max(60_000).default(5_000)),
  /** Where leads are POSTed as JSON (optional). */
  LEADS_WEBHOOK_URL: z.preprocess(emptyAsUnset, httpUrl.optional()),
  LEADS_WEBHOOK_TIMEOUT_MS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(100).max(120_000).default(10_000)),
  /** SMTP server leads are e-mailed through (optional), e.g. `smtp://user:pass@mail.example.org:587`. */
  SMTP_URL: z.preprocess(emptyAsUnset, smtpUrl.optional()),
  LEADS_EMAIL_FROM: z.preprocess(emptyAsUnset, z.email().default('investor-bot@localhost')),
  /** Inbox for leads whose contact has no published e-mail address (required with SMTP_URL). */
  LEADS_EMAIL_TO: z.preprocess(emptyAsUnset, z.email().optional()),
  /** Hours a conversation's state (its questions, answers and any half-filled form) is kept after its last turn. */
  STATE_RETENTION_HOURS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1).max(8760).default(24)),
  /** Days a lead is kept; `npm run leads -- purge` deletes older ones. */
  LEADS_RETENTION_DAYS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1).max(3650).default(180)),
  /**
   * Days the anonymous log of unanswered questions and answer votes is kept (`npm run report` reads it): a quarter is
   * enough to see what is asked, and names the masking cannot tell go with it (docs/security.md 46).
   */
  INSIGHTS_RETENTION_DAYS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1).max(3650).default(90)),
  /** When set, GET /metrics asks for `Authorization: Bearer <this>` (set it wherever the bot is reachable). */
  METRICS_TOKEN: z.preprocess(emptyAsUnset, z.string().min(16).optional()),
  /** Delivery tries before a row is parked as dead (with an alert in the log). */
  LEADS_MAX_ATTEMPTS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1).max(100).default(20)),
  /** First retry delay; doubles per try, with jitter, up to LEADS_RETRY_MAX_MS. */
  LEADS_RETRY_BASE_MS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(10).max(3_600_000).default(2_000)),
  LEADS_RETRY_MAX_MS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(10).max(86_400_000).default(3_600_000)),
  /** Lead deliveries each instance runs at once: a receiver that hangs holds one of them, not the others. */
  LEADS_DELIVERY_CONCURRENCY: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1).max(64).default(8)),
});

/** The typed configuration handed to the composition root. */
export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** No app id: JWT validation is off, the bot binds loopback and only talks to loopback channels by default. */
  localMode: boolean;
  auth: {
    MicrosoftAppId: string;
    MicrosoftAppPassword: string;
    MicrosoftAppType: string;
    MicrosoftAppTenantId: string;
    /** Overrides of the public cloud's OpenID metadata (see EnvSchema); unset means the default. */
    ToBotFromChannelOpenIdMetadataUrl?: string;
    ToBotFromEmulatorOpenIdMetadataUrl?: string;
  };
  knowledgeDir: string;
  templatesDir: string;
  logLevel: string;
  /** Origins replies may go to; `null` means any (only with an app id, where the signed token vouches for it). */
  allowedServiceUrls: string[] | null;
  /** Teams tenants allowed to use the bot; `null` means any. */
  teamsTenants: string[] | null;
  publicDir: string;
  requestTimeoutMs: number;
  /** Proxies whose X-Forwarded-For names the client (docs/security.md 41); empty: the TCP peer is the client. */
  trustedProxies: ProxyRange[];
  /** Other origins allowed to embed the widget (CORS on the chat routes). */
  webchatOrigins: string[];
  /** How the web chat page reaches the bot: the built-in Direct Line (local mode) or Azure's, via a secret. */
  webchat: { kind: 'local'; tokenSecret: string | null } | { kind: 'azure'; secret: string; endpoint: string } | null;
  database: DatabaseConfig;
  /** Conversation state older than this (hours since its last turn) is deleted. */
  stateRetentionHours: number;
  /** Days the anonymous insight log is kept. */
  insightRetentionDays: number;
  /** Bearer token GET /metrics asks for; null: open (bind it to a private network). */
  metricsToken: string | null;
  leads: LeadsConfig;
}

/** How leads are delivered and kept. */
export interface LeadsConfig {
  webhook: { url: string; timeoutMs: number } | null;
  email: { smtpUrl: string; from: string; fallbackTo: string } | null;
  retentionDays: number;
  retry: { maxAttempts: number; baseMs: number; maxMs: number };
  /** Deliveries in flight at once per instance (docs/security.md 45). */
  concurrency: number;
}

/** A wrong setting: names the variable and what is wrong, and stops start-up. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(`config: ${message}`);
    this.name = 'ConfigError';
  }
}

/** Reads and checks the environment; throws {@link ConfigError} naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  const localMode = e.MicrosoftAppId === '';
  if (localMode && e.NODE_ENV === 'production' && !e.ALLOW_LOCAL_MODE) {
    throw new ConfigError('MicrosoftAppId: required when NODE_ENV=production (or set ALLOW_LOCAL_MODE=true)');
  }
  if (!localMode && e.MicrosoftAppType !== 'UserAssignedMSI' && e.MicrosoftAppPassword === '') {
    throw new ConfigError('MicrosoftAppPassword: required when MicrosoftAppId is set');
  }
  if (e.MicrosoftAppType === 'SingleTenant' && e.MicrosoftAppTenantId === '') {
    throw new ConfigError('MicrosoftAppTenantId: required when MicrosoftAppType=SingleTenant');
  }
  if (e.SMTP_URL && !e.LEADS_EMAIL_TO) {
    throw new ConfigError('LEADS_EMAIL_TO: required with SMTP_URL (the inbox for contacts without a published e-mail)');
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST ?? (localMode ? '127.0.0.1' : '0.0.0.0'),
    localMode,
    auth: {
      MicrosoftAppId: e.MicrosoftAppId,
      MicrosoftAppPassword: e.MicrosoftAppPassword,
      MicrosoftAppType: e.MicrosoftAppType,
      MicrosoftAppTenantId: e.MicrosoftAppTenantId,
      ...(e.ToBotFromChannelOpenIdMetadataUrl && {
        ToBotFromChannelOpenIdMetadataUrl: e.ToBotFromChannelOpenIdMetadataUrl,
      }),
      ...(e.ToBotFromEmulatorOpenIdMetadataUrl && {
        ToBotFromEmulatorOpenIdMetadataUrl: e.ToBotFromEmulatorOpenIdMetadataUrl,
      }),
    },
    knowledgeDir: resolve(cwd, e.KNOWLEDGE_DIR),
    templatesDir: resolve(cwd, e.TEMPLATES_DIR),
    logLevel: e.LOG_LEVEL,
    allowedServiceUrls: e.ALLOWED_SERVICE_URLS ?? (localMode ? LOOPBACK_ORIGINS : null),
    teamsTenants: e.TEAMS_ALLOWED_TENANTS ?? null,
    publicDir: resolve(cwd, e.PUBLIC_DIR),
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    trustedProxies: e.TRUSTED_PROXIES ?? [],
    webchatOrigins: (e.WEBCHAT_ALLOWED_ORIGINS ?? []).map((o) => new URL(o).origin),
    webchat: localMode
      ? { kind: 'local', tokenSecret: e.WEBCHAT_TOKEN_SECRET ?? null }
      : e.DIRECT_LINE_SECRET
        ? { kind: 'azure', secret: e.DIRECT_LINE_SECRET, endpoint: e.DIRECT_LINE_ENDPOINT }
        : null,
    database: parseDatabaseUrl(e.DATABASE_URL, e.DATABASE_POOL_SIZE, e.DATABASE_TIMEOUT_MS, cwd),
    stateRetentionHours: e.STATE_RETENTION_HOURS,
    insightRetentionDays: e.INSIGHTS_RETENTION_DAYS,
    metricsToken: e.METRICS_TOKEN ?? null,
    leads: {
      webhook: e.LEADS_WEBHOOK_URL ? { url: e.LEADS_WEBHOOK_URL, timeoutMs: e.LEADS_WEBHOOK_TIMEOUT_MS } : null,
      email:
        e.SMTP_URL && e.LEADS_EMAIL_TO
          ? { smtpUrl: e.SMTP_URL, from: e.LEADS_EMAIL_FROM, fallbackTo: e.LEADS_EMAIL_TO }
          : null,
      retentionDays: e.LEADS_RETENTION_DAYS,
      retry: { maxAttempts: e.LEADS_MAX_ATTEMPTS, baseMs: e.LEADS_RETRY_BASE_MS, maxMs: e.LEADS_RETRY_MAX_MS },
      concurrency: e.LEADS_DELIVERY_CONCURRENCY,
    },
  };
}

/**
 * Only the bot's app id, for tools that need nothing else (the Teams package): unlike {@link loadConfig}, it does not
 * ask for the app's secret.
 */
export function loadAppId(env: Record<string, string | undefined> = process.env): string {
  return EnvSchema.shape.MicrosoftAppId.parse(env.MicrosoftAppId).trim();
}

/**
 * `sqlite:./data/bot.db` (relative to the working folder), `sqlite:/abs/file.db`, `sqlite::memory:` (tests), or
 * `postgres://…` / `postgresql://…`.
 */
function parseDatabaseUrl(url: string, poolSize: number, busyTimeoutMs: number, cwd: string): DatabaseConfig {
  if (url === 'sqlite::memory:') return { kind: 'sqlite-memory', busyTimeoutMs };
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (file.length > 0) return { kind: 'sqlite', file: resolve(cwd, file), busyTimeoutMs };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    if (!URL.canParse(url)) throw new ConfigError('DATABASE_URL: not a valid postgres:// URL');
    return { kind: 'postgres', url, poolSize, busyTimeoutMs };
  }
  throw new ConfigError(
    'DATABASE_URL: must be sqlite:<file> (for example sqlite:./data/bot.db) or postgres://user:password@host/database',
  );
}
