import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SqliteConfig } from '../../src/storage/databaseConfig.js';

/** A fresh folder for a real SQLite file; `remove()` deletes it with the file and its WAL. */
export function tempDatabase(): { file: string; url: string; config: SqliteConfig; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'investor-bot-'));
  const file = join(dir, 'bot.db');
  return {
    file,
    url: `sqlite:${file}`,
    config: { kind: 'sqlite', file, busyTimeoutMs: 200 },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
