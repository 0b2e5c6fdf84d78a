import type { Activity } from 'botbuilder';
import { z } from 'zod';

/** The least an incoming activity must be before the Bot Framework sees it (CloudAdapter answers 500 otherwise). */
export const IncomingActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(512).optional(),
  serviceUrl: z.string().max(2048).optional(),
  channelId: z.string().max(128).optional(),
  text: z.string().max(100_000).optional(),
  deliveryMode: z.string().max(64).optional(),
  conversation: z.looseObject({ id: z.string().min(1).max(512) }).optional(),
  from: z.looseObject({ id: z.string().max(512) }).optional(),
  recipient: z.looseObject({ id: z.string().max(512) }).optional(),
});
export type IncomingActivity = z.infer<typeof IncomingActivitySchema>;

/** Checks the shape of a request body; returns the activity or why it is not one. */
export function checkActivity(body: unknown): { ok: true; activity: IncomingActivity } | { ok: false; reason: string } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { ok: false, reason: 'not an object' };
  const parsed = IncomingActivitySchema.safeParse(body);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues[0]?.path.join('.') || 'invalid' };
  if (parsed.data.type === 'message' && (!parsed.data.conversation || !parsed.data.from)) {
    return { ok: false, reason: 'message without conversation or from' };
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
