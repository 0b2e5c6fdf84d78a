import { resolve } from 'node:path';
import { z } from 'zod';

const LOOPBACK_ORIGINS = ['http://127.0.0.1', 'http://localhost', 'http://[::1]'];

const origins = z.string().transform((value, ctx) => {
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of list) {
    try {
      const url = new URL(entry);
      if (!['http:', 'https:'].includes(url.protocol)) throw new Error('scheme');
    } catch {
      ctx.addIssue({ code: 'custom', message: `"${entry}" is not an http(s) origin` });
      return z.NEVER;
    }
  }
  return list;
});

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
  };
  knowledgeDir: string;
  templatesDir: string;
  logLevel: string;
  /** Origins replies may go to; `null` means any (only with an app id, where the signed token vouches for it). */
  allowedServiceUrls: string[] | null;
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
    },
    knowledgeDir: resolve(cwd, e.KNOWLEDGE_DIR),
    templatesDir: resolve(cwd, e.TEMPLATES_DIR),
    logLevel: e.LOG_LEVEL,
    allowedServiceUrls: e.ALLOWED_SERVICE_URLS ?? (localMode ? LOOPBACK_ORIGINS : null),
  };
}
