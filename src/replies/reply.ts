import { type Activity, ActivityTypes, type CardAction } from 'botbuilder';

/** What the bot sends: one or more activities for one turn. */
export type Reply = Partial<Activity>;

/** The reply with these buttons under it (suggested actions: each sends its title as the investor's message). */
export function withActions(reply: Reply, titles: readonly string[]): Reply {
  const actions: CardAction[] = titles.map((title) => ({ type: 'imBack', title, value: title }));
  return { ...reply, type: ActivityTypes.Message, suggestedActions: { actions, to: [] } };
}
