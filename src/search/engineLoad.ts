import MiniSearch, { type Options } from 'minisearch';
import type { EngineData } from './engineBuild.js';
import { FieldPostings, TermPostings } from './postings.js';

/** One term's postings as MiniSearch serialises them: field id -> document id -> occurrences. */
type SerialisedPostings = Record<string, Record<string, number>>;
/** MiniSearch's term index, as far as it is used here (see {@link termIndexOf}). */
interface TermIndex {
  readonly size: number;
  get(term: string): unknown;
  set(term: string, postings: TermPostings): unknown;
}

/** The engine holding this content, with these fields and options (the ones used to search it). */
export function engineOf<T>(data: EngineData, fields: readonly string[], options: Options<T>): MiniSearch<T> {
  const engine = withDocuments(data, fields, options);
  const postings = termPostings(data, fields.length);
  const index = termIndexOf(engine);
  // the fast way fills an empty index with one entry per term: the terms given must be distinct (as a build makes
  // them; a snapshot says so too), which a set tells in milliseconds where the engine's termCount walks its tree
  if (index && distinct(data.termOrder, data.terms)) {
    for (const term of data.termOrder) index.set(data.terms[term]!, postings[term]!);
    return engine;
  }
  const terms = [...data.termOrder].map((term): [string, SerialisedPostings] => [
    data.terms[term]!,
    serialised(postings[term]!),
  ]);
  return MiniSearch.loadJS(serialisation(data, fields, terms), options);
}

/** Whether the terms of these ids are all different strings. */
function distinct(ids: Int32Array, terms: readonly string[]): boolean {
  const seen = new Set<string>();
  for (const id of ids) seen.add(terms[id]!);
  return seen.size === ids.length;
}

/** Every term's postings by term id, over the data's arrays (no copies). */
function termPostings(data: EngineData, fields: number): TermPostings[] {
  const { postingStart: start, postingDocuments: documents, postingOccurrences: occurrences } = data;
  return Array.from({ length: data.terms.length }, (_term, term) => {
    const byField = Array.from({ length: fields }, (_field, field) => {
      const from = start[term * fields + field]!;
      const to = start[term * fields + field + 1]!;
      return to > from ? new FieldPostings(documents.subarray(from, to), occurrences.subarray(from, to)) : undefined;
    });
    return new TermPostings(byField);
  });
}

/**
 * The engine as MiniSearch serialises it, with these terms' postings and the ids and field lengths of the first
 * `documents` documents (all by default).
 */
function serialisation(
  data: EngineData,
  fields: readonly string[],
  index: [string, SerialisedPostings][],
  documents = data.documentCount,
): Parameters<typeof MiniSearch.loadJS>[0] {
  const documentIds: Record<string, number> = {};
  const fieldLength: Record<string, number[]> = {};
  for (let id = 0; id < documents; id++) {
    documentIds[id] = id;
    fieldLength[id] = Array.from(data.fieldLength.subarray(id * fields.length, (id + 1) * fields.length));
  }
  return {
    documentCount: data.documentCount,
    nextId: data.documentCount,
    documentIds,
    fieldIds: Object.fromEntries(fields.map((field, i) => [field, i])),
    fieldLength,
    averageFieldLength: Array.from(data.averageFieldLength),
    storedFields: {},
    dirtCount: 0,
    index,
    serializationVersion: 2,
  };
}

/** MiniSearch's document tables (private fields of 7.x), as `loadJS` fills them from a serialisation. */
interface DocumentTables {
  _documentIds: Map<number, unknown>;
  _idToShortId: Map<unknown, number>;
  _fieldLength: Map<number, number[]>;
}

/**
 * The engine loaded without its documents, given their ids (0..count-1, each its own short id) and field lengths
 * as `loadJS` would have read them: the same Maps, without first writing 100,000 ids and length lists into objects
 * for `loadJS` to read back. An engine laid out otherwise is loaded again, the slow way, with them.
 */
function withDocuments<T>(data: EngineData, fields: readonly string[], options: Options<T>): MiniSearch<T> {
  const engine = MiniSearch.loadJS(serialisation(data, fields, [], 0), options);
  const {
    _documentIds: ids,
    _idToShortId: shortIds,
    _fieldLength: lengths,
  } = engine as unknown as Partial<DocumentTables>;
  if (!(ids instanceof Map && shortIds instanceof Map && lengths instanceof Map) || ids.size + lengths.size > 0) {
    return MiniSearch.loadJS(serialisation(data, fields, []), options);
  }
  const count = fields.length;
  for (let id = 0; id < data.documentCount; id++) {
    ids.set(id, id);
    shortIds.set(id, id);
    lengths.set(id, Array.from(data.fieldLength.subarray(id * count, (id + 1) * count)));
  }
  return engine;
}

/**
 * The engine's term index, if it is empty and laid out as MiniSearch's own `add` lays it out for a one-word
 * document (term -> field id -> document id -> occurrences, in Maps); otherwise undefined. MiniSearch keeps it in
 * the private `_index`: reading it is what makes the build fast, and this check keeps a different MiniSearch
 * from being filled wrongly.
 */
function termIndexOf<T>(engine: MiniSearch<T>): TermIndex | undefined {
  const probe = new MiniSearch({ fields: ['text'] });
  probe.add({ id: 'a', text: 'word' });
  const probeIndex = internalIndex(probe);
  const layout = probeIndex?.get('word');
  const fits =
    probeIndex?.size === probe.termCount &&
    layout instanceof Map &&
    layout.size === 1 &&
    layout.get(0) instanceof Map &&
    layout.get(0).get(0) === 1;
  const index = internalIndex(engine);
  return fits && index?.size === 0 ? index : undefined;
}

function internalIndex(engine: object): TermIndex | undefined {
  const index = (engine as unknown as { _index?: Partial<TermIndex> })._index;
  return typeof index?.get === 'function' && typeof index.set === 'function' ? (index as TermIndex) : undefined;
}

/** A term's postings as MiniSearch serialises them. */
function serialised(postings: TermPostings): SerialisedPostings {
  const data: SerialisedPostings = {};
  for (const [fieldId, documents] of postings) data[fieldId] = Object.fromEntries(documents);
  return data;
}
