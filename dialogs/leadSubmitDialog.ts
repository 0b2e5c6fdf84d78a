import type { TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { checkSubmission } from '../src/leads/leadForm.js';
import type { LeadOutcome } from './conversation.js';
import type { DialogDeps, TurnInput } from './dialogTypes.js';
import {
  consentFor,
  isSharedConversation,
  leadContact,
  NOT_IN_TRANSCRIPT,
  privateOnly,
  storeLead,
} from './leadCapture.js';
import type { ConversationMemory } from './memory.js';

export const LEAD_SUBMIT_DIALOG = 'leadSubmitDialog';

/**
 * Handles a lead form, however it arrives (Action.Submit message, Teams Action.Execute invoke) and whatever the
 * conversation was doing: checks it, stores it, confirms only after the commit, or sends the form back filled in
 * with the problems next to the fields. Nothing is stored unless every check passes.
 */
async function handleSubmission(
  context: TurnContext,
  deps: DialogDeps,
  memory: ConversationMemory,
  raw: unknown,
  form: 'card' | 'invoke',
): Promise<LeadOutcome> {
  context.turnState.set(NOT_IN_TRANSCRIPT, true);
  const checked = checkSubmission(raw);
  const rawContactId =
    typeof (raw as { contactId?: unknown })?.contactId === 'string' ? (raw as { contactId: string }).contactId : null;
  const contact = leadContact(deps, memory, checked.ok ? checked.submission.contactId : rawContactId);
  // a form sent from a group chat or channel is neither stored nor shown again there, with what was typed in it
  if (isSharedConversation(context.activity))
    return { stored: null, form: privateOnly(context, deps, memory, contact) };
  const consent = consentFor(deps, memory, contact);
  // the form goes back unless it is stored below (storeLead closes it)
  memory.leadFormShownAt = deps.leads.now().getTime();
  if (!checked.ok) {
    const reply = deps.leadReplies.leadForm(memory.language, {
      contact,
      consent,
      values: checked.values,
      problems: checked.problems,
    });
    return { stored: null, form: reply };
  }
  const { result, confirmation } = await storeLead(context, deps, memory, checked.submission, contact, consent, form);
  if (result.status === 'stored')
    return { stored: { reference: result.lead.reference, confirmation: confirmation! }, form: null };
  const values = {
    ...checked.submission,
    phone: checked.submission.phone ?? '',
    country: checked.submission.country ?? '',
    consent: 'true',
  };
  const reply = deps.leadReplies.leadForm(memory.language, { contact, consent, values, problems: [] });
  const failed = deps.leadReplies.leadFailed(memory.language, contact, true);
  return { stored: null, form: { ...reply, text: failed } };
}

/**
 * The route for a submitted lead form: an Action.Submit message, or a Teams Action.Execute invoke, whose answer (the
 * card that replaces the form) the channel writes from the outcome this dialog ends with.
 */
export class LeadSubmitDialog extends Dialog<TurnInput> {
  constructor(private readonly deps: DialogDeps) {
    super(LEAD_SUBMIT_DIALOG);
  }

  override async beginDialog(dc: DialogContext, input?: TurnInput): Promise<DialogTurnResult> {
    const memory = (await this.deps.memory.get(dc.context))!;
    const outcome = await handleSubmission(
      dc.context,
      this.deps,
      memory,
      input?.value,
      input?.invoke ? 'invoke' : 'card',
    );
    if (outcome.form && !input?.invoke) await dc.context.sendActivity(outcome.form);
    return dc.endDialog(outcome);
  }
}
