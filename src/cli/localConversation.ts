import type { Activity } from 'botbuilder';
import type { App } from '../app.js';
import { InProcessAdapter } from './inProcessAdapter.js';

/** A conversation with the bot in this process, as one user on one channel. */
export class LocalConversation {
  private readonly adapter = new InProcessAdapter();
  private turn = 0;

  constructor(
    private readonly app: App,
    private readonly conversationId = `local-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
    private readonly channelId = 'cli',
    /** The client's locale, as a channel sends it with each message (a hint to the bot's language). */
    private readonly locale = 'en-US',
  ) {}

  /** Sends the investor's text and returns the bot's replies. */
  say(text: string): Promise<Partial<Activity>[]> {
    return this.adapter.send(
      {
        type: 'message',
        id: `${this.conversationId}-${++this.turn}`,
        channelId: this.channelId,
        serviceUrl: 'http://127.0.0.1',
        conversation: { id: this.conversationId, isGroup: false, conversationType: 'personal', name: '' },
        from: { id: 'investor', name: 'Investor' },
        recipient: { id: 'bot', name: 'InvestorBot' },
        locale: this.locale,
        text,
      },
      (context) => this.app.bot.run(context),
    );
  }
}

/** The visible text of replies: message or card text and button titles, as a channel would show them. */
export function visibleText(replies: readonly Partial<Activity>[]): string {
  const parts: string[] = [];
  for (const reply of replies) {
    // a card's fallback is the reply in full (the text above a card only introduces it)
    const fallback = (reply.attachments ?? [])
      .map((a) => (a.content as { fallbackText?: unknown } | undefined)?.fallbackText)
      .find((f): f is string => typeof f === 'string' && f !== '');
    if (fallback) parts.push(fallback);
    else if (reply.text) parts.push(reply.text);
    const actions = reply.suggestedActions?.actions ?? [];
    if (actions.length > 0) parts.push(actions.map((a) => `[${a.title}]`).join(' '));
  }
  return parts.join('\n\n');
}
