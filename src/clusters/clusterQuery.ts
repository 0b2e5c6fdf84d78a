import { phraseWords } from '../text/fold.js';
import type { Glossary } from '../text/glossary.js';
import { boundedDistance, typoBudget } from '../text/levenshtein.js';
import { boundedMemo } from '../text/memo.js';

/** What a table question asks, in the table's own row and column names. */
export type ClusterQuery =
  /**
   * `followUp`: narrows the previous result ("which of those also…"); `parallel`: asks the same of other areas
   * ("and hearing aids?"), answered afresh with the overlap named.
   */
  | {
      kind: 'select';
      all: string[];
      any: string[];
      none: string[];
      count: boolean;
      followUp: boolean;
      parallel: boolean;
      /** "all areas with the exception of dental": every area but those in `none` */
      allOthers: boolean;
    }
  | { kind: 'profile'; row: string; complement: boolean }
  | { kind: 'membership'; row: string; columns: string[] }
  | { kind: 'compare'; rows: [string, string] }
  /** `rank` 2: the second most / fewest ("which cluster comes second in number of areas?") */
  | { kind: 'extreme'; which: 'most' | 'fewest' | 'all'; rank?: number }
  /** Areas by how many clusters name them: "which area do the fewest clusters cover?" */
  | { kind: 'areaExtreme'; which: 'most' | 'fewest' | 'all' }
  /** How many clusters (rows) or areas (columns) the table has. */
  | { kind: 'total'; of: 'clusters' | 'areas' };

// Cue words, on folded text. Areas after a negation cue are excluded ("dental but not implants").
// "don't" folds to "don t"; typed without the apostrophe it is one word ("arent")
const NEGATION =
  /^(not|t|dont|doesnt|didnt|arent|isnt|havent|hasnt|without|except|exception|excluding|exclude|excluded|no|nor|but not|other than|ohne|nicht|ausser|ausgenommen|keine?n?|weder)$/;
