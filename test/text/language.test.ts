import { expect } from 'chai';
import { detectLanguage, languageOfLocale } from '../../src/text/language.js';

const GERMAN_TERMS = new Set(['krankenhauser', 'zahnmedizin', 'robotik', 'medizintechnik']);

describe('detectLanguage', () => {
  const german = [
    'Wie viele Krankenhäuser gibt es in Deutschland?',
    'wie viele krankenhaeuser gibt es in deutschland',
    'Wer ist mein Ansprechpartner für einen Produktionsstandort?',
    'Was kostet die Investorenberatung?',
    'Welche Cluster decken Robotik ab?',
    'Seit wann gibt es das Netzwerk health.textil?',
    'Hallo',
    'Vielen Dank',
    'Ich möchte mit einem Menschen sprechen.',
    // a typo in every word but one still leaves enough German
    'wieviele betten hat die charite',
    // no function word, but German terms of the glossary and no English word
    'Zahnmedizin Robotik',
    'Robotik',
  ];
  for (const text of german) {
    it(`reads "${text}" as German`, () => {
      expect(detectLanguage(text, GERMAN_TERMS)).to.equal('de');
    });
  }

  const english = [
    'How many hospitals are there in Germany?',
    'Who can I talk to about a production site in Saxony?',
    'Which clusters cover Robotik?',
    'What does GTAI charge for investor consulting?',
    'thanks',
    'Is the Charité the largest university hospital?',
  ];
  for (const text of english) {
    it(`reads "${text}" as English`, () => {
      expect(detectLanguage(text, GERMAN_TERMS)).to.equal('en');
    });
  }

  // what a form asks for (a name, a company, an e-mail address) says nothing about the conversation's language
  const undecided = [
    'Hans Müller',
    'Lima Medical Ltd',
    'ana@lima-medical.example',
    '+49 351 123456',
    'ok',
    'GTAI',
    'SaxoCell',
    '',
  ];
  for (const text of undecided) {
    it(`leaves "${text}" undecided`, () => {
      expect(detectLanguage(text, GERMAN_TERMS)).to.equal(null);
    });
  }
});

describe('languageOfLocale', () => {
  it('reads German locales as German and English ones as English', () => {
    expect(['de-DE', 'de-AT', 'de_CH', 'de', 'DE-de'].map(languageOfLocale)).to.deep.equal([
      'de',
      'de',
      'de',
      'de',
      'de',
    ]);
    expect(['en-US', 'en-GB', 'en'].map(languageOfLocale)).to.deep.equal(['en', 'en', 'en']);
  });

  it('has no opinion on other or missing locales', () => {
    expect([undefined, '', 'fr-FR', 'deu', 'dev'].map(languageOfLocale)).to.deep.equal([null, null, null, null, null]);
  });
});
