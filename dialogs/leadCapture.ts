import { type Activity, EventFactory, type TurnContext } from 'botbuilder';
import type { Contact } from '../src/contacts/contactDirectory.js';
import { nextOpening } from '../src/contacts/workingHours.js';
import type { LeadSubmission } from '../src/leads/leadForm.js';
import type { ConsentText, IntakeResult } from '../src/leads/leadIntake.js';
import type { PresentationOptions } from '../src/replies/replies.js';
import type { Lead } from '../src/storage/leadStore.js';
import type { DialogDeps } from './dialogTypes.js';
import type { ConversationMemory } from './memory.js';
import { channelOf } from './turnChannel.js';

/** A group chat or a channel: whatever is typed or shown there, everyone in it sees. */
export function isSharedConversation(activity: Partial<Activity>): boolean {
  const type = activity.conversation?.conversationType;
  return activity.conversation?.isGroup === true || type === 'groupChat' || type === 'channel';
}

/** How replies may be presented in this turn: cards where the channel renders them, the lead form only 1:1. */
export function presentationFor(context: TurnContext): PresentationOptions {
  return { cards: channelOf(context).cards, offerLead: !isSharedConversation(context.activity) };
}

/**
 * In a group chat or channel the lead form and its fields are never shown or asked for (the README's promise that
 * personal details stay out of shared chats): the investor is told why and offered their personal chat instead.
 */
export function privateOnly(context: TurnContext, deps: DialogDeps, memory: ConversationMemory, contact: Contact) {
  const { activity } = context;
  return deps.leadReplies.leadPrivate(memory.language, contact, {
    channel: activity.conversation?.conversationType === 'channel' || Boolean(activity.channelData?.team),
    link: channelOf(context).personalChatLink(activity),
  });
}

/** Marks a turn whose text must not go into the transcript (the lead form's own turns). */
export const NOT_IN_TRANSCRIPT = Symbol('notInTranscript');

/** What the investor typed this turn, as the channel read it (mention removed, line breaks kept). */
export const TYPED = Symbol('typed');

/** The text typed this turn, for a lead prompt's answer ('' when none: a card's data, a button). */
export function typedText(context: TurnContext): string {
  const typed = context.turnState.get(TYPED) as string | undefined;
  return typed ?? '';
}

/**
 * Marks a turn of the lead flow: a prompt's answer, or a message typed while the form is open, may be the investor's
 * name, address or phone number, so the insight log keeps nothing of it (docs/security.md 46).
 */
export const IN_LEAD_FLOW = Symbol('inLeadFlow');

/** How long after the form was shown a message may still be the investor's details typed for it. */
export const LEAD_FORM_OPEN_MS = 30 * 60 * 1000;

/** Whether the lead form is shown and not sent (within {@link LEAD_FORM_OPEN_MS}). */
export function leadFormOpen(memory: ConversationMemory, now: number): boolean {
  const shown = memory.leadFormShownAt;
  return typeof shown === 'number' && now - shown < LEAD_FORM_OPEN_MS;
}

/**
 * Whom a lead goes to: the contact the card was for, else the one last offered in this conversation, else the one
 * the conversation routes to (Investor Services when nothing is known).
 */
export function leadContact(deps: DialogDeps, memory: ConversationMemory, contactId: string | null): Contact {
  const { contacts } = deps;
  const chosen =
    (contactId && contacts.byId(contactId)) || (memory.handoffContactId && contacts.byId(memory.handoffContactId));
  if (chosen) return chosen;
  return contacts.route({ current: '', history: memory.history, scopes: memory.scopes }).contact;
}

/** The consent wording for this contact in the conversation's language. */
export function consentFor(deps: DialogDeps, memory: ConversationMemory, contact: Contact): ConsentText {
  return deps.leadReplies.consent(memory.language, contact, deps.leads.retentionDays);
}

/**
 * Stores a checked lead and, only once it is committed, tells the investor (reference, who, when) and signals the
 * handoff to an agent hub. On a store failure nothing is confirmed; the caller shows the form again.
 */
export async function storeLead(
  context: TurnContext,
  deps: DialogDeps,
  memory: ConversationMemory,
  submission: LeadSubmission,
  contact: Contact,
  consent: ConsentText,
  form: Lead['source']['form'],
): Promise<{ result: IntakeResult; confirmation: string | null }> {
  const result = await deps.leads.intake.submit(submission, {
    contact,
    conversationId: context.activity.conversation?.id ?? '',
    channel: context.activity.channelId ?? 'unknown',
    form,
    language: memory.language,
    consent,
    transcript: memory.transcript ?? [],
  });
  if (result.status !== 'stored') return { result, confirmation: null };
  memory.handoffContactId = contact.id;
  memory.leadFormShownAt = null;
  const hours = deps.leads.hoursOf(contact);
  const confirmation = deps.leadReplies.leadConfirmedText(
    memory.language,
    result.lead,
    hours,
    nextOpening(hours, deps.leads.now()),
  );
  const channel = channelOf(context);
  await context.sendActivity(channel.leadConfirmation(confirmation, result.lead.reference));
  if (channel.handoffEvents) await sendHandoffEvent(context, result.lead, memory);
  return { result, confirmation };
}

// Bot Framework handoff: channels connected to an agent hub take over with the transcript.
async function sendHandoffEvent(context: TurnContext, lead: Lead, memory: ConversationMemory): Promise<void> {
  const activities = (memory.transcript ?? []).flatMap((t) => [
    { type: 'message', text: t.question, from: context.activity.from } as Partial<Activity>,
    { type: 'message', text: t.answer, from: context.activity.recipient } as Partial<Activity>,
  ]) as Activity[];
  const handoff = EventFactory.createHandoffInitiation(
    context,
    { reference: lead.reference, contact: { id: lead.contact.id, name: lead.contact.name, role: lead.contact.role } },
    { activities },
  );
  try {
    await context.sendActivity(handoff);
  } catch {
    // the lead is stored and will be delivered: a channel that refuses the event changes nothing for the investor
  }
}
