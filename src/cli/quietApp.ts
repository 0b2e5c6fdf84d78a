import { type App, createApp } from '../app.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';

/**
 * The app for command-line use: same config and wiring as the server, logs only warnings, to stderr. Conversations
 * here are throw-away, so the store is in memory unless DATABASE_URL says otherwise.
 */
export async function createQuietApp(): Promise<App> {
  const config = loadConfig({ DATABASE_URL: 'sqlite::memory:', ...process.env });
  return createApp(config, { logger: createLogger('warn', process.stderr) });
}
