import type { MarkTable } from '../knowledge/types.js';

/** Exact set queries over a table of marks: which rows have all of some columns and none of others. */
export class ClusterTable {
  constructor(readonly table: MarkTable) {}

  get rows(): readonly string[] {
    return this.table.rows;
  }

  get columns(): readonly string[] {
    return this.table.columns;
  }

  has(row: string, column: string): boolean {
    const r = this.table.rows.indexOf(row);
    const c = this.table.columns.indexOf(column);
    return r >= 0 && c >= 0 && this.table.cells[r]![c] === true;
  }

  /** The columns a row has, in table order. */
  columnsOf(row: string): string[] {
    return this.table.columns.filter((c) => this.has(row, c));
  }

  /** Rows (in table order) that have every column of `all`, at least one of `any` (if given), and none of `none`. */
  select(all: readonly string[], none: readonly string[] = [], any: readonly string[] = []): string[] {
    return this.table.rows.filter(
      (row) =>
        all.every((c) => this.has(row, c)) &&
        none.every((c) => !this.has(row, c)) &&
        (any.length === 0 || any.some((c) => this.has(row, c))),
    );
  }
}
