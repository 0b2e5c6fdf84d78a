import { expect } from 'chai';
import { numberFocus, shareFocus } from '../../src/answers/numberFocus.js';
import type { Concept } from '../../src/search/types.js';

const concept = (label: string, ...alternatives: string[][]): Concept => ({
  label,
  alternatives,
  weight: 1,
  isUnknown: false,
  isName: false,
  position: 0,
});

describe('numberFocus: does a figure count what "how many" asks?', () => {
  const employees = concept('employees', ['employee']);

  const cases: [string, string, 'counts' | 'other'][] = [
    ['a figure followed by the counted word', 'Stakeholders: [figure lost], with 40,500 employees.', 'counts'],
    [
      'a fact line whose label names the count',
      'Employees: 15,500 in life sciences / 10,500 in medical technology.',
      'counts',
    ],
    ['a figure that counts something else', 'Germany has 1,894 hospitals.', 'other'],
    ['a figure whose counted word follows a describing word', 'More than 300 skilled employees work here.', 'counts'],
    ['a fact line whose label names something else', 'Hospitals: 1,894 in Germany.', 'other'],
  ];
  for (const [what, sentence, expected] of cases) {
    it(`${what}: ${sentence}`, () => {
      const focus = numberFocus(sentence, [employees], [employees]);
      if (expected === 'counts') expect(focus).to.be.at.least(0.25);
      else expect(focus).to.be.below(0.1);
    });
  }
});

describe('numberFocus: a share answers "how many" only when it is a share of what is counted', () => {
  const medtech = concept('medtech', ['medtech'], ['medical', 'technology']);
  const firms = concept('firms', ['firm'], ['company']);
  const employees = concept('Beschäftigte', ['employee']);

  it('"how many medtech firms are SMEs" is answered by "93 percent of all medtech companies"', () => {
    const focus = numberFocus(
      'Around 93 percent of all medtech companies in Germany are SMEs.',
      [medtech, firms],
      [medtech, firms],
      true,
    );
    expect(focus).to.be.at.least(0.25);
  });

  it('"wie viele Beschäftigte" is not answered by "70 % of the life sciences branch"', () => {
    const branch = concept('life sciences', ['life', 'science']);
    const focus = numberFocus(
      'Medical technology accounts for about 70 % of the life sciences branch in the region.',
      [employees, branch],
      [employees, branch],
      true,
    );
    expect(focus).to.be.below(0.1);
  });
});

describe('shareFocus: does a sentence give a share, as "what percentage" asks?', () => {
  const cases: [string, boolean][] = [
    ['Medical technology accounts for about 70 % of the life sciences branch.', true],
    ['Around 93 percent of all medtech companies in Germany are SMEs.', true],
    ['They account for two thirds employment in the medtech sector (250,000 total).', true],
    ['Employees: 15,500 in life sciences / 10,500 in medical technology.', false],
    ['The network supports the exchange between business, science and politics.', false],
  ];
  for (const [sentence, share] of cases) {
    it(`${share ? 'gives' : 'gives no'} a share: ${sentence}`, () => {
      if (share) expect(shareFocus(sentence)).to.be.at.least(0.25);
      else expect(shareFocus(sentence)).to.be.below(0.1);
    });
  }
});
