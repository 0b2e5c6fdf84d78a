import { expect } from 'chai';
import { Answerer } from '../../src/answers/answerer.js';
import type { KnowledgeDocument } from '../../src/knowledge/types.js';
import { Replies } from '../../src/replies/replies.js';
import { TemplateSet } from '../../src/replies/templates.js';
import { FakeSearch, passage } from '../fakes/fakeSearch.js';

const document: KnowledgeDocument = {
  id: 'doc',
  title: 'A brochure',
  language: 'en',
  kind: 'brochure',
  origin: 'seeds/x.txt',
  file: 'doc.md',
};

describe('Answerer', () => {
  describe('when two different sections answer a vague question about equally well', () => {
    const hits = [
      {
        passage: passage('doc#1', ['T', 'Industry structure'], 'First.'),
        coverage: 0.7,
        rank: 0.7,
        sentenceCoverage: [0.7],
      },
      { passage: passage('doc#2', ['T', 'Hospitals'], 'Second.'), coverage: 0.7, rank: 0.7, sentenceCoverage: [0.7] },
    ];

    it('asks "Did you mean …?" with one button per section', async () => {
      const outcome = new Answerer(new FakeSearch(hits), [document]).answer('vague');
      expect(outcome.kind).to.equal('ambiguous');
      const replies = new Replies(await TemplateSet.load('templates', ['en']));
      const reply = replies.didYouMean('en', outcome as Extract<typeof outcome, { kind: 'ambiguous' }>);
      expect(reply.text).to.match(/^I found more than one part/);
      expect(reply.suggestedActions?.actions.map((a) => a.title)).to.deep.equal([
        'Tell me about Industry structure',
        'Tell me about Hospitals',
      ]);
    });

    it('answers directly when the question is covered well, even with a rival section', () => {
      const clear = hits.map((h, i) => ({ ...h, coverage: 1, rank: 1 - i * 0.01, sentenceCoverage: [1] }));
      expect(new Answerer(new FakeSearch(clear), [document]).answer('clear').kind).to.equal('answer');
    });
  });

  describe('when the best sentence covers too little of the question', () => {
    it('says it does not know rather than dressing up an unrelated passage', () => {
      const weak = [
        { passage: passage('doc#1', ['T', 'S'], 'Unrelated.'), coverage: 0.9, rank: 1, sentenceCoverage: [0.3] },
      ];
      expect(new Answerer(new FakeSearch(weak), [document]).answer('q').kind).to.equal('unknown');
    });
  });
});
