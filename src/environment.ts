import { z } from 'zod';
import { type ProxyRange, parseProxyRange } from './channels/http/clientAddress.js';

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

// An empty variable (PORT=) means "not set", as in most shells' .env handling.
const emptyAsUnset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** The environment the bot reads, with defaults; `loadConfig` (src/config.ts) is the only reader of `process.env`. */
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
  /**
   * A folder for the search index's snapshot (src/search/indexSnapshot.ts): a restart with unchanged knowledge loads
   * the index instead of building it (a large library starts in seconds). Default: none, the index is built.
   */
  INDEX_CACHE_DIR: z.preprocess(emptyAsUnset, z.string().min(1).optional()),
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
