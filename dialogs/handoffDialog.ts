import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { z } from 'zod';
import type { DialogDeps, TurnInput } from './dialogTypes.js';
import { consentFor, isSharedConversation, leadContact, NOT_IN_TRANSCRIPT, privateOnly } from './leadCapture.js';
import { LEAD_PROMPT_DIALOG } from './leadPromptDialog.js';
import { channelOf } from './turnChannel.js';

export const HANDOFF_DIALOG = 'handoffDialog';

/** The contact card's "Send my enquiry to …" button. */
const StartLeadSchema = z
  .object({
    action: z.literal('startLead'),
    contactId: z
      .string()
      .max(60)
      .regex(/^[a-z0-9-]+$/)
      .optional(),
  })
  .strict();

/** Whether a card's data is the "Send my enquiry to …" button. */
export function isStartLead(value: unknown): boolean {
  return StartLeadSchema.safeParse(value).success;
}

/**
 * Offers to pass on the enquiry: shows the lead form (card channels) or starts asking for the details one by one
 * (text channels), for the contact the button names, the one the text names, or the one the conversation routes to.
 * Never in a group chat or channel: there it says why and offers the personal chat.
 */
export class HandoffDialog extends Dialog<TurnInput> {
  constructor(private readonly deps: DialogDeps) {
    super(HANDOFF_DIALOG);
  }

  override async beginDialog(dc: DialogContext, input?: TurnInput): Promise<DialogTurnResult> {
    const memory = (await this.deps.memory.get(dc.context))!;
    const button = StartLeadSchema.safeParse(input?.value);
    const named = this.deps.contacts.named(input?.text ?? '');
    const contact = leadContact(this.deps, memory, (button.success && button.data.contactId) || named?.id || null);
    memory.handoffContactId = contact.id;
    dc.context.turnState.set(NOT_IN_TRANSCRIPT, true);
    if (isSharedConversation(dc.context.activity)) {
      await dc.context.sendActivity(privateOnly(dc.context, this.deps, memory, contact));
      return dc.endDialog();
    }
    this.deps.events.handedOff('lead_form');
    if (!channelOf(dc.context).cards) {
      return dc.replaceDialog(LEAD_PROMPT_DIALOG, { contactId: contact.id });
    }
    const consent = consentFor(this.deps, memory, contact);
    memory.leadFormShownAt = this.deps.leads.now().getTime();
    await dc.context.sendActivity(
      this.deps.leadReplies.leadForm(memory.language, { contact, consent, values: {}, problems: [] }),
    );
    return dc.endDialog();
  }
}
