import autocannon from 'autocannon';
import type { ActivityFeed } from './activityFeed.js';

/** Options for {@link driveLoad}. */
export interface LoadOptions {
  /** Seconds of load. */
  seconds: number;
  /** Connections kept busy at once (each sends its next request when the last is answered). */
  connections: number;
}

/** What one load run measured. */
export interface LoadFigures {
  /** Answered turns (2xx) per second. */
  turnsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Requests answered 2xx, and anything else. */
  ok: number;
  non2xx: number;
  /** Connection errors and timeouts (autocannon counts timeouts among the errors). */
  errors: number;
  seconds: number;
}

/** POSTs the feed's activities to `<url>/api/messages` as a channel does, for `seconds`. */
export async function driveLoad(url: string, feed: ActivityFeed, options: LoadOptions): Promise<LoadFigures> {
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    // a turn takes milliseconds; a stuck one should show as an error, not stall a connection for the whole run
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: '/api/messages',
        headers: { 'content-type': 'application/json' },
        // a new body per request: every activity needs its own id, and conversations must rotate
        setupRequest: (request) => ({ ...request, body: feed.next() }),
      },
    ],
  });
  return {
    turnsPerSec: result['2xx'] / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    seconds: result.duration,
  };
}
