import type { TokenTable, Word } from './tokenTable.js';

/**
 * An engine's content as flat arrays: what {@link EngineBuilder} counts, and what an index snapshot stores
 * (src/search/indexSnapshot.ts). Documents are numbered 0..documentCount-1, terms by their id in `terms`.
 */
export interface EngineData {
  documentCount: number;
  /** Each document's field lengths as MiniSearch measures them (distinct tokens): document * fields + field. */
  fieldLength: Int32Array;
  averageFieldLength: Float64Array;
  terms: readonly string[];
  /** Term ids in the order `addAll` would first insert them into the engine's tree. */
  termOrder: Int32Array;
  /** Where the postings of term * fields + field start (one more entry: the end); in document order. */
  postingStart: Int32Array;
  postingDocuments: Int32Array;
  postingOccurrences: Int32Array;
}

/**
 * Builds a MiniSearch index from texts already split into numbered words.
 *
 * Why: `addAll` walks the engine's radix tree once per token occurrence, which alone took ~8 s for 100,000
 * passages. Here occurrences are counted on numbers, the tree gets each distinct term once, and the result is
 * exactly what `addAll` stores (same postings, field lengths and running averages, terms inserted in the same
 * first-seen order), so scores and results do not change. Stored fields are not supported (none are used).
 *
 * The engine is then made from what was counted by `engineOf` (engineLoad.ts): MiniSearch's `loadJS`, with the terms'
 * postings put straight into the engine's term index as read-only typed arrays that read as MiniSearch's Maps (see
 * postings.ts), when that index is laid out as this MiniSearch's own `add` lays it out (checked on a one-word index
 * at every build); otherwise as serialised postings through `loadJS` (the same index, several seconds slower at
 * 100,000 passages: millions of objects to make and parse).
 */
export class EngineBuilder {
  private readonly fieldLength: number[] = [];
  private readonly averageFieldLength: number[] = [];
  private count = 0;
  /** Term ids in the order `addAll` would first insert them into the engine's tree. */
  private readonly termOrder: number[] = [];
  private termPosted = new Uint8Array(0);
  // Postings in typed arrays (no object per posting for the collector to copy), in the order they were counted
  // (document order), each with its slot: term * fields + field.
  private postingCount = 0;
  private postingDocument = new Int32Array(1024);
  private postingOccurrences = new Int32Array(1024);
  private postingSlot = new Int32Array(1024);
  // Counting scratch, by token or term id: `seen` holds the stamp of the field last counted (no clearing needed).
  private stamp = 0;
  private tokenSeen = new Int32Array(0);
  private termSeen = new Int32Array(0);
  private occurrences = new Int32Array(0);
  private readonly fieldTerms: number[] = [];

  constructor(
    private readonly fields: readonly string[],
    private readonly table: TokenTable,
  ) {}

  /**
   * Adds the next document, whose id is its position: for each field (in the order of `fields`), its words, given
   * as one or more lists read one after the other (as if their texts were joined with spaces).
   */
  add(fieldWords: readonly (readonly (readonly Word[])[])[]): void {
    this.grow();
    const id = this.count++;
    for (let fieldId = 0; fieldId < this.fields.length; fieldId++) {
      this.fieldLength.push(this.addField(id, fieldId, fieldWords[fieldId] ?? []));
    }
  }

  /** What was counted, as flat arrays: the postings sorted by slot (a counting sort keeps document order). */
  data(): EngineData {
    const fields = this.fields.length;
    const slots = this.table.termCount * fields;
    const start = new Int32Array(slots + 1);
    const count = this.postingCount;
    for (let p = 0; p < count; p++) start[this.postingSlot[p]! + 1]!++;
    for (let slot = 0; slot < slots; slot++) start[slot + 1]! += start[slot]!;
    const documents = new Int32Array(count);
    const occurrences = new Int32Array(count);
    const next = start.slice(0, slots);
    for (let p = 0; p < count; p++) {
      const at = next[this.postingSlot[p]!]!++;
      documents[at] = this.postingDocument[p]!;
      occurrences[at] = this.postingOccurrences[p]!;
    }
    return {
      documentCount: this.count,
      fieldLength: Int32Array.from(this.fieldLength),
      averageFieldLength: Float64Array.from(this.averageFieldLength),
      terms: Array.from({ length: this.table.termCount }, (_term, id) => this.table.term(id)),
      termOrder: Int32Array.from(this.termOrder),
      postingStart: start,
      postingDocuments: documents,
      postingOccurrences: occurrences,
    };
  }

  /** Counts one field's postings; returns its length as MiniSearch measures it (distinct tokens). */
  private addField(id: number, fieldId: number, segments: readonly (readonly Word[])[]): number {
    const { tokenSeen, termSeen, occurrences, fieldTerms } = this;
    const stamp = ++this.stamp;
    let length = 0;
    fieldTerms.length = 0;
    for (const words of segments) {
      for (const { tokenIds, termIds } of words) {
        for (let i = 0; i < tokenIds.length; i++) {
          const token = tokenIds[i]!;
          if (tokenSeen[token] !== stamp) {
            tokenSeen[token] = stamp;
            length++;
          }
          const term = termIds[i]!;
          if (term < 0) continue;
          if (termSeen[term] !== stamp) {
            termSeen[term] = stamp;
            occurrences[term] = 0;
            fieldTerms.push(term);
          }
          occurrences[term]!++;
        }
      }
    }
    for (const term of fieldTerms) this.post(term, fieldId, id, occurrences[term]!);
    // the running mean, computed as MiniSearch does, so that the floating-point result is the same
    this.averageFieldLength[fieldId] = ((this.averageFieldLength[fieldId] || 0) * id + length) / (id + 1);
    return length;
  }

  private post(term: number, fieldId: number, id: number, occurrences: number): void {
    const position = this.postingCount++;
    if (position >= this.postingDocument.length) {
      this.postingDocument = resized(this.postingDocument, position + 1);
      this.postingOccurrences = resized(this.postingOccurrences, position + 1);
      this.postingSlot = resized(this.postingSlot, position + 1);
    }
    this.postingDocument[position] = id;
    this.postingOccurrences[position] = occurrences;
    this.postingSlot[position] = term * this.fields.length + fieldId;
    // the term's first posting in any field is where addAll would insert it into the tree
    if (this.termPosted[term] === 0) {
      this.termPosted[term] = 1;
      this.termOrder.push(term);
    }
  }

  /** Makes room for every token and term the table has numbered so far. */
  private grow(): void {
    const { tokenCount, termCount } = this.table;
    if (tokenCount > this.tokenSeen.length) this.tokenSeen = resized(this.tokenSeen, tokenCount);
    if (termCount > this.termSeen.length) {
      this.termSeen = resized(this.termSeen, termCount);
      this.occurrences = resized(this.occurrences, termCount);
      const posted = new Uint8Array(Math.max(termCount, 2 * this.termPosted.length));
      posted.set(this.termPosted);
      this.termPosted = posted;
    }
  }
}

/** A copy at least `size` long, doubling so that growing stays linear. */
function resized(array: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(Math.max(size, 2 * array.length));
  next.set(array);
  return next;
}
