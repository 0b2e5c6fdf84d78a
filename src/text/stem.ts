/** A light, idempotent English plural/suffix stemmer: enough to make "hospitals" meet "hospital". */
export function stem(input: string): string {
  if (input.length <= 3 || /\d/.test(input)) return input;
  const word = americanSpelling(input);
  if (/ies$/.test(word) && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ss|us|is|ics)$/.test(word)) return word;
  if (/(ches|shes|xes|sses)$/.test(word)) return word.slice(0, -2);
  if (/s$/.test(word) && !/[aiou]s$/.test(word)) return word.slice(0, -1);
  return word;
}

// British and American spellings meet: centre/center, programme/program, organisation/organization.
function americanSpelling(word: string): string {
  return word
    .replace(/^(centre|theatre|metre|litre|fibre)(s?)$/, (_m, w: string, s: string) => `${w.slice(0, -2)}er${s}`)
    .replace(/^programme(s?)$/, 'program$1')
    .replace(/isation(s?)$/, 'ization$1')
    .replace(/^(\w{4,})is(e|ed|es|ing)$/, '$1iz$2');
}
