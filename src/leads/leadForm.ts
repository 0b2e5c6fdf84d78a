import { z } from 'zod';
import { cleanText } from '../text/fold.js';

/** The form's fields, in the order they are shown and asked for. */
export const LEAD_FIELDS = ['name', 'company', 'email', 'phone', 'country', 'message', 'consent'] as const;
export type LeadField = (typeof LEAD_FIELDS)[number];
export const OPTIONAL_FIELDS: readonly LeadField[] = ['phone', 'country'];

/** Longest value accepted per field (the card's inputs carry the same maxLength). */
export const FIELD_MAX: Record<Exclude<LeadField, 'consent'>, number> = {
  name: 100,
  company: 150,
  email: 254,
  phone: 30,
  country: 80,
  message: 2000,
};

/** Why a field was not accepted; the wording is in the templates' labels. */
export type FieldProblem = 'required' | 'tooLong' | 'invalidEmail' | 'invalidPhone' | 'consent' | 'unknownFields';

/** What the investor typed, cleaned, to show again next to the problems (nothing they entered is lost). */
export type LeadValues = Partial<Record<LeadField, string>>;

/** A checked submission: investor data plus the contact the card was for, if it said. */
export interface LeadSubmission {
  contactId: string | null;
  name: string;
  company: string;
  email: string;
  phone: string | null;
  country: string | null;
  message: string;
}

export type SubmissionCheck =
  | { ok: true; submission: LeadSubmission }
  | {
      ok: false;
      problems: { field: LeadField | 'form'; problem: FieldProblem; fields?: string[] }[];
      values: LeadValues;
    };

/** NFC, well-formed, no invisible characters; single spaces on one line (or kept line breaks for the message). */
export function cleanValue(value: string, multiline = false): string {
  // controls, zero-width and bidi-override characters go: a name must read as what it is (docs/security.md 20)
  const visible = cleanText(value);
  if (multiline)
    return visible
      .replace(/\r\n?/g, '\n')
      .replace(/[^\S\n]+/g, ' ')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  return visible.replace(/\s+/g, ' ').trim();
}

const line = (max: number) =>
  z
    .string({ error: 'required' })
    .max(max * 2, { error: 'tooLong' })
    .transform((v) => cleanValue(v))
    .pipe(z.string().min(1, { error: 'required' }).max(max, { error: 'tooLong' }));

const optionalLine = (max: number) =>
  z
    .string({ error: 'tooLong' })
    .max(max * 2, { error: 'tooLong' })
    .transform((v) => cleanValue(v))
    .pipe(z.string().max(max, { error: 'tooLong' }))
    .optional()
    .transform((v) => (v ? v : null));

const PHONE = /^\+?[0-9][0-9 ()\-./]{4,28}$/;

/** What the lead form's button sends as `action` (an Action.Submit's data; a Teams Action.Execute's may omit it). */
const SubmitLeadAction = z.literal('submitLead');

/** A card submission (Action.Submit value or Action.Execute data). Strict: a field the form has not got is refused. */
export const LeadSubmissionSchema = z
  .object({
    action: SubmitLeadAction.optional(),
    contactId: z
      .string()
      .max(60)
      .regex(/^[a-z0-9-]+$/)
      .optional(),
    name: line(FIELD_MAX.name),
    company: line(FIELD_MAX.company),
    // no cleaning here: an address with a line break or control character is refused, not repaired (docs/security.md 25)
    email: z
      .string({ error: 'required' })
      .max(FIELD_MAX.email, { error: 'tooLong' })
      .transform((v) => v.trim())
      .pipe(
        z
          .string()
          .min(1, { error: 'required' })
          .pipe(z.email({ error: 'invalidEmail' })),
      ),
    phone: optionalLine(FIELD_MAX.phone).refine((v) => v === null || PHONE.test(v), { error: 'invalidPhone' }),
    country: optionalLine(FIELD_MAX.country),
    message: z
      .string({ error: 'required' })
      .max(FIELD_MAX.message * 2, { error: 'tooLong' })
      .transform((v) => cleanValue(v, true))
      .pipe(z.string().min(1, { error: 'required' }).max(FIELD_MAX.message, { error: 'tooLong' })),
    // Adaptive Card toggles send their on-value as a string; anything else is no consent (docs/security.md 26)
    consent: z.literal('true', { error: 'consent' }),
  })
  .strict();

const SubmissionMark = z.object({ action: SubmitLeadAction });

/** Whether a card's data is a submitted lead form (`action: "submitLead"`), valid or not: {@link checkSubmission} says. */
export function isLeadSubmission(value: unknown): value is Record<string, unknown> {
  // every message turn asks, most with no card data at all: a failed parse builds its error, which cost 3 % of a turn
  return typeof value === 'object' && value !== null && SubmissionMark.safeParse(value).success;
}

/** Checks a submission; on failure, says which field has which problem and returns what was typed. */
export function checkSubmission(raw: unknown): SubmissionCheck {
  const parsed = LeadSubmissionSchema.safeParse(raw);
  if (parsed.success) {
    const { action: _action, consent: _consent, contactId, ...investor } = parsed.data;
    return { ok: true, submission: { contactId: contactId ?? null, ...investor } };
  }
  const problems: { field: LeadField | 'form'; problem: FieldProblem; fields?: string[] }[] = [];
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      problems.push({
        field: 'form',
        problem: 'unknownFields',
        fields: issue.keys.slice(0, 5).map((k) => k.slice(0, 40)),
      });
      continue;
    }
    const field = issue.path[0];
    if (typeof field !== 'string' || !(LEAD_FIELDS as readonly string[]).includes(field)) {
      problems.push({ field: 'form', problem: 'unknownFields', fields: [] });
      continue;
    }
    const problem = isProblem(issue.message) ? issue.message : 'required';
    if (!problems.some((p) => p.field === field)) problems.push({ field: field as LeadField, problem });
  }
  return { ok: false, problems, values: typedValues(raw) };
}

/** Checks one field as typed in a text conversation (the same rules as the card). */
export function checkField(
  field: Exclude<LeadField, 'consent'>,
  value: string,
): { ok: true; value: string | null } | { ok: false; problem: FieldProblem } {
  const schema = LeadSubmissionSchema.shape[field];
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const message = parsed.error.issues[0]?.message ?? 'required';
  return { ok: false, problem: isProblem(message) ? message : 'required' };
}

const PROBLEMS: readonly string[] = ['required', 'tooLong', 'invalidEmail', 'invalidPhone', 'consent', 'unknownFields'];
function isProblem(message: string): message is FieldProblem {
  return PROBLEMS.includes(message);
}

// What the investor typed, per known field, cleaned and kept within reason, so the form can be shown again filled in.
function typedValues(raw: unknown): LeadValues {
  const values: LeadValues = {};
  if (typeof raw !== 'object' || raw === null) return values;
  for (const field of LEAD_FIELDS) {
    const value = Object.hasOwn(raw, field) ? (raw as Record<string, unknown>)[field] : undefined;
    if (typeof value !== 'string') continue;
    const max = field === 'consent' ? 5 : FIELD_MAX[field] * 2;
    values[field] = cleanValue(value.slice(0, max), field === 'message');
  }
  return values;
}
