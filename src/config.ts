import { resolve } from 'node:path';
import type { BotAuthSettings } from './channels/botframework/strictAuthentication.js';
import type { ProxyRange } from './channels/http/clientAddress.js';
import { EnvSchema } from './environment.js';
import type { DatabaseConfig } from './storage/databaseConfig.js';

const LOOPBACK_ORIGINS = ['http://127.0.0.1', 'http://localhost', 'http://[::1]'];

/** The typed configuration handed to the composition root. */
export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** No app id: JWT validation is off, the bot binds loopback and only talks to loopback channels by default. */
  localMode: boolean;
  auth: BotAuthSettings;
  knowledgeDir: string;
  /** Where the search index's snapshot is kept; `null`: the index is built at every start. */
  indexCacheDir: string | null;
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
    indexCacheDir: e.INDEX_CACHE_DIR ? resolve(cwd, e.INDEX_CACHE_DIR) : null,
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
