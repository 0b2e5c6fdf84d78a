/** Polls `check` every 20 ms until it gives a truthy value, and returns that value; fails after `timeoutMs`. */
export async function waitUntil<T>(check: () => T | Promise<T>, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > end)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${check.toString().slice(0, 120)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
