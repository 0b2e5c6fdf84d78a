import { expect } from 'chai';
import { wordClassesOf } from '../../src/text/wordClasses.js';

describe('wordClassesOf: what each word of an English question does, read in context', () => {
  it('reads a word that names something as a noun, in context', () => {
    const classes = wordClassesOf('How much is the rent for office space in Dresden?');
    expect(classes.get('rent')).to.equal('noun');
    expect(classes.get('dresden')).to.equal('noun');
  });

  it('reads the words that only carry the question as function words', () => {
    const classes = wordClassesOf('Kindly tell us roughly how many people are engaged in it.');
    expect([classes.get('kindly'), classes.get('roughly'), classes.get('engaged')]).to.deep.equal([
      'function',
      'function',
      'function',
    ]);
  });

  it('reads a describing word as an adjective, and folds words as search does', () => {
    const classes = wordClassesOf('Which commercial firms are in Sächsisches Serumwerk?');
    expect(classes.get('commercial')).to.equal('adjective');
    expect(classes.get('sachsisches')).to.equal('noun');
  });
});
