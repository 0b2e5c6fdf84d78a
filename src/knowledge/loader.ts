import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { KnowledgeError } from './knowledgeError.js';
import { parseBody } from './markdown.js';
import {
  type ContactsFile,
  ContactsFileSchema,
  FrontMatterSchema,
  type GlossaryFile,
  GlossaryFileSchema,
} from './schema.js';
import type { KnowledgeDocument, MarkTable, Passage } from './types.js';

/** Everything in `knowledge/`, validated. */
export interface KnowledgeBase {
  documents: KnowledgeDocument[];
  passages: Passage[];
  tables: MarkTable[];
  contacts: ContactsFile;
  glossary: GlossaryFile;
}

/** The largest knowledge file read (a document is a few pages; anything bigger is a mistake). */
export const MAX_KNOWLEDGE_FILE_BYTES = 2 * 1024 * 1024;

/** Loads and validates every document, `contacts.yaml` and `glossary.yaml`; throws {@link KnowledgeError}. */
export async function loadKnowledge(dir: string): Promise<KnowledgeBase> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch (error) {
    throw new KnowledgeError(dir, `cannot read the folder (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const documents: KnowledgeDocument[] = [];
  const passages: Passage[] = [];
  const tables: MarkTable[] = [];
  for (const name of names.filter((n) => n.endsWith('.md') && n !== 'README.md')) {
    const file = join(dir, name);
    const { meta, body } = splitFrontMatter(file, await readText(file));
    const front = validate(file, FrontMatterSchema, meta);
    if (documents.some((d) => d.id === front.id)) throw new KnowledgeError(file, `duplicate document id "${front.id}"`);
    const parsed = parseBody(front.id, body);
    if (parsed.passages.length === 0) throw new KnowledgeError(file, 'the document has no text');
    documents.push({ ...front, file });
    passages.push(...parsed.passages);
    tables.push(...parsed.tables);
  }
  if (documents.length === 0) throw new KnowledgeError(dir, 'no documents (*.md) found');

  const contactsFile = join(dir, 'contacts.yaml');
  const contacts = validate(
    contactsFile,
    ContactsFileSchema,
    parseYamlFile(contactsFile, await readText(contactsFile)),
  );
  for (const c of contacts.contacts) {
    if (c.alternativeTo && !contacts.contacts.some((o) => o.id === c.alternativeTo)) {
      throw new KnowledgeError(
        contactsFile,
        `contact "${c.id}" is an alternative to unknown contact "${c.alternativeTo}"`,
      );
    }
    const unknown = c.sources.find((s) => !documents.some((d) => d.id === s));
    if (unknown) throw new KnowledgeError(contactsFile, `contact "${c.id}" cites unknown document "${unknown}"`);
  }
  const glossaryFile = join(dir, 'glossary.yaml');
  const glossary = validate(
    glossaryFile,
    GlossaryFileSchema,
    parseYamlFile(glossaryFile, await readText(glossaryFile)),
  );
  return { documents, passages, tables, contacts, glossary };
}

async function readText(file: string): Promise<string> {
  let buffer: Buffer;
  try {
    buffer = await readFile(file);
  } catch (error) {
    throw new KnowledgeError(file, `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (buffer.length > MAX_KNOWLEDGE_FILE_BYTES) throw new KnowledgeError(file, 'the file is larger than 2 MB');
  const text = new TextDecoder('utf-8', { fatal: false }).decode(buffer);
  if (text.includes('\uFFFD')) throw new KnowledgeError(file, 'the file is not valid UTF-8');
  return text.normalize('NFC');
}

function splitFrontMatter(file: string, text: string): { meta: unknown; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  if (!match) throw new KnowledgeError(file, 'missing front matter (a --- block at the top)');
  return { meta: parseYamlFile(file, match[1]!), body: text.slice(match[0].length) };
}

function parseYamlFile(file: string, text: string): unknown {
  try {
    return parseYaml(text, { maxAliasCount: 0 });
  } catch (error) {
    throw new KnowledgeError(file, `invalid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
}

function validate<S extends z.ZodType>(file: string, schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new KnowledgeError(file, `${where}${issue.message}`);
}
