import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { type AnswerExtract, Answerer, type AnswerOutcome } from '../../src/answers/answerer.js';
import { type KnowledgeBase, loadKnowledge } from '../../src/knowledge/loader.js';
import { LOST_FIGURE } from '../../src/knowledge/types.js';
import { MiniSearchIndex } from '../../src/search/miniSearchIndex.js';
import { defaultQueryLimits } from '../../src/search/queryLimits.js';
import type { SearchResult } from '../../src/search/types.js';
import { foldWord } from '../../src/text/fold.js';
import { Glossary } from '../../src/text/glossary.js';

const KNOWLEDGE_DIR = fileURLToPath(new URL('../../knowledge/', import.meta.url));

/** A safety bound, far above the few milliseconds a capped query takes: it catches a stall, not a slow machine. */
const QUICK_MS = 1000;

let kb: KnowledgeBase;
let index: MiniSearchIndex;
let answerer: Answerer;

/** Builds the index and the answerer as src/app.ts does (once for both suites). */
async function build(): Promise<void> {
  if (answerer) return;
  kb = await loadKnowledge(KNOWLEDGE_DIR);
  const glossary = new Glossary(kb.glossary.entries);
  index = new MiniSearchIndex(kb.passages, kb.documents, glossary);
  answerer = new Answerer(index, kb.documents);
}

function timedSearch(question: string): { result: SearchResult; ms: number } {
  const start = performance.now();
  const result = index.search(question);
  return { result, ms: performance.now() - start };
}

function labels(question: string): string[] {
  return index.search(question).query.concepts.map((c) => c.label);
}

function hitTexts(question: string): string[] {
  return index.search(question).hits.map((h) => h.passage.text);
}

function asExtract(outcome: AnswerOutcome): AnswerExtract {
  if (outcome.kind !== 'answer') throw new Error(`expected an answer, got ${outcome.kind}`);
  return outcome;
}

function answerText(question: string): string {
  return asExtract(answerer.answer(question))
    .sentences.map((s) => s.text)
    .join(' ');
}

