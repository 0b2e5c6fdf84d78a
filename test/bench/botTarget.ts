import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Target } from './target.js';

/**
 * The real bot as `npm start` builds it, in local mode (no app id, so loopback serviceUrls are allowed), with its
 * own SQLite file (WAL; synchronous=FULL for leads, NORMAL for per-turn writes, as in production) in a temporary
 * folder.
 */
export async function startBotTarget(): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'investor-bench-'));
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'warn', DATABASE_URL: `sqlite:${join(dir, 'bench.db')}` });
  const app = await createApp(config);
  const url = await app.listen();
  return {
    url,
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
