import type { Storage } from 'botbuilder';

/**
 * Conversation state as a botbuilder `Storage` with eTag concurrency: a write carrying an eTag succeeds only if the
 * stored item still has it; `*` or no eTag overwrites.
 */
export interface StateStore extends Storage {
  /** Deletes state not written since `before` (ms); returns how many conversations were forgotten. */
  forgetOlderThan(before: number): Promise<number>;
}

/** Another turn saved this state since it was read. */
export class ETagConflict extends Error {
  constructor(key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflict';
  }
}
