/** A kind of question an investor asks; lead forms are left out (they store leads, not answer questions). */
export type QuestionCategory = 'fact' | 'typo' | 'german' | 'cluster' | 'contact' | 'smalltalk' | 'outOfScope';

/** One question of the load mix. */
export interface BenchQuestion {
  category: QuestionCategory;
  text: string;
}

/**
 * The load mix: questions like those of the golden set, in
 * roughly the proportions investors ask them: mostly facts, then contacts, clusters, things the documents do not
 * say, and small talk. Copied here (not read from the test folder) so the benchmark stays the same when the
 * golden set grows.
 */
export const QUESTION_MIX: readonly BenchQuestion[] = [
  { category: 'fact', text: 'How many hospitals does Germany have altogether?' },
  { category: 'fact', text: 'What is the total bed capacity of the German hospital sector?' },
  { category: 'fact', text: 'How many medical device makers with more than 20 staff operate in Germany?' },
  { category: 'fact', text: 'What percentage of medtech companies in Germany are SMEs?' },
  {
    category: 'fact',
    text: 'How many medtech patents did applicants from Germany file with the European Patent Office in 2023?',
  },
  { category: 'fact', text: 'Where does the German medical technology market rank globally?' },
  { category: 'fact', text: 'What does the European Cluster Collaboration Platform do?' },
  { category: 'fact', text: 'What is special about the Medical Faculty at the University Hospital Dresden?' },
  { category: 'fact', text: 'What is the trend in the size of German hospitals?' },
  { category: 'fact', text: 'What role do hospitals play in medtech clusters?' },
  { category: 'fact', text: 'Do GTAI charge a fee for supporting my investment project?' },
  { category: 'fact', text: 'How many commercial life science enterprises are based in Saxony?' },
  { category: 'fact', text: 'Why does the CRTD study the axolotl?' },
  { category: 'fact', text: 'What does ICCAS in Leipzig specialise in?' },
  { category: 'fact', text: 'What is the SaxoCell cluster about?' },
  { category: 'fact', text: 'When was the health.textil network set up?' },
  { category: 'typo', text: 'how mny patnt applications medtech germany 2023' },
  { category: 'typo', text: 'how mnay hospitls in germny' },
  { category: 'typo', text: 'gtai investr consulting costs anythng?' },
  { category: 'german', text: 'Wie viele Universitätskliniken gibt es in Deutschland?' },
  { category: 'cluster', text: 'Which clusters are active in rehabilitation?' },
  { category: 'cluster', text: 'What does Technologieland Hessen cover?' },
  { category: 'cluster', text: 'Which clusters cover dental but not implants?' },
  { category: 'cluster', text: 'Which clusters cover cardiology?' },
  { category: 'cluster', text: 'Which of those also do robotics?' },
  { category: 'contact', text: 'Who is the contact for investor services in Saxony?' },
  { category: 'contact', text: 'How can I contact Gabriel Flemming?' },
  { category: 'contact', text: 'What number do I call to reach Barbara Weigert?' },
  { category: 'contact', text: 'Who handles marketing for the life sciences sector in Saxony?' },
  { category: 'contact', text: 'What is the general e-mail address of Germany Trade & Invest?' },
  { category: 'smalltalk', text: 'hello there' },
  { category: 'smalltalk', text: 'thanks a lot' },
  { category: 'smalltalk', text: 'What can you do for me?' },
  { category: 'outOfScope', text: 'What is the minimum wage in Germany?' },
  { category: 'outOfScope', text: 'Book me a flight to Dresden' },
  { category: 'outOfScope', text: 'What is the corporate income tax rate in Germany?' },
  { category: 'outOfScope', text: 'How many hospitals are there in France?' },
  { category: 'outOfScope', text: 'Who won the Bundesliga last season?' },
];

/** The question checked by hand before the load, and a figure its right answer contains. */
export const CHECK_QUESTION = { text: 'How many hospitals does Germany have altogether?', answerContains: '1,894' };
