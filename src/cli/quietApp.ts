import { type App, createApp } from '../app.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';

/** The app for command-line use: same config and wiring as the server, logs only warnings, to stderr. */
export async function createQuietApp(): Promise<App> {
  const config = loadConfig();
  return createApp(config, { logger: createLogger('warn', process.stderr) });
}
