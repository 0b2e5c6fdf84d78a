import type { Attachment } from 'botbuilder';
import { adaptiveCard, type CardElement } from '../../replies/cards.js';
import { escapeUserText } from '../../replies/markdown.js';
import type { Labels } from '../../replies/templates.js';

// The cards that answer a Teams invoke: each replaces the card whose button was pressed.

/** The card left in place of pressed choice buttons: "You asked: <question>", the question as a plain TextRun. */
export function choiceMadeCard(labels: Labels, question: string): Attachment {
  const label = labels.youAsked;
  const body: CardElement[] = [
    {
      type: 'RichTextBlock',
      inlines: [
        { type: 'TextRun', text: `${label} `, isSubtle: true },
        { type: 'TextRun', text: question },
      ],
    },
  ];
  // fallbackText may be rendered as Markdown
  return adaptiveCard(body, [], `${label} ${escapeUserText(question)}`);
}

/** A small card replacing the form once the lead is stored (the response to a Teams Action.Execute). */
export function leadSentCard(reference: string, labels: Labels, fallbackText: string): Attachment {
  const body: CardElement[] = [
    { type: 'TextBlock', text: labels.leadForm.sentTitle, size: 'Medium', weight: 'Bolder', wrap: true },
    { type: 'FactSet', facts: [{ title: labels.leadForm.reference, value: reference }] },
    { type: 'TextBlock', text: fallbackText, wrap: true },
  ];
  return adaptiveCard(body, [], fallbackText);
}
