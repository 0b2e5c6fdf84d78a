/**
 * Whether the bot may send replies to a channel's `serviceUrl`. An allowed origin without a port allows any port
 * of that host (a loopback channel picks its port at random).
 */
export function isServiceUrlAllowed(serviceUrl: unknown, allowed: readonly string[] | null): boolean {
  if (allowed === null) return true;
  if (typeof serviceUrl !== 'string') return false;
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  return allowed.some((entry) => {
    const origin = new URL(entry);
    return (
      origin.protocol === url.protocol &&
      origin.hostname === url.hostname &&
      (origin.port === '' || origin.port === url.port)
    );
  });
}
