import type { Logger } from 'pino';
import { createLogger } from '../../src/logger.js';

/** A real (redacting) logger whose JSON lines are kept for the test to read. */
export function capturingLogger(level = 'info'): { logger: Logger; lines: Record<string, unknown>[]; raw: string[] } {
  const raw: string[] = [];
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(level, {
    write(chunk: string) {
      raw.push(chunk);
      lines.push(JSON.parse(chunk));
    },
  });
  return { logger, lines, raw };
}
