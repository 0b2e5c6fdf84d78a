/**
 * Memoises a pure function of a string. The cache is emptied when it reaches `limit` entries: words repeat far
 * more often than new ones appear, so the frequent ones are back after a few calls, and memory stays bounded
 * however many odd words a long-running bot is asked.
 */
export function boundedMemo<T>(compute: (key: string) => T, limit: number): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const value = compute(key);
    if (cache.size >= limit) cache.clear();
    cache.set(key, value);
    return value;
  };
}
