/**
 * Remembers which activities were handled, in the store (so every instance and a restart agree): Teams re-sends a
 * message it got no timely answer for, and the bot must not answer it twice.
 */
export interface SeenActivities {
  /** Records the key; true the first time it is seen, false for a repeat. */
  firstSeen(key: string, now: number): Promise<boolean>;
  /** Forgets keys seen before `before` (ms); returns how many. */
  forgetOlderThan(before: number): Promise<number>;
}
