import type { KnowledgeDocument, MarkTable } from '../knowledge/types.js';
import { phraseWords } from '../text/fold.js';
import { Glossary, type GlossaryEntry } from '../text/glossary.js';
import { type ClusterQuery, parseClusterQuery, REFERS_BACK } from './clusterQuery.js';
import { ClusterTable } from './clusterTable.js';

/** The answer to a table question, exact and in the table's own names. */
export type ClusterAnswer =
  | {
      kind: 'select';
      clusters: string[];
      all: string[];
      any: string[];
      none: string[];
      count: boolean;
      within: string[] | null;
      /** For a parallel follow-up ("and hearing aids?"): the clusters of the result also in the previous one. */
      overlap: string[] | null;
      /** The clusters naming every area but those in `none` ("all areas with the exception of dental"). */
      allOthers?: boolean;
    }
  /** `missing`: the areas it does not name, shown instead when the question asks what it does not cover. */
  | { kind: 'profile'; cluster: string; areas: string[]; missing: string[]; complement: boolean }
  | { kind: 'membership'; cluster: string; yes: string[]; no: string[]; areas: string[] }
  | { kind: 'compare'; clusters: [string, string]; shared: string[]; onlyFirst: string[]; onlySecond: string[] }
  /** `rank` 1 for the most or fewest, 2 for the second most or fewest, … */
  | {
      kind: 'extreme';
      which: 'most' | 'fewest' | 'all';
      clusters: string[];
      areaCount: number;
      totalAreas: number;
      rank: number;
    }
  /** The table's rows (`of` clusters) or its columns (`of` areas). */
  | { kind: 'total'; of: 'clusters' | 'areas'; clusters: string[]; areas: string[] }
  /** The areas named by the most or fewest clusters (or by every one): `clusterCount` of `totalClusters` name each. */
  | {
      kind: 'areaExtreme';
      which: 'most' | 'fewest' | 'all';
      areas: string[];
      clusterCount: number;
      totalClusters: number;
    };

/** A cluster answer with what it came from. */
export interface ClusterResult {
  answer: ClusterAnswer;
  table: MarkTable;
  document: KnowledgeDocument;
  /** Clusters a follow-up ("which of those…") narrows down. */
  resultSet: string[];
  /** The clusters of the result with their areas, in table order (for the card). */
  rows: { name: string; areas: string[] }[];
}

/** Answers questions about a table of clusters × areas of activity exactly, by set logic over its marks. */
export class ClusterFinder {
  private readonly table: ClusterTable;
  private readonly names: Glossary;

  constructor(
    markTable: MarkTable,
    private readonly document: KnowledgeDocument,
    glossaryEntries: readonly GlossaryEntry[],
  ) {
    this.table = new ClusterTable(markTable);
    // the table's own names, plus the glossary's variants and German names of exactly those (in glossary.yaml)
    const known = new Set([...markTable.rows, ...markTable.columns]);
    const entries = new Map(glossaryEntries.filter((e) => known.has(e.term)).map((e) => [e.term, e]));
    this.names = new Glossary(
      [...known].map((term) => ({ term, variants: entries.get(term)?.variants ?? [], de: entries.get(term)?.de })),
    );
  }

  /** The clusters a text names ("What is biosaxony?"), in the table's own names. */
  private rowsNamedIn(text: string): string[] {
    const rows = this.table.rows;
    return [...new Set(this.names.find(phraseWords(text), { fuzzy: true }).map((m) => m.term))].filter((t) =>
      rows.includes(t),
    );
  }

