/** How much of a question the log keeps. */
export const LOGGED_QUESTION_CHARS = 300;

// What may identify a person in a question: addresses, links, phone and account numbers. Names cannot be told
// apart from place and company names reliably; the retention period bounds them.
const EMAIL = /[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+/gu;
const LINK = /\b(?:https?:\/\/|www\.)\S+/giu;
const NUMBER = /\+?\d(?:[\d\s./()-]*\d){6,}/gu;

/** The question as the anonymous log keeps it: identifying parts replaced, whitespace collapsed, cut. */
export function anonymize(text: string): string {
  const cleaned = text
    .replace(EMAIL, '[e-mail]')
    .replace(LINK, '[link]')
    .replace(NUMBER, '[number]')
    .replace(/\s+/gu, ' ')
    .trim();
  return Array.from(cleaned).slice(0, LOGGED_QUESTION_CHARS).join('');
}
