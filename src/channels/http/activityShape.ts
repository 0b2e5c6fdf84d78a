import type { Activity } from 'botbuilder';
import { z } from 'zod';

/** The least an incoming activity must be before the Bot Framework sees it (CloudAdapter answers 500 otherwise). */
const account = z.looseObject({ id: z.string().max(512), name: z.string().max(512).optional() });

/**
 * The least an incoming activity must be before the Bot Framework sees it: CloudAdapter answers 500 for some
 * shapes, and others fail later in the turn (a non-string name breaks the reply, a malformed entity the mention
 * removal, a non-ASCII conversation id the reply's HTTP header).
 */
export const IncomingActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(512).optional(),
  serviceUrl: z.string().max(2048).optional(),
  channelId: z.string().min(1).max(128),
  text: z.string().max(100_000).optional(),
  locale: z.string().max(64).optional(),
  deliveryMode: z.string().max(64).optional(),
  conversation: z
    .looseObject({
      // printable ASCII: the id travels in an HTTP header of the reply
      id: z
        .string()
        .min(1)
        .max(512)
        .regex(/^[\x20-\x7e]+$/),
      name: z.string().max(512).optional(),
      isGroup: z.boolean().optional(),
      conversationType: z.string().max(64).optional(),
      tenantId: z.string().max(128).optional(),
    })
    .optional(),
  from: account.optional(),
  recipient: account.optional(),
  // schema.org entities (a Web Chat vote) carry `@type` and no `type`
  entities: z
    .array(z.looseObject({ type: z.string().max(128).optional() }))
    .max(100)
    .optional(),
  membersAdded: z.array(account).max(1000).optional(),
  membersRemoved: z.array(account).max(1000).optional(),
});
export type IncomingActivity = z.infer<typeof IncomingActivitySchema>;

/** Checks the shape of a request body; returns the activity or why it is not one. */
export function checkActivity(body: unknown): { ok: true; activity: IncomingActivity } | { ok: false; reason: string } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { ok: false, reason: 'not an object' };
  const parsed = IncomingActivitySchema.safeParse(body);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues[0]?.path.join('.') || 'invalid' };
  // every channel sends both; the turn's state is keyed by them
  if (!parsed.data.conversation || !parsed.data.from) return { ok: false, reason: 'no conversation or from' };
  // without it a reply has nowhere to go (the adapter would try anyway), unless replies come back in the response
  if (parsed.data.serviceUrl === undefined && parsed.data.deliveryMode !== 'expectReplies') {
    return { ok: false, reason: 'no serviceUrl' };
  }
  return { ok: true, activity: parsed.data };
}

/**
 * The checked body as the Bot Framework's Activity: date fields become Dates and keep their raw text, as
 * CloudAdapter.process would do before running the turn.
 */
export function asBotActivity(activity: IncomingActivity): Activity {
  const fixed: Record<string, unknown> = { ...activity };
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    if (typeof fixed[field] === 'string') {
      fixed[raw] = fixed[field];
      fixed[field] = new Date(fixed[field]);
    }
  }
  return fixed as unknown as Activity;
}
