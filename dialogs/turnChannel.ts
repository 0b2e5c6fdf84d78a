import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { ChannelFeatures } from './conversation.js';

const CHANNEL = Symbol('channel');

/** A text channel with no ways of its own: what a dialog sees when no channel was named (outside a turn). */
const TEXT_ONLY: ChannelFeatures = {
  cards: false,
  handoffEvents: true,
  async sendVotable(context, reply) {
    await context.sendActivity(reply);
    return undefined;
  },
  leadConfirmation: (text, reference) => ({
    type: ActivityTypes.Message,
    text,
    channelData: { leadReference: reference },
  }),
  personalChatLink: () => null,
};

/** Names the channel of this turn (the turn handler does, as the channel told it). */
export function useChannel(context: TurnContext, channel: ChannelFeatures): void {
  context.turnState.set(CHANNEL, channel);
}

/** How the channel of this turn shows things. */
export function channelOf(context: TurnContext): ChannelFeatures {
  return (context.turnState.get(CHANNEL) as ChannelFeatures | undefined) ?? TEXT_ONLY;
}
