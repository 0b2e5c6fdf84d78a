import type { Activity, TurnContext } from 'botbuilder';
import { adaptiveCard } from '../../replies/cards.js';

/** The Action.Execute verb of a choice button: its `data.question` is read as if the user had typed it. */
export const ASK_VERB = 'ask';

/**
 * Teams shows suggested actions only in personal (1:1) chats. In channels and group chats the same choices become
 * buttons on a small card. Pressing one sends an `adaptiveCard/action` invoke (Action.Execute), answered like the
 * typed text and with a card that replaces the buttons, so the channel is not filled with echoed choices.
 */
export function teamsButtonsInGroups(context: TurnContext): void {
  const { channelId, conversation } = context.activity;
  if (channelId !== 'msteams' || (conversation?.conversationType ?? 'personal') === 'personal') return;
  context.onSendActivities(async (_ctx, activities, next) => {
    for (const activity of activities) moveSuggestionsToCard(activity);
    return next();
  });
}

function moveSuggestionsToCard(activity: Partial<Activity>): void {
  const actions = activity.suggestedActions?.actions ?? [];
  if (activity.type !== 'message' || actions.length === 0) return;
  const buttons = actions.map((action) => ({
    type: 'Action.Execute',
    title: action.title,
    verb: ASK_VERB,
    data: { question: String(action.value ?? action.title) },
  }));
  delete activity.suggestedActions;
  activity.attachments = [...(activity.attachments ?? []), adaptiveCard([], buttons, '')];
}
