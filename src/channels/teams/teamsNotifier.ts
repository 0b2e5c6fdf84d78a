import type { Activity, CloudAdapter } from 'botbuilder';
import { parseRetryAfter } from '../../leads/backoff.js';
import { DeliveryError, type Notifier } from '../../leads/deliveryError.js';
import type { Lead } from '../../storage/leadStore.js';
import type { TeamsConversationStore } from '../../storage/teamsConversations.js';

export interface TeamsNotifierDeps {
  adapter: CloudAdapter;
  /** The bot's app id ('' in local mode). */
  appId: string;
  conversations: TeamsConversationStore;
  /** The message posted for a lead. */
  message: (lead: Lead) => Partial<Activity>;
  timeoutMs: number;
}

/**
 * Posts a lead as a proactive message into its contact's personal chat with the bot. Rows exist only for contacts
 * whose chat is known (see contactRecognition.ts). Teams has no idempotency key: a try whose answer was lost may
 * post the card twice, which is better than not at all.
 */
export class TeamsNotifier implements Notifier {
  constructor(private readonly deps: TeamsNotifierDeps) {}

  async deliver(lead: Lead): Promise<void> {
    const reference = await this.deps.conversations.get(lead.contact.id).catch(() => {
      throw new DeliveryError('teams: could not read the contact chat', 'retry');
    });
    if (!reference) throw new DeliveryError('teams: the contact has no chat with the bot', 'permanent');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DeliveryError('teams: timed out', 'retry')), this.deps.timeoutMs);
    });
    // the adapter hands a turn's error to onTurnError (which logs and swallows it): keep it to decide on a retry
    let failure: unknown = null;
    try {
      const send = this.deps.adapter.continueConversationAsync(this.deps.appId, reference, async (context) => {
        try {
          await context.sendActivity(this.deps.message(lead));
        } catch (error) {
          failure = error;
        }
      });
      await Promise.race([send, timeout]);
      if (failure) throw failure;
    } catch (error) {
      throw error instanceof DeliveryError ? error : asDeliveryError(error);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** 408/429/5xx and network failures are tried again; 403 (blocked, uninstalled) and 404 (chat gone) never succeed. */
function asDeliveryError(error: unknown): DeliveryError {
  const failure = error as {
    statusCode?: number;
    code?: string;
    name?: string;
    response?: { headers?: { get?: (name: string) => string | undefined } };
  };
  const status = failure.statusCode;
  if (typeof status !== 'number' || status === 0) {
    return new DeliveryError(`teams: ${failure.code ?? failure.name ?? 'network error'}`, 'retry');
  }
  const reason = `teams: HTTP ${status}`;
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfter = failure.response?.headers?.get?.('retry-after') ?? null;
    return new DeliveryError(reason, 'retry', parseRetryAfter(retryAfter, Date.now()));
  }
  return new DeliveryError(reason, 'permanent');
}
