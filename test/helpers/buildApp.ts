import { type App, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';

/**
 * The real app, wired as in production, with a silent logger and port 0 (the OS picks). The store is an in-memory
 * SQLite database unless `env.DATABASE_URL` names a file (the lead tests do).
 */
export async function buildApp(env: Record<string, string> = {}): Promise<App> {
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', DATABASE_URL: 'sqlite::memory:', ...env });
  return createApp(config, { logger: createLogger('silent') });
}
