import type { Activity } from 'botbuilder';
import { BasicChannel, type Channel } from './channel.js';

/** Channels that draw Adaptive Cards but have no ways of their own. */
const CARDS_ONLY = new BasicChannel(true);
/** Every other channel: text, with the lead asked for field by field. */
const TEXT_ONLY = new BasicChannel(false);

/** Which channel an activity came by, from its `channelId`. */
export class Channels {
  private readonly byId: ReadonlyMap<string, Channel>;

  constructor(channels: { teams: Channel; webChat: Channel }) {
    this.byId = new Map([
      ['msteams', channels.teams],
      ['webchat', channels.webChat],
      ['directline', channels.webChat],
      ['emulator', CARDS_ONLY],
      ['test', CARDS_ONLY],
    ]);
  }

  of(activity: Partial<Activity>): Channel {
    return this.byId.get(activity.channelId ?? '') ?? TEXT_ONLY;
  }
}
