import type { Middleware, TurnContext } from 'botbuilder';
import type { BotMetrics } from '../../operations/metrics.js';

/** Adapter middleware timing every turn, whichever route it came by (Bot Framework or the built-in Direct Line). */
export function turnTimer(metrics: BotMetrics): Middleware {
  return {
    onTurn: async (context: TurnContext, next: () => Promise<void>) => {
      const { type } = context.activity;
      const end = metrics.turnStarted(
        context.activity.channelId,
        type === 'message' || type === 'invoke' ? type : 'other',
      );
      try {
        await next();
      } finally {
        end();
      }
    },
  };
}
