import { expect } from 'chai';
import { isSocial } from '../../dialogs/routes.js';
import { readMessage } from '../../src/text/messageReading.js';

describe('Reading a message into its question and background', () => {
  const cases: { message: string; question: string; context: string; refersBack: boolean }[] = [
    {
      message: 'Hi! We make surgical robots in Osaka. How many people work in medtech in Saxony? Thanks a lot!',
      question: 'How many people work in medtech in Saxony?',
      context: 'We make surgical robots in Osaka.',
      refersBack: false,
    },
    {
      message: 'A colleague said the pharma story began with a mouthwash. Is that true? Thanks',
      question: 'Is that true?',
      context: 'A colleague said the pharma story began with a mouthwash.',
      refersBack: true,
    },
    {
      message: 'Wir stellen Implantate her. Welche Cluster haben das als Schwerpunkt?',
      question: 'Welche Cluster haben das als Schwerpunkt?',
      context: 'Wir stellen Implantate her.',
      refersBack: true,
    },
    // "are there" asks whether something exists; it points at nothing
    {
      message: 'Good day! We are a fund from Toronto. How many hospitals are there in Germany? Many thanks!',
      question: 'How many hospitals are there in Germany?',
      context: 'We are a fund from Toronto.',
      refersBack: false,
    },
    {
      message: 'We look at Dresden. How many people work there?',
      question: 'How many people work there?',
      context: 'We look at Dresden.',
      refersBack: true,
    },
    // no sentence asks: the whole message is the question (terse notes, a request without "?")
    { message: 'medtech headcount saxony', question: 'medtech headcount saxony', context: '', refersBack: false },
    {
      message: 'We are a dental firm. Tell me about the clusters for dental.',
      question: 'We are a dental firm. Tell me about the clusters for dental.',
      context: '',
      refersBack: false,
    },
    // nothing but social words: left whole, for the greeting route
    { message: 'Hello! Thanks a lot!', question: 'Hello! Thanks a lot!', context: '', refersBack: false },
  ];
  for (const c of cases) {
    it(`reads "${c.message}"`, () => {
      expect(readMessage(c.message, isSocial)).to.deep.equal({
        question: c.question,
        context: c.context,
        refersBack: c.refersBack,
      });
    });
  }
});
