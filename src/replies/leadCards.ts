import type { Attachment } from 'botbuilder';
import type { Contact } from '../contacts/contactDirectory.js';
import { FIELD_MAX, LEAD_FIELDS, type LeadField, type LeadValues, OPTIONAL_FIELDS } from '../leads/leadForm.js';
import { adaptiveCard, type CardElement } from './cards.js';
import type { Labels } from './templates.js';

/** What the lead form shows: for whom, with which consent text, filled with what was typed, with any problems. */
export interface LeadFormModel {
  contact: Contact;
  consentText: string;
  values: LeadValues;
  /** Problem text per field, shown right under that field. */
  problems: Partial<Record<LeadField, string>>;
  fallbackText: string;
}

const INPUT_STYLE: Partial<Record<LeadField, string>> = { email: 'Email', phone: 'Tel' };

/**
 * The lead form as an Adaptive Card, built as an object: what the investor typed only ever goes into an input's
 * `value`, and problems into a `TextBlock.text`. Submitting sends `action: "submitLead"` with the inputs.
 */
export function leadFormCard(model: LeadFormModel, labels: Labels): Attachment {
  const form = labels.leadForm;
  const body: CardElement[] = [
    { type: 'TextBlock', text: form.title, size: 'Medium', weight: 'Bolder', wrap: true },
    {
      type: 'TextBlock',
      text: `${model.contact.name}, ${model.contact.role}`,
      isSubtle: true,
      wrap: true,
      spacing: 'None',
    },
  ];
  for (const field of LEAD_FIELDS) {
    if (field === 'consent') continue;
    body.push({
      type: 'Input.Text',
      id: field,
      label: form[field],
      // Web Chat's screen-reader copy of a card names an input by its placeholder, not its label
      placeholder: form[field],
      isRequired: !OPTIONAL_FIELDS.includes(field),
      errorMessage: labels.fieldProblems.required.replace('{field}', fieldName(labels, field)),
      maxLength: FIELD_MAX[field],
      isMultiline: field === 'message',
      ...(INPUT_STYLE[field] ? { style: INPUT_STYLE[field] } : {}),
      value: model.values[field] ?? '',
    });
    const problem = model.problems[field];
    if (problem) body.push(problemBlock(problem));
  }
  body.push(
    { type: 'TextBlock', text: form.consentTitle, weight: 'Bolder', wrap: true, spacing: 'Medium' },
    { type: 'TextBlock', text: model.consentText, wrap: true, size: 'Small', spacing: 'Small' },
    {
      type: 'Input.Toggle',
      id: 'consent',
      title: form.consentToggle,
      valueOn: 'true',
      valueOff: 'false',
      // unticked unless the investor had ticked it before a problem elsewhere sent the form back
      value: model.values.consent === 'true' ? 'true' : 'false',
    },
  );
  if (model.problems.consent) body.push(problemBlock(model.problems.consent));
  const submit = {
    type: 'Action.Submit',
    title: form.submit,
    style: 'positive',
    data: { action: 'submitLead', contactId: model.contact.id },
  };
  return adaptiveCard(body, [submit], model.fallbackText);
}

/** A field's name in a problem message: its label without "(optional)". */
export function fieldName(labels: Labels, field: LeadField): string {
  return field === 'consent' ? labels.leadForm.consentTitle : labels.leadForm[field].replace(/\s*\(.*\)\s*$/, '');
}

function problemBlock(text: string): CardElement {
  return { type: 'TextBlock', text, color: 'Attention', wrap: true, size: 'Small', spacing: 'None' };
}
