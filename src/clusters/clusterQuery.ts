import { phraseWords } from '../text/fold.js';
import type { Glossary } from '../text/glossary.js';

/** What a table question asks, in the table's own row and column names. */
export type ClusterQuery =
  | { kind: 'select'; all: string[]; any: string[]; none: string[]; count: boolean; followUp: boolean }
  | { kind: 'profile'; row: string; complement: boolean }
  | { kind: 'membership'; row: string; columns: string[] }
  | { kind: 'compare'; rows: [string, string] }
  | { kind: 'extreme'; which: 'most' | 'fewest' | 'all' }
  | { kind: 'total' };

// Cue words, on folded text. Areas after a negation cue are excluded ("dental but not implants").
const NEGATION =
  /^(not|without|except|excluding|exclude|excluded|no|nor|but not|other than|ohne|nicht|ausser|ausgenommen|keine?n?|weder)$/;
const OR = /^(or|either|oder|entweder)$/;
// "what does X not cover?", "anything X doesn't cover", on the text as typed (folding changes "doesn't")
const NEGATED_PROFILE = /\b(not|never|nicht|kein|keine|keinen)\b|\wn['’]t\b/i;
const COUNT = /\b(how many|number of|count|wie viele|anzahl)\b/;
const TABLE_CUE = /\b(cluster|clusters|clustern|network|networks|netzwerk|netzwerke|netzwerken|table|listed|tabelle)\b/;
const PROFILE_CUE =
  /\b(cover|covers|covered|focus|focuses|areas?|active|activity|activities|work on|works on|specialise|specialize|specialised|specialized|profile|fields?|bereiche?|aktiv|schwerpunkte?|schwerpunkten|tatigkeitsfeld(er)?|themen|felder|abdecken|decken|deckt|arbeiten|arbeitet|spezialisiert|fokus|fokussiert)\b/;
const COMPARE =
  /\b(compare|comparison|versus|vs|differ|difference|both|vergleich|vergleiche|vergleichen|unterschied|unterscheiden|beide)\b/;
const FOLLOW_UP =
  /^(and|also|what about|how about|und)\b|\b(of those|of them|of these|among them|among those|among these|davon|von denen|also)\b/;
const MOST = /\b(most|broadest|widest|largest number|meisten)\b/;
const FEWEST = /\b(fewest|least|narrowest|smallest number|wenigsten)\b/;
const ALL_AREAS =
  /\b(all|every|each) (of the )?(areas|fields|19)\b|\ball (areas|fields) of activity\b|\balle (19 )?(tatigkeitsfelder|bereiche|felder)\b/;
const TOTAL = /\b(in the table|listed|table (list|lists|contain|contains|show|shows)|in der tabelle)\b/;

/** Reads a table question; `null` when the text names no area or cluster and asks nothing of the table. */
export function parseClusterQuery(
  text: string,
  names: Glossary,
  rows: readonly string[],
  hasPrevious: boolean,
): ClusterQuery | null {
  const words = phraseWords(text);
  const folded = words.join(' ');
  const matches = names.find(words, { fuzzy: true });
  const rowNames = unique(matches.filter((m) => rows.includes(m.term)).map((m) => m.term));
  const areaMatches = matches.filter((m) => !rows.includes(m.term));
  const isFollowUp = hasPrevious && FOLLOW_UP.test(folded);

  if (rowNames.length >= 2 && (COMPARE.test(folded) || areaMatches.length === 0)) {
    return { kind: 'compare', rows: [rowNames[0]!, rowNames[1]!] };
  }
  if (rowNames.length === 1) {
    if (areaMatches.length > 0)
      return { kind: 'membership', row: rowNames[0]!, columns: unique(areaMatches.map((m) => m.term)) };
    return PROFILE_CUE.test(folded)
      ? { kind: 'profile', row: rowNames[0]!, complement: NEGATED_PROFILE.test(text) }
      : null;
  }
  if (areaMatches.length === 0) {
    if (!TABLE_CUE.test(folded)) return null;
    if (ALL_AREAS.test(folded)) return { kind: 'extreme', which: 'all' };
    if (MOST.test(folded) && /\b(areas?|fields?|bereiche|tatigkeitsfelder|felder|themen)\b/.test(folded)) {
      return { kind: 'extreme', which: 'most' };
    }
    if (FEWEST.test(folded)) return { kind: 'extreme', which: 'fewest' };
    if (TOTAL.test(folded) && COUNT.test(folded)) return { kind: 'total' };
    return null;
  }
  const asksWho = /\b(which|who|welche|welcher|welches|wer)\b/.test(folded) && PROFILE_CUE.test(folded);
  if (!TABLE_CUE.test(folded) && !isFollowUp && !asksWho) return null;

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
    followUp: isFollowUp,
  };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
