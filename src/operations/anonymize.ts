/** How much of a question the log keeps. */
export const LOGGED_QUESTION_CHARS = 300;

// What may identify a person in a question: addresses, links, phone and account numbers. Names cannot be told
// apart from place and company names reliably; the retention period bounds them.
const EMAIL = /[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+/gu;
const LINK = /\b(?:https?:\/\/|www\.)\S+/giu;

// An address spelled out so that filters miss it (docs/security.md 46): "maxi at example dot org",
// "maxi (at) example (dot) org", "maxi[at]example[dot]org", "maxi ät example punkt de". "at"/"dot" as words need
// spaces around them, in brackets they need none; the last label is letters (a top-level domain). Labels and their
// number are bounded as in real addresses, which keeps the search linear in the length of the text.
const BRACKETED = (word: string) => String.raw`\s*[([{<]\s*(?:${word})\s*[)\]}>]\s*`;
const AT = String.raw`(?:${BRACKETED('at|ät|@')}|\s+(?:at|ät)\s+|\s*@\s*)`;
const DOT = String.raw`(?:${BRACKETED('dot|punkt|.')}|\s+(?:dot|punkt)\s+|\.)`;
const LABEL = String.raw`[\p{L}\p{N}](?:[\p{L}\p{N}_%+-]{0,62}[\p{L}\p{N}])?`;
const SPELLED_EMAIL = new RegExp(
  String.raw`(?<![\p{L}\p{N}])${LABEL}(?:${DOT}${LABEL}){0,4}${AT}${LABEL}(?:${DOT}${LABEL}){0,3}${DOT}\p{L}{2,24}(?![\p{L}\p{N}])`,
  'giu',
);

// A run of 7 or more digits with the separators phone numbers are written with, an opening bracket or + included:
// "+49 351 1234 567", "0351/123 45 67", "(0351) 12345-67", and account numbers. Figures are told apart below.
const DIGIT_RUN = /(?:\+|\(\s*)?\d(?:[\d\s./()-]*\d)?/gu;
const MIN_DIGITS = 7;
// 1.500.000 or 1 500 000: thousands in groups of three, one separator throughout
const GROUPED = /^\d{1,3}(?:([.\s])\d{3})(?:\1\d{3})*$/u;
// 2019-2023, 2019/20, 2019 2020 2021: years and their ranges
const YEARS = /^(?:19|20)\d\d(?:\s*[-/]\s*(?:(?:19|20)\d\d|\d\d)|\s+(?:19|20)\d\d)*$/u;

/** Whether a run of digits reads as a number a question may hold (a year range, a grouped amount), not a phone. */
function isFigure(run: string): boolean {
  const body = run.replace(/^\(\s*/u, '');
  // a leading + or 0 is a dialling prefix or an area code, never how an amount or a year is written
  if (/^[+0]/u.test(body)) return false;
  return GROUPED.test(body) || YEARS.test(body);
}

function maskNumber(run: string): string {
  const digits = run.replace(/\D/gu, '').length;
  return digits < MIN_DIGITS || isFigure(run) ? run : '[number]';
}

/** The question as the anonymous log keeps it: identifying parts replaced, whitespace collapsed, cut. */
export function anonymize(text: string): string {
  const cleaned = text
    .replace(EMAIL, '[e-mail]')
    .replace(LINK, '[link]')
    .replace(SPELLED_EMAIL, '[e-mail]')
    .replace(DIGIT_RUN, maskNumber)
    .replace(/\s+/gu, ' ')
    .trim();
  return Array.from(cleaned).slice(0, LOGGED_QUESTION_CHARS).join('');
}
