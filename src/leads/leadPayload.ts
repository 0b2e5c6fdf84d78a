import { z } from 'zod';
import type { Lead } from '../storage/leadStore.js';

const text = (max: number) => z.string().max(max);
const nullableText = (max: number) => z.string().max(max).nullable();

/** The webhook body: a lead exactly as stored. Receivers can validate with this schema (it is also the tests'). */
export const LeadPayloadSchema = z
  .object({
    reference: z.string().regex(/^INV-[0-9A-Z]{5}$/),
    time: z.iso.datetime(),
    contact: z
      .object({
        id: text(80),
        name: text(120),
        role: text(200),
        team: text(200),
        phone: nullableText(40),
        email: z.email().nullable(),
      })
      .strict(),
    investor: z
      .object({
        name: text(100),
        company: text(150),
        email: z.email(),
        phone: nullableText(30),
        country: nullableText(80),
      })
      .strict(),
    enquiry: text(2000),
    consent: z
      .object({
        given: z.literal(true),
        version: text(80),
        text: text(2000),
        time: z.iso.datetime(),
        channel: text(80),
      })
      .strict(),
    conversation: z.array(z.object({ question: text(500), answer: text(1000) }).strict()).max(20),
    language: text(8),
    source: z.object({ channel: text(80), form: z.enum(['card', 'invoke', 'text']) }).strict(),
  })
  .strict();
export type LeadPayload = z.infer<typeof LeadPayloadSchema>;

/** The webhook body for a lead (checked against the schema, so a receiver never gets a malformed one). */
export function leadPayload(lead: Lead): LeadPayload {
  return LeadPayloadSchema.parse(lead);
}

/** The plain-text e-mail to the contact: who, what, consent, and the conversation before the handoff. */
export function leadEmailText(lead: Lead): string {
  const { investor } = lead;
  const lines = [
    `A new investor enquiry for ${lead.contact.name} (${lead.contact.role}).`,
    '',
    `Reference: ${lead.reference}`,
    `Received:  ${lead.time}`,
    '',
    `Name:      ${investor.name}`,
    `Company:   ${investor.company}`,
    `E-mail:    ${investor.email}`,
    `Phone:     ${investor.phone ?? '-'}`,
    `Country:   ${investor.country ?? '-'}`,
    '',
    'Enquiry:',
    lead.enquiry,
    '',
    `Consent given ${lead.consent.time} (version ${lead.consent.version}, via ${lead.consent.channel}):`,
    lead.consent.text,
  ];
  if (lead.conversation.length > 0) {
    lines.push('', 'Conversation before the handoff:');
    for (const turn of lead.conversation) lines.push('', `Q: ${turn.question}`, `A: ${turn.answer}`);
  }
  lines.push('', 'This enquiry is confidential and may be used only to answer it.');
  return lines.join('\n');
}
