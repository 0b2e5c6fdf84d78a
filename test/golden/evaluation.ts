import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { App } from '../../src/app.js';
import { LocalConversation, visibleText } from '../../src/cli/localConversation.js';

/** One evaluation case, in the format of the shared answer-quality harness. */
export const EvalCaseSchema = z
  .object({
    id: z.string(),
    cat: z.string(),
    turns: z.array(z.string()).min(1),
    all: z.array(z.string()).optional(),
    any: z.array(z.string()).optional(),
    none: z.array(z.string()).optional(),
    digits: z.array(z.string()).optional(),
    fallback: z.boolean().optional(),
    noUrl: z.array(z.string()).optional(),
    maxChars: z.number().optional(),
    channel: z.string().optional(),
    mention: z.boolean().optional(),
    /** The locale the client sends (default en-US): a German question in an English browser is the usual case. */
    locale: z.string().optional(),
    /** Who the question is written as (terse, chatty, …): for the per-persona table, not judged. */
    persona: z.string().optional(),
  })
  .strict();
export type EvalCase = z.infer<typeof EvalCaseSchema>;

/** The judgement of one case. */
export interface EvalResult {
  id: string;
  cat: string;
  pass: boolean;
  why: string[];
  reply: string;
}

// The same normalisation and "I don't know" test as the shared harness, so both score alike.
const norm = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[\u00a0\u202f\u2009]/g, ' ')
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ');
const numnorm = (s: string) => {
  let previous: string;
  let current = s;
  do {
    previous = current;
    current = current.replace(/(\d)[,.\s'](?=\d{3}(?!\d))/g, '$1');
  } while (current !== previous);
  return current;
};
const has = (hay: string, needle: string) => numnorm(norm(hay)).includes(numnorm(norm(needle)));
const FALLBACK =
  /\b(don'?t|do not|couldn'?t|could not|can'?t|cannot|no information|not sure|unable|sorry|not able|no answer|not covered|outside|no (?:relevant|matching)|leider|keine (?:informationen|antwort|angaben)|nicht (?:beantworten|sicher|gefunden|angegeben|genannt|aufgefuhrt|enthalten))\b|\b(?:is|are)(?: not|n'?t) (?:one of|among|listed|given|published|mentioned|named|stated)\b|\b(?:gives?|lists?|mentions?|names?|states?|publish(?:es)?) no\b/;

/** Judges a reply text against a case's expectations. */
export function judge(c: EvalCase, text: string): string[] {
  const why: string[] = [];
  for (const n of c.all ?? []) if (!has(text, n)) why.push(`missing "${n}"`);
  if (c.any && !c.any.some((n) => has(text, n))) why.push(`none of ${JSON.stringify(c.any)}`);
  for (const n of c.none ?? []) if (has(text, n)) why.push(`should not contain "${n}"`);
  const digits = text.replace(/\D/g, '');
  for (const d of c.digits ?? []) if (!digits.includes(d)) why.push(`missing digits ${d}`);
  if (c.fallback && !FALLBACK.test(norm(text))) why.push('no plain "I don\'t know"');
  const urls = [...text.matchAll(/https?:\/\/[^\s)\]>"']+/g)].map((m) => m[0]);
  for (const u of c.noUrl ?? []) if (urls.some((x) => x.includes(u))) why.push(`live url ${u}`);
  if (!text.trim()) why.push('no reply text');
  const limit = c.maxChars ?? (/^(fact|contact|typo|german)$/.test(c.cat) ? 1500 : 4000);
  if (text.length > limit) why.push(`reply too long (${text.length} > ${limit} chars)`);
  return why;
}

/** Reads a case file (a JSON array of cases). */
export async function readCases(file: string): Promise<EvalCase[]> {
  return z.array(EvalCaseSchema).parse(JSON.parse(await readFile(file, 'utf8')));
}

/** Runs every case as a fresh conversation in this process and judges the reply to its last turn. */
export async function runCases(app: App, cases: readonly EvalCase[]): Promise<EvalResult[]> {
  const results: EvalResult[] = [];
  for (const c of cases) {
    const conversation = new LocalConversation(app, `eval-${c.id}`, c.channel ?? 'webchat', c.locale);
    let text = '';
    for (const turn of c.turns) text = visibleText(await conversation.say(turn));
    const why = judge(c, text);
    results.push({ id: c.id, cat: c.cat, pass: why.length === 0, why, reply: text });
  }
  return results;
}

/** Pass counts per category, and overall. */
export function summarize(results: readonly EvalResult[]): { byCategory: Map<string, [number, number]>; rate: number } {
  const byCategory = new Map<string, [number, number]>();
  for (const r of results) {
    const [passed, total] = byCategory.get(r.cat) ?? [0, 0];
    byCategory.set(r.cat, [passed + (r.pass ? 1 : 0), total + 1]);
  }
  const passed = results.filter((r) => r.pass).length;
  return { byCategory, rate: results.length === 0 ? 0 : passed / results.length };
}
