import type { Activity, TurnContext } from 'botbuilder';
import { adaptiveCard } from '../replies/cards.js';

/**
 * Teams shows suggested actions only in personal (1:1) chats. In channels and group chats the same choices become
 * buttons on a small card; pressing one sends its text back, as a suggested action would (`msteams.imBack`).
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
    type: 'Action.Submit',
    title: action.title,
    data: { msteams: { type: 'imBack', value: String(action.value ?? action.title) } },
  }));
  delete activity.suggestedActions;
  activity.attachments = [...(activity.attachments ?? []), adaptiveCard([], buttons, '')];
}
