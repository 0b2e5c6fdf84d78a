import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { DialogDeps, TurnInput } from './dialogTypes.js';
import { presentationFor } from './leadCapture.js';
import { rememberQuestion } from './memory.js';

export const CONTACT_DIALOG = 'contactDialog';

/** Names the right contact: the person asked for by name, else the one the conversation's topic routes to. */
export class ContactDialog extends Dialog<TurnInput> {
  constructor(private readonly deps: DialogDeps) {
    super(CONTACT_DIALOG);
  }

  override async beginDialog(dc: DialogContext, input?: TurnInput): Promise<DialogTurnResult> {
    const { contacts, replies } = this.deps;
    const memory = (await this.deps.memory.get(dc.context))!;
    const text = input?.text ?? '';
    const named = contacts.named(text);
    const routed = named
      ? { contact: named }
      : contacts.route({ current: text, history: memory.history, scopes: memory.scopes });
    rememberQuestion(memory, text);
    memory.handoffContactId = routed.contact.id;
    this.deps.events.handedOff('contact_card');
    await dc.context.sendActivity(
      replies.contact(memory.language, routed, named !== undefined, presentationFor(dc.context)),
    );
    return dc.endDialog({ contactId: routed.contact.id });
  }
}
