import type { KnowledgeDocument } from '../knowledge/types.js';
import type { Labels } from './templates.js';

const MONTH_YEAR: Intl.DateTimeFormatOptions = { month: 'long', year: 'numeric', timeZone: 'UTC' };

/** The source line: title, publisher, month and year, section (in the labels' language). */
export function citation(labels: Labels, document: KnowledgeDocument, headings: readonly string[]): string {
  const date = document.published ? formatPublished(labels.locale, document.published) : undefined;
  const section = headings.length > 1 ? headings.at(-1) : undefined;
  const parts = [document.title, document.publisher ?? `${document.kind}`, date].filter(Boolean).join(', ');
  return section ? `${parts}, ${labels.section.replace('{section}', () => section)}` : parts;
}

// building a DateTimeFormat costs more than the rest of an answer's rendering, and formatting with it a tenth of
// it: one per locale, and each document's date formatted once per locale (a few dozen strings)
const monthYear = new Map<string, Intl.DateTimeFormat>();
const formattedDates = new Map<string, string>();

function formatPublished(locale: string, published: string): string {
  const key = `${locale}|${published}`;
  let formatted = formattedDates.get(key);
  if (formatted === undefined) {
    formatted = formatDate(locale, published);
    formattedDates.set(key, formatted);
  }
  return formatted;
}

function formatDate(locale: string, published: string): string {
  const [year, month] = published.split('-');
  if (!month) return year!;
  let format = monthYear.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, MONTH_YEAR);
    monthYear.set(locale, format);
  }
  return format.format(new Date(Date.UTC(Number(year), Number(month) - 1, 1)));
}
