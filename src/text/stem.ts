/** A light, idempotent English plural/suffix stemmer: enough to make "hospitals" meet "hospital". */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (/ies$/.test(word) && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ss|us|is|ics)$/.test(word)) return word;
  if (/(ches|shes|xes|sses)$/.test(word)) return word.slice(0, -2);
  if (/s$/.test(word) && !/[aiou]s$/.test(word)) return word.slice(0, -1);
  return word;
}