  /**
   * The answer, or `null` when the question is not a question about the table. `previous`: the clusters of the last
   * table answer; without one, a question that points back ("is it marked for dental?") is about the one cluster the
   * previous question named (`previousQuestion`: "What is biosaxony?").
   */
  answer(text: string, previous: readonly string[] | null, previousQuestion = ''): ClusterResult | null {
    if (previous === null && previousQuestion && REFERS_BACK.test(phraseWords(text).join(' '))) {
      const named = this.rowsNamedIn(previousQuestion);
      if (named.length === 1) return this.answer(text, named);
    }
    const previousRow = previous?.length === 1 ? previous[0]! : null;
    const query = parseClusterQuery(
      text,
      this.names,
      this.table.rows,
      previous !== null,
      this.table.table.rowLabels,
      previousRow,
    );
    if (!query) return null;
    const answer = this.evaluate(query, previous);
    const resultSet = 'clusters' in answer ? [...answer.clusters] : 'cluster' in answer ? [answer.cluster] : [];
    // a card shows what the text says: for "what does X not cover?", the areas it does not name
    const shownAreas = (name: string) =>
      answer.kind === 'profile' && answer.complement ? answer.missing : this.table.columnsOf(name);
    const rows = resultSet.map((name) => ({ name, areas: shownAreas(name) }));
    return { answer, table: this.table.table, document: this.document, resultSet, rows };
  }

  private evaluate(query: ClusterQuery, previous: readonly string[] | null): ClusterAnswer {
    const t = this.table;
    switch (query.kind) {
      case 'select': {
        const within = query.followUp && previous ? [...previous] : null;
        // "all areas except dental": every other area, and the excluded ones may be there or not
        const all = query.allOthers ? t.columns.filter((c) => !query.none.includes(c)) : query.all;
        const none = query.allOthers ? [] : query.none;
        const selected = t.select(all, none, query.any).filter((r) => !within || within.includes(r));
        const overlap = query.parallel && previous ? selected.filter((r) => previous.includes(r)) : null;
        return { ...query, kind: 'select', clusters: selected, within, overlap };
      }
      case 'profile': {
        const areas = t.columnsOf(query.row);
        const missing = t.columns.filter((c) => !areas.includes(c));
        return { kind: 'profile', cluster: query.row, areas, missing, complement: query.complement };
      }
      case 'membership': {
        const yes = query.columns.filter((c) => t.has(query.row, c));
        return {
          kind: 'membership',
          cluster: query.row,
          yes,
          no: query.columns.filter((c) => !yes.includes(c)),
          areas: t.columnsOf(query.row),
        };
      }
      case 'compare': {
        const [a, b] = query.rows.map((r) => t.columnsOf(r)) as [string[], string[]];
        return {
          kind: 'compare',
          clusters: query.rows,
          shared: a.filter((c) => b.includes(c)),
          onlyFirst: a.filter((c) => !b.includes(c)),
          onlySecond: b.filter((c) => !a.includes(c)),
        };
      }
      case 'extreme': {
        const counts = t.rows.map((r) => t.columnsOf(r).length);
        const target = extremeOf(counts, query.which, t.columns.length, query.rank);
        return {
          kind: 'extreme',
          which: query.which,
          clusters: t.rows.filter((_, i) => counts[i] === target),
          areaCount: target,
          totalAreas: t.columns.length,
          rank: query.rank ?? 1,
        };
      }
      case 'total':
        return query.of === 'areas'
          ? { kind: 'total', of: 'areas', clusters: [], areas: [...t.columns] }
          : { kind: 'total', of: 'clusters', clusters: [...t.rows], areas: [] };
      case 'areaExtreme': {
        const counts = t.columns.map((c) => t.select([c]).length);
        const target = extremeOf(counts, query.which, t.rows.length);
        return {
          kind: 'areaExtreme',
          which: query.which,
          areas: t.columns.filter((_, i) => counts[i] === target),
          clusterCount: target,
          totalClusters: t.rows.length,
        };
      }
    }
  }
}

/**
 * The count asked for: the largest, the smallest (or the `rank`-th largest or smallest of the different counts), or
 * `all` (every column for a row, every row for a column).
 */
function extremeOf(counts: readonly number[], which: 'most' | 'fewest' | 'all', all: number, rank = 1): number {
  if (which === 'all') return all;
  const distinct = [...new Set(counts)].sort((a, b) => (which === 'most' ? b - a : a - b));
  return distinct[Math.min(rank, distinct.length) - 1]!;
}
