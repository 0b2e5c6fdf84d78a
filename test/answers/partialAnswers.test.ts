import { expect } from 'chai';
import type { App } from '../../src/app.js';
import { buildApp } from '../helpers/buildApp.js';

// Honest partial answers (issue 18): the documents cover the topic but not what was asked. The reply says so first,
// then shows what they do say; a figure the documents do not give is never produced.
describe('Honest partial answers over the real knowledge', function () {
  this.timeout(30_000);
  let app: App;
  before(async () => {
    app = await buildApp();
  });
  after(async () => app.close?.());

  const replyTo = (question: string) => {
    const outcome = app.answerer.answer(question);
    return { outcome, text: outcome.kind === 'answer' ? (app.replies.answer('en', outcome).text ?? '') : '' };
  };

  it('corrects a false premise about fees instead of refusing: consulting is free of charge', () => {
    const { outcome, text } = replyTo('Since GTAI charges for its consulting, how much is it?');
    expect(outcome.kind).to.equal('answer');
    expect(text).to.match(/^The documents give no figure for exactly that/);
    expect(text).to.include('free of charge');
  });

  it('never gives a figure for something the documents do not count as if it answered the question', () => {
    const { outcome, text } = replyTo('How many dentists work in Saxony?');
    expect(outcome.kind === 'unknown' || /^The documents do not say exactly that/.test(text), text).to.equal(true);
  });

  it('says that a word of the question is not in the documents before answering from the rest', () => {
    const { outcome, text } = replyTo('Which life sciences networks in Saxony offer crowdfunding?');
    expect(outcome.kind).to.equal('answer');
    expect(text).to.match(/^The documents do not say exactly that/);
  });

  it('answers a question whose extra words only carry it (verbs, adverbs the documents never use)', () => {
    const { outcome, text } = replyTo('Kindly inform us roughly how many patients German hospitals treated in 2022.');
    expect(outcome.kind, text).to.equal('answer');
    expect(text).to.include('17 million');
  });

  it('answers from a sentence that is near the question, saying that it is only near', () => {
    // "tradition" and "begin" are not in the sentence ("What began with August Lingner … in the late 19th
    // century"), so it covers less than a full answer needs; it was refused before
    const { outcome, text } = replyTo("When did Saxony's pharmaceutical tradition begin?");
    expect(outcome.kind, text).to.equal('answer');
    expect(text).to.match(/^The documents do not say exactly that/);
    expect(text).to.include('19th century');
  });

  it('never answers a figure question from a sentence that is only near it as if it answered it', () => {
    // the nearest sentences count employees and SMEs, not the "players" asked about
    const { outcome, text } = replyTo('How many medtech players does Saxony have?');
    expect(outcome.kind === 'unknown' || /^The documents do not say exactly that/.test(text), text).to.equal(true);
  });

  it('corrects a premise whose year and founder the documents contradict, instead of refusing', () => {
    const { outcome, text } = replyTo(
      "The ECEI was set up by the German government in 2015, wasn't it? What does it do?",
    );
    expect(outcome.kind, text).to.equal('answer');
    expect(text).to.match(/^The documents do not say exactly that/);
    expect(text).to.include('launched by the EU Commission in 2009');
  });

  it("corrects a claimed share with the documents' share, the claim's own words aside", () => {
    const { text } = replyTo(
      "I've read that medical technology is only a small slice of Saxony's life sciences, maybe a fifth. So what share does it actually have?",
    );
    expect(text).to.include('about 70 % of the life sciences branch');
  });

  it('says what the documents do say on a topic they cover when they do not answer the question', () => {
    const outcome = app.answerer.answer(
      'How many supplier and service provider companies are there in the life sciences of Saxony?',
    );
    expect(outcome.kind).to.equal('unknown');
    const nearest = outcome.kind === 'unknown' ? outcome.nearest : undefined;
    expect(nearest?.sentences.map((s) => s.text).join(' ')).to.include('with 40,500 employees');
  });

  it('adds nothing to "I don\'t know" for a question mostly about what the documents lack', () => {
    const outcome = app.answerer.answer('Wie wird das Wetter morgen in Dresden?');
    expect(outcome).to.deep.equal({ kind: 'unknown', confidence: outcome.confidence });
  });

  it('takes a word the documents lack for the topic, not for a claim, when the question states no claim', () => {
    const { outcome, text } = replyTo('What is the weather in Dresden during winter like?');
    expect(outcome.kind, text).to.equal('unknown');
  });

  it('corrects a premise that puts a network in the wrong city', () => {
    const { text } = replyTo('When was health.textil founded in Leipzig?');
    expect(text).to.match(/^The documents do not say exactly that/);
    expect(text).to.include('health.textil has been established in 2017');
  });

  it('does not answer "how many" with a share ("about 70 % of the life sciences branch")', () => {
    const { text } = replyTo('How many people worked for August Lingner?');
    expect(text).not.to.include('70 %');
  });

  it('does not answer a figure for another place as if it were the place asked about', () => {
    const { outcome, text } = replyTo('How many hospitals does Bavaria have?');
    expect(outcome.kind, text).to.equal('unknown');
  });

  it('gives a near figure question the sentence whose figure counts what it asks, saying that it is only near', () => {
    // "20" and "staff" are limits the investor sets; the sentence counts manufacturers of more than 20 employees
    const { outcome, text } = replyTo('number of medical device manufacturers DE (>20 staff)');
    expect(outcome.kind, text).to.equal('answer');
    expect(text).to.include('1,443 medical device manufacturers');
  });

  it('does not take a figure the investor claims for the one to look for', () => {
    const { text } = replyTo('Germany has around 48 university hospitals, right?');
    expect(text).not.to.include('48 cluster networks');
  });

  it('reads a two-letter abbreviation ("DE", "SX") as no name the answer must hold', () => {
    const { outcome, text } = replyTo('number of unis with LS bachelor/master programmes in SX');
    expect(outcome.kind, text).to.equal('answer');
    expect(text).to.include('six universities');
  });

  it('offers no "did you mean" for a question about something the documents never mention', () => {
    const outcome = app.answerer.answer('What are the requirements of German law for CE marking of medical devices?');
    expect(outcome.kind).not.to.equal('ambiguous');
  });

  it('answers a question the documents fully cover without that caveat', () => {
    const { text } = replyTo('How many people work in medical technology in Saxony?');
    expect(text).to.include('10,500');
    expect(text).not.to.match(/do not say exactly|no figure/);
  });
});
