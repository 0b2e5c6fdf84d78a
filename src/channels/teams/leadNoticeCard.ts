import { type Activity, ActivityTypes, type Attachment } from 'botbuilder';
import { adaptiveCard, type CardElement } from '../../replies/cards.js';
import { escapeUserText, safeLink } from '../../replies/markdown.js';
import type { Labels } from '../../replies/templates.js';
import type { Lead } from '../../storage/leadStore.js';

/** Longest answer excerpt shown per question of the transcript: the contact needs the gist, not the extract. */
const ANSWER_CHARS = 200;

/**
 * The card a contact receives in Teams for a new lead. Everything the investor typed goes into `TextRun`s, which
 * hosts show as plain text (a `TextBlock` would render their Markdown), and only into JSON values, never into the
 * card's structure.
 */
export function leadNoticeCard(lead: Lead, labels: Labels): Attachment {
  const notice = labels.leadNotice;
  const form = labels.leadForm;
  const { investor } = lead;
  const fields: [string, string | null][] = [
    [form.name, investor.name],
    [form.company, investor.company],
    [form.email, investor.email],
    [labels.phone, investor.phone],
    [form.country.replace(/\s*\(.*\)\s*$/, ''), investor.country],
  ];
  const body: CardElement[] = [
    {
      type: 'TextBlock',
      text: notice.title.replace('{reference}', lead.reference),
      size: 'Medium',
      weight: 'Bolder',
      wrap: true,
    },
    plain(notice.intro.replace('{time}', formatTime(lead.consent.time)).replace('{channel}', lead.source.channel), {
      isSubtle: true,
    }),
    heading(notice.investor),
    ...fields.filter(([, value]) => value).map(([label, value]) => labelled(label, value!)),
    heading(notice.enquiry),
    plain(lead.enquiry),
  ];
  if (lead.conversation.length > 0) {
    body.push(heading(notice.conversation));
    for (const turn of lead.conversation) {
      body.push(labelled('Q', turn.question), plain(shorten(turn.answer), { isSubtle: true }));
    }
  }
  const mail = safeLink(`mailto:${investor.email}`);
  const actions = mail ? [{ type: 'Action.OpenUrl', title: notice.replyByEmail, url: mail }] : [];
  // fallbackText may be rendered as Markdown
  const fallback = `${notice.title.replace('{reference}', lead.reference)}: ${escapeUserText(investor.name)}, ${escapeUserText(investor.company)}`;
  return adaptiveCard(body, actions, fallback);
}

function heading(text: string): CardElement {
  return { type: 'TextBlock', text, weight: 'Bolder', wrap: true, spacing: 'Medium' };
}

function plain(text: string, style: Record<string, unknown> = {}): CardElement {
  return { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text, ...style }] };
}

function labelled(label: string, value: string): CardElement {
  return {
    type: 'RichTextBlock',
    spacing: 'None',
    inlines: [
      { type: 'TextRun', text: `${label}: `, weight: 'Bolder' },
      { type: 'TextRun', text: value },
    ],
  };
}

function shorten(text: string): string {
  return text.length <= ANSWER_CHARS ? text : `${text.slice(0, ANSWER_CHARS - 1).trimEnd()}…`;
}

// "2026-11-21 14:05 UTC": unambiguous for a contact in any time zone
function formatTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** The message a contact receives in Teams for a new lead (in the contact's language, English for now). */
export function leadNotice(lead: Lead, labels: Labels): Partial<Activity> {
  return { type: ActivityTypes.Message, attachments: [leadNoticeCard(lead, labels)] };
}
