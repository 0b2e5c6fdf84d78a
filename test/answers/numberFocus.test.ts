import { expect } from 'chai';
import { numberFocus } from '../../src/answers/numberFocus.js';
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
