import { correctQuestionWords, spellOutShorthand } from './shorthand.js';

/**
 * A message as investors write it: greetings, who they are, why they ask, thanks, and somewhere in it the question.
 * Reading it into the question and its context keeps the social words ("Thanks!") and the background ("we are a
 * Korean diagnostics company") from being searched as if they were asked about.
 */
export interface MessageReading {
  /** The sentences that ask (those with a question mark); the whole message when none does. */
  question: string;
  /** The other sentences that are not greetings or thanks: background a question may point back to. */
  context: string;
  /** The question points back at something it does not name ("is that true?", "how many work there?"). */
  refersBack: boolean;
}

// Words that stand for something named elsewhere: in the context, or in the previous turn.
// "there" points back ("how many work there?"), but not in "is there", "there are".
const POINTS_BACK =
  /\b(it|its|they|them|their|that|this|these|those|ones|he|she|his|her|es|dort|dies|diese|das)\b|(?<!\b(?:is|are|was|were)\s)\bthere\b(?!\s(?:is|are|was|were)\b)/i;

/**
 * Splits a message into the question and its context. `isSocial` tells a greeting or thanks ("Many thanks!") from
 * a sentence with content; it is the route table's own test, so the two never disagree.
 */
export function readMessage(typed: string, isSocial: (sentence: string) => boolean): MessageReading {
  const text = correctQuestionWords(spellOutShorthand(typed));
  const sentences = [...segmenter.segment(text)].map((s) => s.segment.trim()).filter((s) => s.length > 0);
  const content = sentences.filter((s) => !isSocial(s));
  if (content.length === 0) return { question: text.trim(), context: '', refersBack: false };
  const asking = content.filter((s) => s.includes('?'));
  if (asking.length === 0 || asking.length === content.length) {
    const question = content.join(' ');
    return { question, context: '', refersBack: false };
  }
  const question = asking.join(' ');
  return {
    question,
    context: content.filter((s) => !s.includes('?')).join(' '),
    refersBack: POINTS_BACK.test(question),
  };
}

// The sentence rules of Unicode (UAX #29), the same for English and German: "?", "!" and "." end sentences,
// abbreviations with a following lower-case word do not.
const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
