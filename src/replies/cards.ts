import type { Attachment } from 'botbuilder';
import type { Contact } from '../contacts/contactDirectory.js';
import { safeLink, telLink } from './markdown.js';
import type { Labels } from './templates.js';

/** Adaptive Card schema version used everywhere (Teams and Web Chat both render 1.5). */
export const CARD_VERSION = '1.5';

export type CardElement = Record<string, unknown>;

/**
 * The contact card: name, role as stated, team, phone/fax/e-mail/address, and call/e-mail actions. Built as an
 * object: text only ever lands in `TextBlock.text` / `Fact.value`, so nothing can inject card JSON.
 */
export function contactCard(
  contact: Contact,
  labels: Labels,
  fallbackText: string,
  startLead?: { title: string; contactId: string },
): Attachment {
  const facts = [
    contact.phone && { title: labels.phone, value: contact.phone },
    contact.fax && { title: labels.fax, value: contact.fax },
    contact.email && { title: labels.emailLabel, value: contact.email },
    contact.address && { title: labels.address, value: contact.address },
  ].filter(Boolean);
  const actions = [
    contact.phone && link(labels.call, telLink(contact.phone)),
    contact.email && link(labels.email, `mailto:${contact.email}`),
  ].filter((a): a is CardElement => Boolean(a));
  if (startLead) {
    actions.push({
      type: 'Action.Submit',
      title: startLead.title,
      data: { action: 'startLead', contactId: startLead.contactId },
    });
  }
  const body: CardElement[] = [
    { type: 'TextBlock', text: labels.contactCardTitle, size: 'Small', isSubtle: true, wrap: true },
    { type: 'TextBlock', text: contact.name, size: 'Large', weight: 'Bolder', wrap: true },
    { type: 'TextBlock', text: contact.role, wrap: true, spacing: 'None' },
    { type: 'TextBlock', text: contact.team, wrap: true, isSubtle: true, spacing: 'None' },
    { type: 'FactSet', facts },
  ];
  return adaptiveCard(body, actions, fallbackText);
}

/** Clusters with their areas of activity; areas are listed for up to 8 clusters, names only beyond. */
export function clusterCard(
  rows: readonly { name: string; areas: string[] }[],
  labels: Labels,
  fallbackText: string,
): Attachment {
  const withAreas = rows.length <= 8;
  const body: CardElement[] = [
    { type: 'TextBlock', text: labels.clusterCardTitle, weight: 'Bolder', wrap: true },
    ...rows.flatMap((row) => [
      { type: 'TextBlock', text: row.name, weight: 'Bolder', wrap: true, spacing: 'Medium' },
      ...(withAreas
        ? [{ type: 'TextBlock', text: row.areas.join(', '), wrap: true, isSubtle: true, spacing: 'None' }]
        : []),
    ]),
  ];
  return adaptiveCard(body, [], fallbackText);
}

/** Only a button that opens a link (the personal chat with the bot, from a group chat or channel). */
export function openUrlCard(title: string, url: string, fallbackText: string): Attachment | undefined {
  const action = link(title, url);
  return action ? adaptiveCard([], [action], fallbackText) : undefined;
}

/** Wraps a body and actions as an Adaptive Card attachment. */
export function adaptiveCard(body: CardElement[], actions: CardElement[], fallbackText: string): Attachment {
  return {
    contentType: 'application/vnd.microsoft.card.adaptive',
    content: {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: CARD_VERSION,
      fallbackText,
      body,
      actions,
    },
  };
}

function link(title: string, url: string): CardElement | undefined {
  const safe = safeLink(url);
  return safe ? { type: 'Action.OpenUrl', title, url: safe } : undefined;
}
