/**
 * A term's postings in one field, read-only, in two typed arrays: document ids (ascending) and occurrences. It reads
 * as the `Map<document id, occurrences>` MiniSearch keeps there (`size`, `get`, `keys`, iteration), which is all
 * MiniSearch's search and serialisation read, so the engine works on it unchanged.
 *
 * Why: a 100,000-passage library has millions of postings; as Map entries they took seconds to build and most of
 * the index's memory. The index is never changed after it is built, so no posting is ever added or removed.
 */
export class FieldPostings {
  /** The position the last `keys()` iteration reached: MiniSearch asks `get` for the document it just read. */
  private cursor = 0;

  constructor(
    readonly documents: Int32Array,
    readonly occurrences: Int32Array,
  ) {}

  get size(): number {
    return this.documents.length;
  }

  get(document: number): number | undefined {
    if (this.documents[this.cursor] === document) return this.occurrences[this.cursor];
    let low = 0;
    let high = this.documents.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.documents[middle]! < document) low = middle + 1;
      else high = middle;
    }
    return this.documents[low] === document ? this.occurrences[low] : undefined;
  }

  has(document: number): boolean {
    return this.get(document) !== undefined;
  }

  *keys(): IterableIterator<number> {
    for (let i = 0; i < this.documents.length; i++) {
      this.cursor = i;
      yield this.documents[i]!;
    }
  }

  *entries(): IterableIterator<[number, number]> {
    for (let i = 0; i < this.documents.length; i++) yield [this.documents[i]!, this.occurrences[i]!];
  }

  [Symbol.iterator](): IterableIterator<[number, number]> {
    return this.entries();
  }
}

/** A term's postings by field id, read as the `Map<field id, …>` MiniSearch keeps per term (see FieldPostings). */
export class TermPostings {
  /** Field ids with postings, in the order the term first occurred in them (as MiniSearch's `add` inserts them). */
  private readonly fieldIds: number[];

  constructor(private readonly byField: (FieldPostings | undefined)[]) {
    this.fieldIds = [];
    byField.forEach((postings, fieldId) => {
      if (postings) this.fieldIds.push(fieldId);
    });
    // the field of the earliest document first; for the same document, the lower field id (fields are added in order)
    this.fieldIds.sort((a, b) => byField[a]!.documents[0]! - byField[b]!.documents[0]! || a - b);
  }

  get size(): number {
    return this.fieldIds.length;
  }

  get(fieldId: number): FieldPostings | undefined {
    return this.byField[fieldId];
  }

  has(fieldId: number): boolean {
    return this.byField[fieldId] !== undefined;
  }

  *keys(): IterableIterator<number> {
    yield* this.fieldIds;
  }

  *entries(): IterableIterator<[number, FieldPostings]> {
    for (const fieldId of this.fieldIds) yield [fieldId, this.byField[fieldId]!];
  }

  [Symbol.iterator](): IterableIterator<[number, FieldPostings]> {
    return this.entries();
  }
}
