import type { Logger } from 'pino';
import { type App, createApp } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';

export interface BuildOptions {
  logger?: Logger;
  /** Adjusts settings the environment does not expose (e.g. a short busy timeout for fault tests). */
  configure?: (config: Config) => void;
}

/**
 * The real app, wired and started as in production (outbox worker, retention), with a silent logger and port 0 (the
 * OS picks). The store is an in-memory SQLite database unless `env.DATABASE_URL` names a file (the lead tests do).
 */
export async function buildApp(env: Record<string, string> = {}, options: BuildOptions = {}): Promise<App> {
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', DATABASE_URL: 'sqlite::memory:', ...env });
  options.configure?.(config);
  const app = await createApp(config, { logger: options.logger ?? createLogger('silent') });
  await app.start();
  return app;
}