const OR = /^(or|either|oder|entweder)$/;
// "what does X not cover?", "anything X doesn't cover", on the text as typed (folding changes "doesn't")
const NEGATED_PROFILE = /\b(not|never|missing|lacks?|nicht|kein|keine|keinen|fehlt|fehlen|fehlende)\b|\wn['’]t\b/i;
const COUNT = /\b(how many|number of|count|wie viele|anzahl)\b/;
const TABLE_WORDS = [
  'cluster',
  'clusters',
  'clustern',
  'network',
  'networks',
  'netzwerk',
  'netzwerke',
  'netzwerken',
  'table',
  'tabelle',
];
// "cluster no. 10", "cluster #14", "Cluster Nummer 3" (folded: "#" and "." are gone)
const ROW_NUMBER = /\b(?:cluster|clusters|no|nr|number|nummer)(?: (?:no|nr|number|nummer))? (\d{1,3})\b/;
// the question is about areas, not clusters: "which area do the fewest clusters cover?"
const ASKS_AREA =
  /^(?:[a-z]+ ){0,4}?(which|what|any|are there|is there|welche|welcher|welches|gibt es) (?:any )?(areas?|fields?|focus|bereiche?|felder|feld|tatigkeitsfelder|tatigkeitsfeld|schwerpunkte?)\b/;
// the question asks for one row of the table ("which cluster in the table is from Berlin?"), not about clusters
// in general ("around which centres have clusters formed in Saxony?")
const ASKS_ONE_ROW = /\b(table|tabelle|(which|what|welcher|welches|welche) (cluster|netzwerk))\b/;
const EVERY_CLUSTER =
  /\b(every|each|all|alle|samtliche|jeder|jedes|jede) (single )?(clusters?|cluster in the table|netzwerke?)\b/;
const PROFILE_CUE =
  /\b(cover|covers|covered|focus|focuses|areas?|active|activity|activities|work on|works on|specialise|specialize|specialised|specialized|profile|fields?|bereiche?|aktiv|schwerpunkte?|schwerpunkten|tatigkeitsfeld(er)?|themen|felder|abdecken|decken|deckt|arbeiten|arbeitet|spezialisiert|fokus|fokussiert)\b/;
const COMPARE =
  /\b(compare|comparison|versus|vs|differ|difference|both|vergleich|vergleiche|vergleichen|unterschied|unterscheiden|beide)\b/;
const FOLLOW_UP =
  /^(and|also|what about|how about|und)\b|\b(of those|of them|of these|among them|among those|among these|davon|von denen|also)\b/;
// only these narrow the previous result; "and hearing aids?" may mean either, and is asked afresh
const NARROW = /\b(of those|of them|of these|among them|among those|among these|davon|von denen|von diesen)\b/;
// "is there anything it doesn't cover?": the cluster of the previous answer
export const REFERS_BACK = /\b(it|its|they|them|their|es|sie|er|ihm|ihn)\b/;
const MOST = /\b(most|broadest|widest|largest number|meisten)\b/;
const FEWEST = /\b(fewest|least|less|fewer|narrowest|smallest number|wenigsten)\b/;
const ALL_AREAS =
  /\b(all|every|each) (of the )?(areas|fields|19)\b|\ball (areas|fields) of activity\b|\b(alle|samtliche) (19 )?(tatigkeitsfelder|bereiche|felder)\b/;
// "second", "2nd", "zweitmeisten": a rank below the first
const ORDINALS: readonly RegExp[] = [
  /\b(second|2nd|zweit\w*)\b/,
  /\b(third|3rd|dritt\w*)\b/,
  /\b(fourth|4th|viert\w*)\b/,
];
const AREA_WORDS = /\b(areas?|fields?|columns?|bereiche|tatigkeitsfelder|felder|themen|spalten)\b/;
const TOTAL =
  /\b(in the ([a-z]+ )?table|listed|table (list|lists|contain|contains|show|shows|have|has)|in der ([a-z]+ )?tabelle|columns?|spalten)\b/;

/** Reads a table question; `null` when the text names no area or cluster and asks nothing of the table. */
export function parseClusterQuery(
  text: string,
  names: Glossary,
  rows: readonly string[],
  hasPrevious: boolean,
  rowLabels: readonly string[] = [],
  /** The one cluster the previous answer was about, if it was about one. */
  previousRow: string | null = null,
): ClusterQuery | null {
  // a table word typed wrong ("tabel", "clustrs") is read as the word it stands for
  const words = phraseWords(text).map((w) => (TABLE_WORDS.includes(w) ? w : (misspeltTableWord(w) ?? w)));
  const folded = words.join(' ');
  const matches = names.find(words, { fuzzy: true });
  const areaMatches = matches.filter((m) => !rows.includes(m.term));
  const isFollowUp = hasPrevious && FOLLOW_UP.test(folded);
  // a word that names the table, as written or misspelt ("clustrs"), or "listed"
  const tableCue = words.some((w) => w === 'listed' || TABLE_WORDS.includes(w));
  const named = unique(matches.filter((m) => rows.includes(m.term)).map((m) => m.term));
  // a row by its number, or by a place its name holds ("the cluster in Berlin"), when the question is about the table
  const byNumber = tableCue ? rowByNumber(folded, rows, rowLabels) : null;
  const byPlace =
    ASKS_ONE_ROW.test(folded) && named.length === 0 && areaMatches.length === 0 ? rowByPlace(text, rows) : null;
  const rowNames = named.length > 0 ? named : byNumber ? [byNumber] : byPlace ? [byPlace] : [];
  // "and the fewest?", "areas not covered", "and medways?": a follow-up about the table that does not say so
  // "for which area is it not marked?": a question that points back at the cluster is about it too
  const tableFollowUp = hasPrevious && (isFollowUp || folded.split(' ').length <= 4 || REFERS_BACK.test(folded));
  if (previousRow && rowNames.length === 0 && areaMatches.length === 0 && tableFollowUp) {
    if (PROFILE_CUE.test(folded) && (REFERS_BACK.test(folded) || NEGATED_PROFILE.test(text) || !tableCue)) {
      return { kind: 'profile', row: previousRow, complement: NEGATED_PROFILE.test(text) };
    }
  }
  if (rowNames.length === 0 && areaMatches.length === 0 && tableFollowUp && !tableCue) {
    if (FEWEST.test(folded)) return { kind: 'extreme', which: 'fewest' };
    if (MOST.test(folded)) return { kind: 'extreme', which: 'most' };
  }

  if (areaMatches.length === 0 && tableCue && ASKS_AREA.test(folded)) {
    if (EVERY_CLUSTER.test(folded)) return { kind: 'areaExtreme', which: 'all' };
    if (FEWEST.test(folded)) return { kind: 'areaExtreme', which: 'fewest' };
    if (MOST.test(folded)) return { kind: 'areaExtreme', which: 'most' };
  }

  if (rowNames.length >= 2 && (COMPARE.test(folded) || areaMatches.length === 0)) {
    return { kind: 'compare', rows: [rowNames[0]!, rowNames[1]!] };
  }
  if (rowNames.length === 1) {
    if (areaMatches.length > 0)
      return { kind: 'membership', row: rowNames[0]!, columns: unique(areaMatches.map((m) => m.term)) };
    // a cluster found by its number or place is what the question asks for, in whatever words
    return PROFILE_CUE.test(folded) || named.length === 0 || tableFollowUp
      ? { kind: 'profile', row: rowNames[0]!, complement: NEGATED_PROFILE.test(text) }
      : null;
  }
  if (areaMatches.length === 0) {
    if (!tableCue) return null;
    if (ALL_AREAS.test(folded)) return { kind: 'extreme', which: 'all' };
    if (MOST.test(folded) && AREA_WORDS.test(folded)) return { kind: 'extreme', which: 'most', rank: rankOf(folded) };
    if (FEWEST.test(folded)) return { kind: 'extreme', which: 'fewest', rank: rankOf(folded) };
    const rank = rankOf(folded);
    if (rank > 1 && AREA_WORDS.test(folded)) return { kind: 'extreme', which: 'most', rank };
    if (TOTAL.test(folded) && COUNT.test(folded)) {
      return {
        kind: 'total',
        of: /^(?:[a-z]+ ){0,3}?(how many|number of|wie viele|anzahl)( der)? (areas?|fields?|columns?|bereiche|tatigkeitsfelder|felder|spalten)\b/.test(
          folded,
        )
          ? 'areas'
          : 'clusters',
      };
    }
    return null;
  }
  const asksWho = /\b(which|who|welche|welcher|welches|wer)\b/.test(folded) && PROFILE_CUE.test(folded);
  if (!tableCue && !isFollowUp && !asksWho) return null;

  // an area is excluded when a negation cue stands between the previous area and it
  const all: string[] = [];
  const any: string[] = [];
  const none: string[] = [];
  let negated = false;
  let alternative = false;
  let cursor = 0;
  for (const match of areaMatches) {
    const between = words.slice(cursor, match.start);
    if (between.some((w, i) => NEGATION.test(w) || NEGATION.test(`${w} ${between[i + 1] ?? ''}`))) negated = true;
    if (between.some((w) => OR.test(w))) alternative = true;
    (negated ? none : alternative ? any : all).push(match.term);
    cursor = match.end;
  }
  if (any.length > 0 && all.length > 0) any.unshift(all.pop()!);
  // an area both named and excluded ("we make cardiac devices: which do not cover cardiology?") is excluded
  return {
    kind: 'select',
    all: unique(all).filter((a) => !none.includes(a)),
    any: unique(any),
    none: unique(none),
    count: COUNT.test(folded),
    followUp: isFollowUp && NARROW.test(folded),
    parallel: isFollowUp && !NARROW.test(folded),
    allOthers: none.length > 0 && all.length === 0 && any.length === 0 && ALL_AREAS.test(folded),
  };
}

/** 1 for the most or fewest, 2 for the second, …: "which cluster comes second in number of areas?" */
function rankOf(folded: string): number {
  const index = ORDINALS.findIndex((o) => o.test(folded));
  return index < 0 ? 1 : index + 2;
}

// "clustrs", "tabel": a table word typed wrong (not a short word: "table" is five letters). Remembered per word
// (bounded: see boundedMemo; '' for none): every question's words are compared with every table word.
const misspeltTableWords = boundedMemo((word: string): string => {
  const budget = typoBudget(word.length);
  if (budget === 0) return '';
  return (
    TABLE_WORDS.find((t) => Math.abs(t.length - word.length) <= budget && boundedDistance(word, t, budget) <= budget) ??
    ''
  );
}, 10_000);

function misspeltTableWord(word: string): string | undefined {
  return misspeltTableWords(word) || undefined;
}

function rowByNumber(folded: string, rows: readonly string[], rowLabels: readonly string[]): string | null {
  const number = ROW_NUMBER.exec(folded)?.[1];
  const index = number === undefined ? -1 : rowLabels.indexOf(number);
  return index >= 0 ? rows[index]! : null;
}

/**
 * The one row whose name holds a proper name of the question ("Berlin" in "HealthCapital Berlin Brandenburg",
 * "Saxony" in "biosaxony"); null when none or several do.
 */
function rowByPlace(text: string, rows: readonly string[]): string | null {
  const places = [...text.matchAll(/(?<=\s)\p{Lu}\p{Ll}{3,}/gu)]
    .map((m) => m[0].toLowerCase())
    .filter((w) => !TABLE_WORDS.includes(w));
  const found = rows.filter((row) => {
    const rowWords = phraseWords(row);
    return places.some((p) => rowWords.some((w) => w === p || (p.length >= 5 && w.endsWith(p))));
  });
  return found.length === 1 ? found[0]! : null;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
