import { type Activity, TestAdapter } from 'botbuilder';
import type { App } from '../../src/app.js';

type Reply = Partial<Activity>;

/** What an investor reads of a reply: its text and a card's fallback text. */
export const textOf = (reply: Reply): string => {
  const card = reply.attachments?.[0]?.content as { fallbackText?: string } | undefined;
  return [reply.text, card?.fallbackText].filter(Boolean).join('\n');
};

/** The titles of a reply's suggested-action buttons. */
export const buttons = (reply: Reply) => (reply.suggestedActions?.actions ?? []).map((a) => String(a.title));

/**
 * Starts new conversations with the bot in memory (state is kept per conversation id, so each gets its own), on a
 * channel with cards (`test`) or text only (`sms`), from a client with the given locale (none when undefined).
 */
export function conversations(app: () => App, prefix: string) {
  let count = 0;
  return (options: { locale?: string; channelId?: string } = {}) =>
    new TestAdapter((context) => app().bot.run(context), {
      channelId: options.channelId ?? 'test',
      serviceUrl: 'https://test.invalid',
      conversation: { id: `${prefix}-${++count}`, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: 'investor', name: 'Investor' },
      recipient: { id: 'bot', name: 'InvestorBot' },
      ...(options.locale === undefined ? {} : { locale: options.locale }),
    });
}
