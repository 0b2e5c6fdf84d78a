import { z } from 'zod';

/** Front matter of a knowledge document. */
export const FrontMatterSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and hyphens'),
    title: z.string().min(1).max(300),
    publisher: z.string().min(1).max(200).optional(),
    published: z
      .string()
      .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'YYYY, YYYY-MM or YYYY-MM-DD')
      .optional(),
    language: z.enum(['en', 'de']),
    kind: z.enum(['web page', 'brochure', 'report']),
    source: z.url({ protocol: /^https$/ }).optional(),
    origin: z.string().min(1).max(300),
    scope: z.enum(['saxony', 'germany']).optional(),
  })
  .strict();
export type FrontMatter = z.infer<typeof FrontMatterSchema>;

const phone = z.string().regex(/^\+[\d ()-]{6,30}$/, 'an international number such as +49 351 2138-153');

/** One named contact in `contacts.yaml`. */
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time such as 09:00');

/** When a contact's team works: an operational setting (not from the documents), used to set expectations. */
export const WorkingHoursSchema = z
  .object({
    timeZone: z.string().refine((zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'an IANA time zone such as Europe/Berlin'),
    days: z.array(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])).min(1),
    from: clock,
    to: clock,
    replyWithinWorkingDays: z.number().int().min(1).max(20),
  })
  .strict()
  .refine((h) => h.from < h.to, 'from must be before to');
export type WorkingHours = z.infer<typeof WorkingHoursSchema>;

export const ContactSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string().min(1).max(120),
    role: z.string().min(1).max(200),
    otherRoles: z.array(z.string().min(1).max(200)).optional(),
    team: z.string().min(1).max(200),
    phone: phone.optional(),
    fax: phone.optional(),
    email: z.email().optional(),
    address: z.string().min(1).max(300).optional(),
    sources: z.array(z.string()).min(1),
    alternativeTo: z.string().optional(),
    /** Overrides the file's `workingHours` for this contact. */
    workingHours: WorkingHoursSchema.optional(),
    /**
     * Who the contact is in Microsoft Teams (an operational setting, not from the documents): when they install the
     * app, the bot keeps their chat and posts their new leads there too.
     */
    teams: z
      .object({
        aadObjectId: z.uuid().optional(),
        userPrincipalName: z.string().min(3).max(254).includes('@').optional(),
      })
      .strict()
      .refine(
        (t) => t.aadObjectId !== undefined || t.userPrincipalName !== undefined,
        'give aadObjectId or userPrincipalName',
      )
      .optional(),
    covers: z
      .object({ regions: z.array(z.string().min(1)).default([]), topics: z.array(z.string().min(1)).default([]) })
      .strict(),
  })
  .strict()
  .refine((c) => c.phone !== undefined || c.email !== undefined, 'a contact needs a phone number or an e-mail');
export type ContactEntry = z.infer<typeof ContactSchema>;

export const ContactsFileSchema = z
  .object({ defaultContact: z.string(), workingHours: WorkingHoursSchema, contacts: z.array(ContactSchema).min(1) })
  .strict()
  .refine((f) => f.contacts.some((c) => c.id === f.defaultContact), 'defaultContact must name a contact');
export type ContactsFile = z.infer<typeof ContactsFileSchema>;

export const GlossaryFileSchema = z
  .object({
    entries: z.array(
      z
        .object({
          term: z.string().min(1).max(120),
          variants: z.array(z.string().min(1).max(120)),
          de: z.array(z.string().min(1).max(120)).optional(),
        })
        .strict(),
    ),
  })
  .strict();
export type GlossaryFile = z.infer<typeof GlossaryFileSchema>;
