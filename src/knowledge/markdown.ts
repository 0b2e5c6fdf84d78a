import { Lexer, type Token, type Tokens } from 'marked';
import { splitSentences } from './sentences.js';
import type { MarkTable, Passage, Sentence } from './types.js';

/** The mark that sets a cell of a table to true. */
export const TABLE_MARK = '●';

/** What one Markdown body holds once parsed: its passages and its tables of marks. */
export interface ParsedBody {
  passages: Passage[];
  tables: MarkTable[];
}

/** Parses a document body with marked's lexer (GFM) into passages under their heading path, and mark tables. */
export function parseBody(documentId: string, body: string): ParsedBody {
  const tokens = new Lexer({ gfm: true }).lex(body);
  const passages: Passage[] = [];
  const tables: MarkTable[] = [];
  const headings: string[] = [];
  let lastParagraphIntroducesList = false;

  const addPassage = (sentences: Sentence[]) => {
    passages.push({
      id: `${documentId}#${passages.length + 1}`,
      documentId,
      headings: [...headings],
      sentences,
      text: sentences.map((s) => s.text).join(' '),
    });
  };

  for (const token of tokens) {
    switch (token.type) {
      case 'heading': {
        const heading = token as Tokens.Heading;
        headings.splice(heading.depth - 1);
        headings[heading.depth - 1] = inlineText(heading.tokens);
        // a skipped level leaves a hole: keep the path dense
        for (let i = 0; i < headings.length; i++) headings[i] ??= '';
        lastParagraphIntroducesList = false;
        break;
      }
      case 'paragraph': {
        const text = inlineText((token as Tokens.Paragraph).tokens);
        addPassage(splitSentences(text).map((s) => ({ text: s, isListItem: false })));
        lastParagraphIntroducesList = text.trimEnd().endsWith(':');
        break;
      }
      case 'list': {
        const items = (token as Tokens.List).items.map((item) => ({
          text: inlineText(item.tokens).replace(/\s+/g, ' ').trim(),
          isListItem: true,
        }));
        const previous = passages.at(-1);
        if (lastParagraphIntroducesList && previous) {
          previous.sentences.push(...items);
          previous.text = previous.sentences.map((s) => s.text).join(' ');
        } else {
          addPassage(items);
        }
        lastParagraphIntroducesList = false;
        break;
      }
      case 'table': {
        const table = token as Tokens.Table;
        if (hasMarks(table)) {
          const source = sourceNote(passages.filter((p) => p.headings.join('>') === headings.join('>')));
          tables.push({ ...toMarkTable(documentId, tables.length + 1, headings, table), source });
        }
        lastParagraphIntroducesList = false;
        break;
      }
      default:
        break;
    }
  }
  return { passages: passages.filter((p) => p.sentences.length > 0), tables };
}

/** Plain text of inline tokens: link text without its target, emphasis without its marks. */
export function inlineText(tokens: readonly Token[] | undefined): string {
  if (!tokens) return '';
  return tokens
    .map((t) => {
      if ('tokens' in t && Array.isArray(t.tokens) && t.tokens.length > 0) return inlineText(t.tokens);
      if (t.type === 'br') return ' ';
      return 'text' in t && typeof t.text === 'string' ? decodeEntities(t.text) : '';
    })
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

function decodeEntities(text: string): string {
  return text
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

// The "Source: …" note of the table's own section.
function sourceNote(section: readonly Passage[]): string | null {
  for (const passage of section) {
    const note = passage.sentences.find((s) => /^Source: /.test(s.text));
    if (note) return note.text.replace(/^Source: /, '').replace(/\.$/, '');
  }
  return null;
}

function hasMarks(table: Tokens.Table): boolean {
  return table.rows.some((row) => row.some((cell) => cell.text.trim() === TABLE_MARK));
}

// Leading columns that never hold a mark are labels; the last of them names the row.
function toMarkTable(
  documentId: string,
  n: number,
  headings: readonly string[],
  table: Tokens.Table,
): Omit<MarkTable, 'source'> {
  const isMarkColumn = table.header.map((_, c) => table.rows.some((row) => row[c]?.text.trim() === TABLE_MARK));
  const firstMark = isMarkColumn.indexOf(true);
  const labelColumn = Math.max(0, firstMark - 1);
  const columns = table.header.slice(firstMark).map((h) => inlineText(h.tokens));
  return {
    id: `${documentId}#table-${n}`,
    documentId,
    headings: [...headings],
    rowHeader: inlineText(table.header[labelColumn]?.tokens),
    rows: table.rows.map((row) => inlineText(row[labelColumn]?.tokens)),
    rowLabels: table.rows.map((row) => (labelColumn > 0 ? inlineText(row[0]?.tokens) : '')),
    columns,
    cells: table.rows.map((row) => row.slice(firstMark).map((cell) => cell.text.trim() === TABLE_MARK)),
  };
}
