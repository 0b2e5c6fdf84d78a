import type { Activity, Attachment, TurnContext } from 'botbuilder';

/** Teams refuses a message over about 28 KB (the whole activity, as JSON). */
export const TEAMS_MAX_MESSAGE_BYTES = 28 * 1024;
// what the connector adds to each message on its way (ids, addresses, the reply-to id)
const ENVELOPE_BYTES = 2 * 1024;

/** In Teams, every outgoing message is kept under the size limit (see {@link fitMessages}). */
export function teamsMessageSizeGuard(context: TurnContext): void {
  if (context.activity.channelId !== 'msteams') return;
  context.onSendActivities(async (_ctx, activities, next) => {
    activities.splice(0, activities.length, ...fitMessages(activities));
    return next();
  });
}

/**
 * Splits a message too large for Teams: its text into several messages at paragraph, line or word breaks, and a
 * card too large by itself into its fallback text. Buttons and cards stay on the last part.
 */
export function fitMessages(
  activities: Partial<Activity>[],
  limit = TEAMS_MAX_MESSAGE_BYTES - ENVELOPE_BYTES,
): Partial<Activity>[] {
  return activities.flatMap((activity) => {
    if (activity.type !== 'message' || bytes(activity) <= limit) return [activity];
    const cards = (activity.attachments ?? []).filter((a) => bytes(a) <= limit / 2);
    const cardTexts = (activity.attachments ?? []).filter((a) => !cards.includes(a)).map(fallbackOf);
    const text = [activity.text ?? '', ...cardTexts].filter(Boolean).join('\n\n');
    const { text: _text, attachments: _attachments, suggestedActions, ...rest } = activity;
    const last: Partial<Activity> = { ...rest, attachments: cards, suggestedActions };
    const room = limit - bytes(last);
    const parts = splitText(text, Math.max(1024, room));
    return parts.map((part, i) =>
      i === parts.length - 1 ? { ...last, text: part } : { ...rest, text: part, id: undefined },
    );
  });
}

/** Pieces of at most `maxBytes` (UTF-8, as JSON), broken at the largest boundary that fits. */
export function splitText(text: string, maxBytes: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (jsonBytes(rest) > maxBytes) {
    const cut = cutPoint(rest, maxBytes);
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest || parts.length === 0) parts.push(rest);
  return parts;
}

// the longest prefix that fits, ending at a paragraph, a line, a sentence or a word if one is in its second half
function cutPoint(text: string, maxBytes: number): number {
  let low = 1;
  let high = text.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (jsonBytes(text.slice(0, middle)) <= maxBytes) low = middle;
    else high = middle - 1;
  }
  // never split a surrogate pair
  if (low < text.length && /[\uDC00-\uDFFF]/.test(text[low]!)) low -= 1;
  const head = text.slice(0, low);
  for (const boundary of ['\n\n', '\n', '. ', ' ']) {
    const at = head.lastIndexOf(boundary);
    if (at > low / 2) return at + boundary.length;
  }
  return low;
}

function fallbackOf(attachment: Attachment): string {
  const content = attachment.content as { fallbackText?: unknown } | undefined;
  return typeof content?.fallbackText === 'string' ? content.fallbackText : '';
}

function bytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '');
}

function jsonBytes(text: string): number {
  return Buffer.byteLength(JSON.stringify(text));
}