describe('MiniSearchIndex', () => {
  before(build);

  it('indexes every passage of the knowledge', () => {
    expect(index.size).to.equal(kb.passages.length);
  });

  describe('when a name is spelt with ü, ue or u', () => {
    it('folds "Südwest", "Suedwest" and "Sudwest" alike', () => {
      expect(['Südwest', 'Suedwest', 'Sudwest', 'SÜDWEST'].map(foldWord)).to.deep.equal([
        'sudwest',
        'sudwest',
        'sudwest',
        'sudwest',
      ]);
    });

    it('folds ß to ss and Ö to o, and keeps a vowel pair at the start of a word ("aerial")', () => {
      expect(['Straße', 'Österreich', 'aerial'].map(foldWord)).to.deep.equal(['strasse', 'osterreich', 'aerial']);
    });

    it('prepares the same concept for "Schlütter", "Schluetter" and "Schlutter"', () => {
      const [umlaut, digraph, plain] = ['Schlütter', 'Schluetter', 'Schlutter'].map(
        (name) => index.search(`Who is Andrea ${name}?`).query.concepts,
      );
      expect(umlaut).to.not.be.empty;
      expect(digraph).to.deep.equal(umlaut);
      expect(plain).to.deep.equal(umlaut);
    });

    it('finds Andrea Schlütter whichever way her name is written', () => {
      for (const name of ['Schlütter', 'Schluetter', 'Schlutter']) {
        expect(hitTexts(`Who is ${name}?`)[0], name).to.include('Andrea Schlütter');
      }
    });

    it('prepares the same concept for "microTEC Südwest" and "microTEC Suedwest"', () => {
      expect(labels('microTEC Suedwest')).to.deep.equal(labels('microTEC Südwest'));
    });
  });

  describe('when the question has a typo', () => {
    it('still finds the passage with 1,894 hospitals for "hospitls in germany"', () => {
      const { hits } = index.search('hospitls in germany');
      const hospitals = hits.find((h) => h.passage.text.includes('1,894 hospitals'));
      expect(hospitals, 'the 1,894 passage is among the hits').to.not.equal(undefined);
      expect(hospitals!.coverage).to.equal(1);
    });

    it('still answers "How many hospitls are there in germany?" with 1,894', () => {
      expect(answerText('How many hospitls are there in germany?')).to.include('1,894');
    });
  });

  describe('when the question uses a glossary synonym', () => {
    it('finds passages that say "medical technology" for "medtech"', () => {
      const { hits } = index.search('medtech');
      const viaSynonym = hits.filter(
        (h) => /medical technology/i.test(h.passage.text) && !/medtech/i.test(h.passage.text) && h.coverage === 1,
      );
      expect(viaSynonym).to.not.be.empty;
    });

    it('finds the hospitals for German "Krankenhäuser in Deutschland"', () => {
      const texts = hitTexts('Krankenhäuser in Deutschland');
      expect(texts[0]).to.match(/hospital/i);
      expect(texts.some((t) => t.includes('1,894 hospitals'))).to.equal(true);
    });

    it('answers "Wie viele Krankenhäuser gibt es in Deutschland?" with 1,894', () => {
      expect(answerText('Wie viele Krankenhäuser gibt es in Deutschland?')).to.include('1,894');
    });
  });

  describe('when the question holds a word common in everyday English that the documents rarely use', () => {
    const weightOf = (question: string, label: string) =>
      index.search(question).query.concepts.find((c) => c.label === label)?.weight;

    it('weighs "group" as a common word and "textile" as a rare one', () => {
      const question = 'Is there a group for textile firms in Saxony?';
      expect(weightOf(question, 'group')).to.equal(1);
      expect(weightOf(question, 'textile')).to.equal(3);
    });

    it('answers from the network the specific word names, not from the sentence with "work groups"', () => {
      const outcome = answerer.answer('Is there a group for textile firms in Saxony?');
      expect(outcome.kind).to.equal('answer');
      expect(outcome.kind === 'answer' && outcome.passage.headings.at(-1)).to.equal('health.textil');
    });
  });

  describe('when a German question holds words the English documents lack', () => {
    const weightOf = (question: string, label: string) =>
      index.search(question).query.concepts.find((c) => c.label === label)?.weight;

    it('weighs a lower-case word (a verb, "sich") as the commonest word: it only builds the sentence', () => {
      expect(weightOf('Womit beschäftigt sich GRAVOmer?', 'sich')).to.equal(0.4);
      const outcome = answerer.answer('Womit beschäftigt sich GRAVOmer?');
      expect(outcome.kind).to.equal('answer');
    });

    it('keeps the full weight of a capitalised noun the documents lack ("Wetter"): it names the topic', () => {
      expect(weightOf('Wie wird das Wetter morgen in Dresden?', 'wetter')).to.equal(3);
      expect(answerer.answer('Wie wird das Wetter morgen in Dresden?').kind).to.equal('unknown');
    });
  });

  describe('when the question has no content words', () => {
    for (const question of ['what is the', 'Could you please tell me about it?', 'Wie viele gibt es?']) {
      it(`gives no hits for stopwords only: "${question}"`, () => {
        const { query, hits } = index.search(question);
        expect(query.concepts).to.deep.equal([]);
        expect(hits).to.deep.equal([]);
      });
    }

    for (const [name, question] of [
      ['empty', ''],
      ['blank', '   \n\t '],
      ['zero-width only', '\u200b\u200c\u200d\ufeff'],
    ] as const) {
      it(`gives no hits for ${name} input`, () => {
        const { query, hits } = index.search(question);
        expect(query.concepts).to.deep.equal([]);
        expect(hits).to.deep.equal([]);
      });
    }
  });

  describe('when the question is very long', () => {
    it('caps a 10 KB question of real words and returns quickly', () => {
      const question = 'How many hospitals and university hospitals are there in Germany and Saxony? '.repeat(140);
      expect(question.length).to.be.greaterThan(10_000);
      const { result, ms } = timedSearch(question);
      expect(ms).to.be.lessThan(QUICK_MS);
      expect(result.query.truncated).to.equal(true);
      expect(result.query.concepts.length).to.be.at.most(defaultQueryLimits.maxTerms);
      expect(result.hits.some((h) => h.passage.text.includes('1,894 hospitals'))).to.equal(true);
    });

    it('keeps at most 32 concepts of a 10 KB question of distinct unknown words', () => {
      const words = Array.from({ length: 1700 }, (_, i) => `w${String(i).padStart(4, '0')}`);
      const question = words.join(' ');
      expect(question.length).to.be.greaterThan(10_000);
      const { result, ms } = timedSearch(question);
      expect(ms).to.be.lessThan(QUICK_MS);
      expect(result.query.truncated).to.equal(true);
      expect(result.query.concepts).to.have.length(32);
    });

    it('returns quickly for one 10 KB word', () => {
      const { result, ms } = timedSearch('x'.repeat(10_240));
      expect(ms).to.be.lessThan(QUICK_MS);
      expect(result.query.truncated).to.equal(true);
      expect(result.query.concepts.length).to.be.at.most(32);
    });

    it('returns quickly for 15,000 one-letter terms', () => {
      const question = Array.from({ length: 15_000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join(' ');
      const { result, ms } = timedSearch(question);
      expect(ms).to.be.lessThan(QUICK_MS);
      expect(result.query.truncated).to.equal(true);
      expect(result.query.concepts.length).to.be.at.most(32);
    });
  });

  describe('when the question holds invisible or control characters', () => {
    const clean = 'hospitals in Germany';
    const dirty = [
      ['zero-width', 'hos\u200bpi\u200ctals in Ger\u200dmany\ufeff'],
      ['right-to-left override', '\u202ehos\u202dpitals\u202c in \u2066Ger\u2069many'],
      ['control', '\u0007hospitals\u0000 in\u001b Germany\u007f'],
    ] as const;

    for (const [name, question] of dirty) {
      it(`ignores ${name} characters`, () => {
        const expected = index.search(clean);
        const actual = index.search(question);
        expect(actual.query.concepts).to.deep.equal(expected.query.concepts);
        expect(actual.hits.map((h) => h.passage.id)).to.deep.equal(expected.hits.map((h) => h.passage.id));
      });
    }
  });
});

describe('Answerer', () => {
  before(build);

  describe('when a follow-up names nothing but words that carry it', () => {
    it('reads "where did he come from?" with the previous question, not as a sentence that says "come"', () => {
      const outcome = answerer.answerFollowUp('Who is Frank Buchholz?', 'where did he come from?');
      expect(outcome.kind).to.equal('answer');
      const text = outcome.kind === 'answer' ? outcome.sentences.map((s) => s.text).join(' ') : '';
      expect(text).to.include('Frank Buchholz');
      expect(text).not.to.include('Even more good ideas come to life');
    });
  });

  describe('when the documents state the figure', () => {
    it('answers "How many hospitals are there in Germany?" with the sentence holding 1,894', () => {
      const extract = asExtract(answerer.answer('How many hospitals are there in Germany?'));
      expect(extract.sentences.some((s) => s.text.includes('1,894'))).to.equal(true);
      expect(extract.document.id).to.equal('gtai-medtech-clusters');
      expect(extract.hasLostFigure).to.equal(false);
    });
  });

  describe('when the sentence with the figure points back to the one before ("They account for …")', () => {
    it('reads it with that sentence, and shows both', () => {
      // "The German medtech industry is mainly comprised of small and medium-sized enterprises (SMEs). … They
      // account for two thirds employment in the medtech sector (250,000 total)."
      const extract = asExtract(answerer.answer('How many people are employed in the German medtech industry?'));
      const texts = extract.sentences.map((s) => s.text);
      expect(texts.some((t) => t.startsWith('They account for') && t.includes('250,000'))).to.equal(true);
      expect(texts.some((t) => t.includes('are SMEs'))).to.equal(true);
    });
  });

  describe('when nothing in the documents answers', () => {
    it('says it does not know the minimum wage in Germany', () => {
      expect(answerer.answer('What is the minimum wage in Germany?').kind).to.equal('unknown');
    });

    it("says it does not know a figure for a year the documents do not give, rather than another year's", () => {
      // the documents give the medtech patent applications of 2023 only
      expect(answerer.answer('How many medtech patent applications came from Germany in 2023?').kind).to.equal(
        'answer',
      );
      expect(answerer.answer('How many medtech patent applications came from Germany in 2019?').kind).to.equal(
        'unknown',
      );
    });

    it('says it does not know for an empty question', () => {
      expect(answerer.answer('').kind).to.equal('unknown');
    });
  });

  describe('when the source lost the figure asked for', () => {
    it('flags the extract so that no number is stated for it', () => {
      const extract = asExtract(answerer.answer('How many life sciences stakeholders are there in Saxony?'));
      expect(extract.hasLostFigure).to.equal(true);
      const stakeholders = extract.sentences.find((s) => /life sciences stakeholders/i.test(s.text));
      expect(stakeholders?.text).to.include(LOST_FIGURE);
    });
  });
});
