/**
 * A sentence that opens with a word pointing back ("They account for …", "These saw …") goes on from the sentence
 * before it: it is read, answered and shown with that sentence.
 */
export const ANAPHOR = /^(this|these|they|it|its|their|such|that|those)\b/i;
