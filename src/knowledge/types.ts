import type { FrontMatter } from './schema.js';

/** Written in a document where the source lost a figure: the bot says it cannot give that figure. */
export const LOST_FIGURE = '[figure lost]';

/** A knowledge document as loaded. */
export interface KnowledgeDocument extends FrontMatter {
  file: string;
}

/** One sentence (or list item) of a passage, as plain text. */
export interface Sentence {
  text: string;
  /** The sentence is an item of a bulleted list. */
  isListItem: boolean;
}

/** The unit of search: a paragraph (with the list it introduces) under its heading path. */
export interface Passage {
  id: string;
  documentId: string;
  headings: string[];
  sentences: Sentence[];
  text: string;
}

/** A table of ● marks as a boolean matrix: `cells[row][column]`. */
export interface MarkTable {
  id: string;
  documentId: string;
  headings: string[];
  rowHeader: string;
  /** What the document names as the table's source ("Source: GTAI Cluster Survey 2024"), if anything. */
  source: string | null;
  rows: string[];
  /** Each row's label before its name, when the table numbers its rows ("No.": "1", "2", …); else empty strings. */
  rowLabels: string[];
  columns: string[];
  cells: boolean[][];
}
