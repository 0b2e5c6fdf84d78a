import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KnowledgeDocument, Passage } from '../knowledge/types.js';
import type { Glossary } from '../text/glossary.js';
import { type IndexData, indexData, MiniSearchIndex } from './miniSearchIndex.js';

/** The snapshot's file in the cache folder: one, replaced whenever the knowledge or the code changes. */
export const SNAPSHOT_FILE = 'search-index.snapshot';
const MAGIC = 'INVSNAP1';

/**
 * An index and where it came from. With a cache folder, `reason` says why it was built rather than loaded (no
 * snapshot yet, one of other knowledge or code, one that could not be read); `problem` says why a snapshot could not
 * be read or written (a warning).
 */
export interface OpenedIndex {
  index: MiniSearchIndex;
  source: 'snapshot' | 'built';
  reason?: string;
  problem?: string;
}

/**
 * The search index over the knowledge, from the snapshot in `cacheDir` when that was made from the very same
 * passages and documents by the very same search code, else built (and the snapshot written for the next start).
 *
 * Why: counting a 100,000-passage library's words takes most of 10 s on two cores; reading what was counted takes
 * a second. MiniSearch's own `toJSON`/`loadJSON` was measured slower than building (12 s to load such an index). The
 * snapshot is keyed by a hash of everything the index is made from, including the files of src/search and src/text
 * (tokenizing, folding, stemming, stopwords), so a snapshot is never used for other knowledge or other code; one
 * that cannot be read is rebuilt, never half used.
 */
export function openIndex(
  passages: readonly Passage[],
  documents: readonly KnowledgeDocument[],
  glossary: Glossary,
  cacheDir: string | null,
): OpenedIndex {
  if (!cacheDir) return { index: new MiniSearchIndex(passages, documents, glossary), source: 'built' };
  const file = join(cacheDir, SNAPSHOT_FILE);
  const key = snapshotKey(passages, documents);
  let problem: string | undefined;
  let reason: string;
  try {
    const read = readSnapshot(file, key);
    if (read.data) return { index: fromData(passages, documents, glossary, read.data), source: 'snapshot' };
    reason = read.reason;
  } catch (error) {
    problem = `search index snapshot ${file} not used: ${(error as Error).message}`;
    reason = problem;
  }
  const data = indexData(passages, documents);
  try {
    writeSnapshot(file, key, data);
  } catch (error) {
    problem = `search index snapshot ${file} not written: ${(error as Error).message}`;
  }
  return { index: fromData(passages, documents, glossary, data), source: 'built', reason, problem };
}

function fromData(
  passages: readonly Passage[],
  documents: readonly KnowledgeDocument[],
  glossary: Glossary,
  data: IndexData,
): MiniSearchIndex {
  return new MiniSearchIndex(passages, documents, glossary, undefined, undefined, data);
}

/**
 * A hash of what an index is made from: the passages and documents as indexed, and the code that indexes them (the
 * files of src/search and src/text, as {@link indexCodeFiles} reads them).
 */
export function snapshotKey(
  passages: readonly Passage[],
  documents: readonly KnowledgeDocument[],
  code: readonly (readonly [string, Buffer])[] = indexCodeFiles(),
): string {
  const hash = createHash('sha256').update(`${MAGIC}\n`);
  for (const [name, source] of code) hash.update(`${name}\n${source.length}\n`).update(source);
  const field = (value: string | undefined) => hash.update(`${value === undefined ? -1 : value.length}:${value ?? ''}`);
  for (const d of documents) [d.id, d.title, d.publisher].forEach(field);
  hash.update(`|${passages.length}|`);
  for (const p of passages) {
    [p.documentId, p.text].forEach(field);
    hash.update(`${p.headings.length}`);
    p.headings.forEach(field);
  }
  return hash.digest('hex');
}

/** The files of the search and text folders (this module's folder and ../text), by name, as they run. */
export function indexCodeFiles(): [string, Buffer][] {
  return ['./', '../text/'].flatMap((folder) => {
    const dir = fileURLToPath(new URL(folder, import.meta.url));
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name)
      .sort()
      .map((name): [string, Buffer] => [`${folder}${name}`, readFileSync(join(dir, name))]);
  });
}

/** The arrays of a snapshot, in the order they follow the header. */
const ARRAYS = [
  ['averageFieldLength', Float64Array],
  ['fieldLength', Int32Array],
  ['termOrder', Int32Array],
  ['postingStart', Int32Array],
  ['postingDocuments', Int32Array],
  ['postingOccurrences', Int32Array],
  ['frequencyTerms', Int32Array],
  ['frequencyCounts', Int32Array],
] as const;

type ArrayName = (typeof ARRAYS)[number][0];

interface Header {
  key: string;
  documentCount: number;
  terms: string[];
  lengths: Record<ArrayName, number>;
}

function arraysOf(data: IndexData): Record<ArrayName, Int32Array | Float64Array> {
  const { engine } = data;
  return {
    averageFieldLength: engine.averageFieldLength,
    fieldLength: engine.fieldLength,
    termOrder: engine.termOrder,
    postingStart: engine.postingStart,
    postingDocuments: engine.postingDocuments,
    postingOccurrences: engine.postingOccurrences,
    frequencyTerms: data.frequencyTerms,
    frequencyCounts: data.frequencyCounts,
  };
}

