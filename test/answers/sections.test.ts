import { expect } from 'chai';
import type { App } from '../../src/app.js';
import { buildApp } from '../helpers/buildApp.js';

// A question that names a section of the documents and asks which there are gets the section's members, from the
// documents' own outline (issue 18: "Which networks are there in Saxony?" got one generic sentence).
describe('Questions about the members of a section', function () {
  this.timeout(30_000);
  let app: App;
  before(async () => {
    app = await buildApp();
  });
  after(async () => app.close?.());

  const replyTo = (question: string) => {
    const outcome = app.answerer.answer(question);
    return outcome.kind === 'answer' ? (app.replies.answer('en', outcome).text ?? '') : `(${outcome.kind})`;
  };

  it('lists every network of "Life Sciences Networks" after the section\'s lead-in', () => {
    const text = replyTo('What life sciences networks does Saxony have?');
    expect(text).to.match(/^The life sciences networks in Saxony initiate projects/);
    for (const network of [
      'biosaxony',
      'HEALTHY SAXONY',
      'SaxoCell',
      'health.textil',
      'GRAVOmer e. V.',
      'DIANA alliance',
    ]) {
      expect(text).to.include(`- ${network}`);
    }
    expect(text).to.include('_Source: Focus on Health');
  });

  it('does not list the members when the question asks about one of them', () => {
    const text = replyTo('What does the network health.textil do?');
    expect(text).not.to.include('- GRAVOmer e. V.');
  });
});
