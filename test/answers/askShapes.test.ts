import { expect } from 'chai';
import type { App } from '../../src/app.js';
import { buildApp } from '../helpers/buildApp.js';

// How a question is put, over the real knowledge: two asks in one question, a name typed without its capital.
describe('Answering questions as investors put them', function () {
  this.timeout(30_000);
  let app: App;
  before(async () => {
    app = await buildApp();
  });
  after(async () => app.close?.());

  const answerText = (question: string) => {
    const outcome = app.answerer.answer(question);
    return outcome.kind === 'answer' ? outcome.sentences.map((s) => s.text).join(' ') : `(${outcome.kind})`;
  };

  it('reads a name typed in lower case as the name the documents write ("buchholz")', () => {
    expect(answerText('when did buchholz move to dresden')).to.include('in 2002');
  });

  it('answers "how big a part" with a share, not with another figure of the topic', () => {
    expect(answerText('How large a part of the employment in medtech is accounted for by the SMEs?')).to.include(
      'two thirds employment',
    );
    expect(
      answerText('Wie groß ist der Anteil der Medizintechnik an der Life-Sciences-Branche in Sachsen?'),
    ).to.include('70 %');
  });

  it('answers, without asking "did you mean", when two parts of the documents say the same', () => {
    const outcome = app.answerer.answer("Around which technology centres are Saxony's life sciences clusters growing?");
    expect(outcome.kind).to.equal('answer');
    expect(answerText("Around which technology centres are Saxony's life sciences clusters growing?")).to.include(
      'BIO CITY LEIPZIG and BioInnovationCenter Dresden',
    );
  });

  it('reads notes-style abbreviations of the documents\' words ("headcount", "life sci", "SN")', () => {
    expect(answerText('medtech headcount in saxony 2022?')).to.include('10,500 in medical technology');
    expect(answerText('number of life sci firms in SN?')).to.include('More than 300 commercial enterprises');
  });

  it('answers both asks of one question from the sentence that holds both', () => {
    const text = answerText('when did buchholz move to dresden and were did he come from');
    expect(text).to.include('San Francisco');
    expect(text).to.include('2002');
  });
});
