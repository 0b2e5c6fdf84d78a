import type { Insights } from '../src/operations/insights.js';
import type { TurnEvents } from './dialogTypes.js';
import { IN_LEAD_FLOW } from './leadCapture.js';

/** What the dialogs report, handed to operations with what only the turn knows: its channel, and the lead flow. */
export function turnEvents(insights: Insights): TurnEvents {
  return {
    answered: (context, outcome, question, language) =>
      insights.answered(outcome, question, language, {
        channelId: context.activity.channelId,
        inLeadFlow: context.turnState.get(IN_LEAD_FLOW) === true,
      }),
    handedOff: (kind) => insights.handedOff(kind),
    voted: (channelId, vote, answer) => insights.voted(channelId, vote, answer),
  };
}
