import { TestAdapter, TurnContext } from 'botbuilder';
import { expect } from 'chai';
import { TEAMS_MAX_MESSAGE_BYTES, teamsMessageSizeGuard } from '../../src/channels/teams/teamsMessageSize.js';

/** Sends `reply` in a conversation of this channel through the guard; returns what went out. */
async function send(channelId: string, reply: object) {
  const adapter = new TestAdapter();
  const context = new TurnContext(adapter, {
    type: 'message',
    channelId,
    conversation: { id: 'c', isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'u', name: '' },
    recipient: { id: 'b', name: '' },
    serviceUrl: 'http://127.0.0.1',
  });
  teamsMessageSizeGuard(context);
  await context.sendActivity(reply);
  return [...adapter.activeQueue];
}

const size = (activity: object) => Buffer.byteLength(JSON.stringify(activity));
// 100 paragraphs of ~700 bytes, with umlauts and an emoji: ~70 KB
const paragraphs = Array.from(
  { length: 100 },
  (_, i) => `Absatz ${i}: Medizintechnik in Sachsen 🧪 ${'Größe und Qualität zählen. '.repeat(25)}`,
);

describe('Teams message size (no message over 28 KB)', () => {
  it('splits a long text into messages under 28 KB each, at paragraph breaks, losing nothing', async () => {
    const sent = await send('msteams', {
      type: 'message',
      text: paragraphs.join('\n\n'),
      suggestedActions: { actions: [{ type: 'imBack', title: 'Help', value: 'Help' }], to: [] },
    });
    expect(sent.length).to.be.greaterThan(2);
    for (const activity of sent) expect(size(activity)).to.be.at.most(TEAMS_MAX_MESSAGE_BYTES);
    const texts = sent.map((a) => a.text!);
    const words = (text: string) => text.replace(/\s+/g, ' ').trim();
    expect(words(texts.join(' '))).to.equal(words(paragraphs.join(' ')));
    for (const text of texts) expect(text).to.match(/^Absatz \d+:/);
    // the choices come with the last part only
    expect(sent.slice(0, -1).every((a) => a.suggestedActions === undefined)).to.equal(true);
    expect(sent.at(-1)!.suggestedActions!.actions[0]!.title).to.equal('Help');
  });

  it('sends a card too large for Teams as its fallback text instead', async () => {
    const huge = {
      contentType: 'application/vnd.microsoft.card.adaptive',
      content: {
        type: 'AdaptiveCard',
        version: '1.5',
        fallbackText: 'The clusters, as text.',
        body: [{ type: 'TextBlock', text: 'x'.repeat(40_000) }],
      },
    };
    const sent = await send('msteams', { type: 'message', text: 'Here they are:', attachments: [huge] });
    for (const activity of sent) expect(size(activity)).to.be.at.most(TEAMS_MAX_MESSAGE_BYTES);
    expect(sent.map((a) => a.text).join('\n')).to.include('The clusters, as text.');
    expect(sent.flatMap((a) => a.attachments ?? [])).to.deep.equal([]);
  });

  it('leaves a message that fits, and other channels, untouched', async () => {
    const small = { type: 'message', text: 'Short answer.' };
    expect((await send('msteams', small)).map((a) => a.text)).to.deep.equal(['Short answer.']);
    const long = { type: 'message', text: paragraphs.join('\n\n') };
    expect(await send('webchat', long)).to.have.length(1);
  });
});
