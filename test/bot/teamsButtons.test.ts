import { TestAdapter, TurnContext } from 'botbuilder';
import { expect } from 'chai';
import type { Ambiguous } from '../../src/answers/answerer.js';
import { teamsButtonsInGroups } from '../../src/channels/teams/teamsButtons.js';
import type { KnowledgeDocument } from '../../src/knowledge/types.js';
import { Replies } from '../../src/replies/replies.js';
import { TemplateSet } from '../../src/replies/templates.js';
import { passage } from '../fakes/fakeSearch.js';

const document = { id: 'doc', title: 'A brochure', language: 'en', kind: 'brochure' } as KnowledgeDocument;
const ambiguous: Ambiguous = {
  kind: 'ambiguous',
  confidence: 0.6,
  options: [
    { passage: passage('doc#1', ['A brochure', 'Industry structure'], 'First.'), document },
    { passage: passage('doc#2', ['A brochure', 'Hospitals'], 'Second.'), document },
  ],
};

/** Sends the "Did you mean …?" reply in a Teams conversation of this type; returns what went out. */
async function didYouMeanIn(conversationType: string) {
  const replies = new Replies(await TemplateSet.load('templates', ['en']));
  const adapter = new TestAdapter();
  const context = new TurnContext(adapter, {
    type: 'message',
    channelId: 'msteams',
    conversation: { id: 'c', conversationType, isGroup: conversationType !== 'personal', name: '' },
    from: { id: 'u', name: '' },
    recipient: { id: 'b', name: '' },
    serviceUrl: 'http://127.0.0.1',
  });
  teamsButtonsInGroups(context);
  await context.sendActivity(replies.didYouMean('en', ambiguous));
  return adapter.activeQueue.at(-1)!;
}

describe('"Did you mean …?" in Teams', () => {
  it('offers the sections as suggested actions in a personal chat', async () => {
    const sent = await didYouMeanIn('personal');
    expect(sent.suggestedActions?.actions.map((a) => a.value)).to.deep.equal([
      'Tell me about Industry structure',
      'Tell me about Hospitals',
    ]);
  });

  it('offers them as Action.Execute buttons (verb ask) in a group chat', async () => {
    const sent = await didYouMeanIn('groupChat');
    expect(sent.suggestedActions).to.equal(undefined);
    const card = sent.attachments!.at(-1)!.content as { actions: Record<string, unknown>[] };
    expect(card.actions).to.deep.equal([
      {
        type: 'Action.Execute',
        title: 'Tell me about Industry structure',
        verb: 'ask',
        data: { question: 'Tell me about Industry structure' },
      },
      {
        type: 'Action.Execute',
        title: 'Tell me about Hospitals',
        verb: 'ask',
        data: { question: 'Tell me about Hospitals' },
      },
    ]);
  });
});
