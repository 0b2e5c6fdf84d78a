/**
 * Conversations the bot has welcomed, in the store. Teams sends `installationUpdate` and `conversationUpdate` for
 * one install a few milliseconds apart, possibly to two instances: the claim is one atomic insert, so exactly one
 * of them greets.
 */
export interface Welcomes {
  /** Records the conversation as welcomed; true only for the first claim of the key. */
  claim(key: string, now: number): Promise<boolean>;
  /** Forgets conversations welcomed before `before` (ms); returns how many. */
  forgetOlderThan(before: number): Promise<number>;
}