/**
 * Writes the snapshot: the magic, the header's length and the header (JSON: key, counts, terms), then each array's
 * bytes at an offset that is a multiple of 8. Written to a temporary file first and renamed over the old one, so a
 * reader (another instance starting) sees the old snapshot or the new one, never a part.
 */
export function writeSnapshot(file: string, key: string, data: IndexData): void {
  const arrays = arraysOf(data);
  const lengths = Object.fromEntries(ARRAYS.map(([name]) => [name, arrays[name].length])) as Record<ArrayName, number>;
  const header: Header = { key, documentCount: data.engine.documentCount, terms: [...data.engine.terms], lengths };
  const headerBytes = Buffer.from(JSON.stringify(header));
  const parts: Buffer[] = [Buffer.from(MAGIC), uint32(headerBytes.length), headerBytes];
  let offset = MAGIC.length + 4 + headerBytes.length;
  for (const [name] of ARRAYS) {
    const padding = (8 - (offset % 8)) % 8;
    parts.push(Buffer.alloc(padding));
    const array = arrays[name];
    parts.push(Buffer.from(array.buffer, array.byteOffset, array.byteLength));
    offset += padding + array.byteLength;
  }
  mkdirSync(join(file, '..'), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, Buffer.concat(parts));
    renameSync(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/**
 * The snapshot's content if it has this key; else why not: there is none yet, or it was made from other knowledge or
 * code. Throws when the file cannot be read or is damaged.
 */
export function readSnapshot(file: string, key: string): { data: IndexData } | { data: null; reason: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return { data: null, reason: 'no search index snapshot yet' };
    throw error;
  }
  if (bytes.subarray(0, MAGIC.length).toString() !== MAGIC) throw new Error('not a snapshot of this format');
  const headerLength = bytes.readUInt32LE(MAGIC.length);
  const headerStart = MAGIC.length + 4;
  const header = JSON.parse(bytes.subarray(headerStart, headerStart + headerLength).toString()) as Header;
  if (header.key !== key) {
    return {
      data: null,
      reason: 'the search index snapshot was made from other passages, documents or search code: rebuilt',
    };
  }
  // the arrays are read in place when the file's buffer is aligned, as a file this large is; copied otherwise
  const buffer = bytes.byteOffset % 8 === 0 ? bytes : new Uint8Array(bytes);
  let offset = headerStart + headerLength;
  const arrays = {} as Record<ArrayName, Int32Array | Float64Array>;
  for (const [name, Type] of ARRAYS) {
    offset += (8 - (offset % 8)) % 8;
    const length = header.lengths[name];
    if (offset + length * Type.BYTES_PER_ELEMENT > buffer.byteLength) throw new Error('the snapshot is cut short');
    arrays[name] = new Type(buffer.buffer as ArrayBuffer, buffer.byteOffset + offset, length);
    offset += length * Type.BYTES_PER_ELEMENT;
  }
  if (offset !== buffer.byteLength) throw new Error('the snapshot is longer than its header says');
  const data: IndexData = {
    engine: {
      documentCount: header.documentCount,
      fieldLength: arrays.fieldLength as Int32Array,
      averageFieldLength: arrays.averageFieldLength as Float64Array,
      terms: header.terms,
      termOrder: arrays.termOrder as Int32Array,
      postingStart: arrays.postingStart as Int32Array,
      postingDocuments: arrays.postingDocuments as Int32Array,
      postingOccurrences: arrays.postingOccurrences as Int32Array,
    },
    frequencyTerms: arrays.frequencyTerms as Int32Array,
    frequencyCounts: arrays.frequencyCounts as Int32Array,
  };
  const broken = inconsistency(data);
  if (broken) throw new Error(`the snapshot is damaged (${broken})`);
  return { data };
}

/** What in the content cannot be (an id out of range, postings out of order), or null: one pass, milliseconds. */
function inconsistency({ engine, frequencyTerms, frequencyCounts }: IndexData): string | null {
  const { documentCount, terms, termOrder, postingStart, postingDocuments } = engine;
  const fields = engine.averageFieldLength.length;
  if (engine.fieldLength.length !== documentCount * fields) return 'field lengths';
  if (
    postingStart.length !== terms.length * fields + 1 ||
    postingStart[postingStart.length - 1] !== postingDocuments.length
  ) {
    return 'posting starts';
  }
  for (let slot = 0; slot + 1 < postingStart.length; slot++) {
    const [from, to] = [postingStart[slot]!, postingStart[slot + 1]!];
    if (from > to) return 'posting starts';
    for (let p = from; p < to; p++) {
      const document = postingDocuments[p]!;
      if (document < 0 || document >= documentCount || (p > from && document <= postingDocuments[p - 1]!)) {
        return 'postings';
      }
    }
  }
  if (termOrder.some((term) => term < 0 || term >= terms.length)) return 'term order';
  if (frequencyTerms.length !== frequencyCounts.length || frequencyTerms.some((t) => t < 0 || t >= terms.length)) {
    return 'document frequencies';
  }
  return null;
}

function uint32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value);
  return bytes;
}
