import { type Activity, TurnContext } from 'botbuilder';
import { cleanText } from '../../text/fold.js';

/** Longest message read; the search caps the question further. */
export const MAX_MESSAGE_CHARS = 2000;

/** The investor's text as the dialogs see it: @mention removed, normalized (NFC, no controls), capped. */
export function turnText(activity: Partial<Activity>): string {
  const text = (withoutMention(activity) ?? activity.text ?? '')
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    // markup is never part of a question (Teams sends HTML; an attacker sends <img onerror>): read the words only
    .replace(/<(script|style|iframe)\b[^>]{0,500}>[\s\S]{0,2000}?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]{0,500}>/g, ' ')
    .replace(/\{\{[\s\S]{0,500}?\}\}/g, ' ')
    .replace(/\]\([^)]{0,500}\)/g, ']');
  return cleanText(text.slice(0, MAX_MESSAGE_CHARS)).replace(/\s+/g, ' ').trim();
}

/** What was typed, with the @mention of the bot removed and nothing else changed (a lead prompt's answer). */
export function typedText(activity: Partial<Activity>): string {
  return withoutMention(activity) ?? '';
}

function withoutMention(activity: Partial<Activity>): string | undefined {
  // botbuilder reads every entity's `type`; entities without one (schema.org actions Web Chat sends) are not mentions
  const entities = activity.entities?.filter((e) => typeof e.type === 'string');
  return activity.recipient ? TurnContext.removeRecipientMention({ ...activity, entities }) : activity.text;
}
