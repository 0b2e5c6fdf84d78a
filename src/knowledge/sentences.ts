// Abbreviations after which a sentence segmenter must not break ("Prof. Dr. Frank Buchholz", "GRAVOmer e. V.").
const ABBREVIATION_END =
  /(?:\b(?:Prof|Dr|Mr|Mrs|Ms|St|No|Nr|approx|ca|incl|vs|Inc|Ltd|Co|e\.g|i\.e|e\. ?V|z\.B)\.|\b[A-Za-z]\.)\s*$/;

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Splits a paragraph into sentences with the platform's segmenter, re-joining breaks after abbreviations. */
export function splitSentences(paragraph: string): string[] {
  const sentences: string[] = [];
  for (const { segment } of segmenter.segment(paragraph)) {
    const previous = sentences.at(-1);
    if (previous !== undefined && (ABBREVIATION_END.test(previous) || /^[a-z]/.test(segment.trim()))) {
      sentences[sentences.length - 1] = previous + segment;
    } else {
      sentences.push(segment);
    }
  }
  return sentences.map((s) => s.trim()).filter((s) => s.length > 0);
}
