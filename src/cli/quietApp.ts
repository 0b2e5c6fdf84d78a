import { type App, createApp } from '../app.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';

export interface QuietAppOptions {
  /**
   * A store in memory, for measuring (`npm run eval`): nothing an investor says reaches it. Every command an
   * investor talks to (`chat`, `ask`) uses the configured store, so a lead it confirms is kept and delivered.
   */
  throwaway?: boolean;
}

/**
 * The app for command-line use: the same config, store and wiring as the server (DATABASE_URL, default
 * ./data/bot.db), started (a lead confirmed in the chat is delivered), nothing listening, and only errors logged, as
 * one plain line on stderr instead of JSON.
 */
export async function createQuietApp(options: QuietAppOptions = {}): Promise<App> {
  const env = options.throwaway ? { ...process.env, DATABASE_URL: 'sqlite::memory:' } : process.env;
  const config = loadConfig(env);
  const app = await createApp(config, { logger: createLogger('error', plainLines(process.stderr)) });
  await app.start();
  return app;
}

/** A pino destination that writes each record's message alone: "error: …". */
function plainLines(out: NodeJS.WritableStream) {
  return {
    write(line: string) {
      try {
        const record = JSON.parse(line) as { msg?: string };
        out.write(`error: ${record.msg ?? line.trim()}\n`);
      } catch {
        out.write(line);
      }
    },
  };
}
