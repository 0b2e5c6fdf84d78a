import type { Lead } from '../storage/leadStore.js';
import { parseRetryAfter } from './backoff.js';
import { DeliveryError, type Notifier } from './deliveryError.js';
import { leadPayload } from './leadPayload.js';

/** Statuses worth another try: the receiver is overloaded, down or asks us to wait. */
const RETRYABLE = new Set([408, 425, 429, 500, 502, 503, 504]);

/**
 * POSTs the lead as JSON, with `Idempotency-Key: <reference>` on every try so that the receiver can drop a
 * repeat (a crash between its 200 and our commit sends the lead again).
 */
export class WebhookNotifier implements Notifier {
  constructor(
    private readonly url: string,
    private readonly timeoutMs: number,
  ) {}

  async deliver(lead: Lead): Promise<void> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': lead.reference,
          'user-agent': 'investor-enquiry-bot',
        },
        body: JSON.stringify(leadPayload(lead)),
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new DeliveryError(`webhook: ${networkReason(error)}`, 'retry');
    }
    await response.body?.cancel().catch(() => undefined);
    if (response.ok) return;
    const reason = `webhook: HTTP ${response.status}`;
    if (RETRYABLE.has(response.status) || response.status >= 500) {
      throw new DeliveryError(reason, 'retry', parseRetryAfter(response.headers.get('retry-after'), Date.now()));
    }
    throw new DeliveryError(reason, 'permanent');
  }
}

function networkReason(error: unknown): string {
  const err = error as { name?: string; cause?: { code?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'timed out';
  return err.cause?.code ?? err.name ?? 'network error';
}
