import { expect } from 'chai';
import { correctQuestionWords, spellOutShorthand } from '../../src/text/shorthand.js';

describe('Spelling out notes-style shorthand', () => {
  const cases: [typed: string, read: string][] = [
    ['clusters w/o implants?', 'clusters without implants?'],
    ['clusters w/ robotics + dental', 'clusters with robotics + dental'],
    ['# clusters implants', 'number of clusters implants'],
    ['# of medtech cos in DE', 'number of medtech cos in DE'],
    ['#firms in SN?', 'number of firms in SN?'],
    ['what does cluster #14 cover', 'what does cluster number 14 cover'],
    ['DE medtech mostly big corps -> % large firms?', 'DE medtech mostly big corps: % large firms?'],
    // nothing else is touched: an e-mail address, a path, a date
    ['write to invest@gtai.de or see www.gtai.de/medtech', 'write to invest@gtai.de or see www.gtai.de/medtech'],
    ['founded 2017/2018?', 'founded 2017/2018?'],
  ];
  for (const [typed, read] of cases) {
    it(`reads "${typed}" as "${read}"`, () => expect(spellOutShorthand(typed)).to.equal(read));
  }
});

describe('Correcting misspelt question words', () => {
  const cases: [typed: string, read: string][] = [
    ['wich area of activity has the fewest clusters', 'which area of activity has the fewest clusters'],
    ['waht does GTAI offer', 'what does GTAI offer'],
    ['how mnay hospitals', 'how many hospitals'],
    ['whos survey ranked the areas', 'whose survey ranked the areas'],
    // everyday words stay as typed, though one letter from a question word
    ['what about the show', 'what about the show'],
    ['Why now?', 'Why now?'],
  ];
  for (const [typed, read] of cases) {
    it(`reads "${typed}" as "${read}"`, () => expect(correctQuestionWords(typed)).to.equal(read));
  }
});
