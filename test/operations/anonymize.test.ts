import { expect } from 'chai';
import { anonymize } from '../../src/operations/anonymize.js';

// docs/security.md 46: the insight log keeps no address or phone number, however it is written, and keeps figures
describe('Anonymising a question for the insight log', () => {
  describe('masks e-mail addresses spelled out to get past filters', () => {
    for (const written of [
      'maxi at example dot org',
      'maxi (at) example (dot) org',
      'maxi[at]example[dot]org',
      'maxi {at} example {dot} org',
      'MAXI AT EXAMPLE DOT ORG',
      'maxi at example.org',
      'maxi@example dot org',
      'maxi.mustermann at example dot co dot uk',
      'maxi dot mustermann (at) mail (dot) example (dot) com',
      'maxi ät example punkt de',
      'jörg.müller at beispiel punkt de',
    ]) {
      it(written, () => {
        expect(anonymize(`Please write to ${written} about the site.`)).to.equal(
          'Please write to [e-mail] about the site.',
        );
      });
    }
  });

  describe('masks phone numbers written with spaces, dots, dashes, slashes, brackets and country codes', () => {
    for (const written of [
      '+49 351 1234 567',
      '+49 (0)351 123456',
      '0351/123 45 67',
      '(0351) 12345-67',
      '0351-1234567',
      '0351.123.4567',
      '+1 (212) 555-0100',
      '+44 20 7946 0958',
      '00 49 351 1234567',
      '351 1234 567',
    ]) {
      it(written, () => {
        expect(anonymize(`Call me on ${written} tomorrow`)).to.equal('Call me on [number] tomorrow');
      });
    }
  });

  it('still masks plain addresses, links and long account numbers', () => {
    expect(anonymize('ana@lima.example or https://lima.example/x and DE89 3704 0044 0532 0130 00')).to.equal(
      '[e-mail] or [link] and DE[number]',
    );
  });

  describe('keeps the figures and words of ordinary questions', () => {
    for (const question of [
      'How many hospitals opened in 2024?',
      'Which companies have more than 40,000 employees?',
      'Is there a grant of EUR 1.5 million for a new plant?',
      'Can the subsidy cover 10 % of the investment?',
      'What does Section 3.2 of the guideline say?',
      'How did exports develop 2019-2023?',
      'How did exports develop (2019 - 2023)?',
      'What were the results for 2019/20 and 2023/24?',
      'Compare 2019 2020 2021 please',
      'Is EUR 1.500.000 the upper limit?',
      'Are there 1 500 000 inhabitants?',
      'What is the EUR 2,500,000.00 programme?',
      'Who is the contact at the Dresden office?',
      'We looked at 3.2 million euros. What now?',
      'I am at home. Then what?',
      'Where is the office at Dresden, Saxony?',
      'Is ISO 13485:2016 required?',
      'Which sites are near postcode 01067?',
    ]) {
      it(question, () => {
        expect(anonymize(question)).to.equal(question);
      });
    }
  });
});
