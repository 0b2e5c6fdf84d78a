/**
 * Notes-style shorthand that investors type and no document writes ("# of cos w/ robotics", "clusters w/o
 * dental"), spelt out so that a question is read as the words it stands for. Only symbols: abbreviated words are
 * the glossary's.
 */
const SHORTHAND: readonly [RegExp, string][] = [
  [/(^|[\s(])w\/o(?=[\s,.?!)]|$)/gi, '$1without'],
  [/(^|[\s(])w\/\s?(?=[a-z])/gi, '$1with '],
  // "cluster #14" is cluster number 14; "# of firms", "#firms" the number of firms
  [/#\s?(?=\d)/g, 'number '],
  [/(^|[\s(])#\s?(?:of\s)?(?=\p{L})/gu, '$1number of '],
  [/\s->\s?|\s=>\s?/g, ': '],
];

/** The message with its shorthand symbols spelt out. */
export function spellOutShorthand(text: string): string {
  if (!/[#/>]/.test(text)) return text;
  let spelt = text;
  for (const [pattern, words] of SHORTHAND) spelt = spelt.replace(pattern, words);
  return spelt;
}
