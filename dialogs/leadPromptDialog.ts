import { ActivityTypes } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { Contact } from '../src/contacts/contactDirectory.js';
import { checkField, type FieldProblem, LEAD_FIELDS, type LeadField, OPTIONAL_FIELDS } from '../src/leads/leadForm.js';
import { phraseWords } from '../src/text/fold.js';
import type { DialogDeps } from './dialogTypes.js';
import { INTENT_PATTERNS } from './intents.js';
import { consentFor, IN_LEAD_FLOW, leadContact, NOT_IN_TRANSCRIPT, storeLead, typedText } from './leadCapture.js';
import { type ConversationMemory, MEMORY_UNAVAILABLE } from './memory.js';

export const LEAD_PROMPT_DIALOG = 'leadPromptDialog';

/** What the dialog keeps between turns: for whom, and the answers so far. */
interface PromptState {
  contactId: string;
  values: Partial<Record<LeadField, string | null>>;
}

// consent is given only in so many words (or by the Yes button, which sends "Yes"): "ok", "sure" or "y" may answer
// something else, such as the question before
const YES =
  /^(yes|yes i agree|i agree|i do agree|ja|ja ich stimme zu|ich stimme zu|einverstanden|ich bin einverstanden)$/;
const NO = /^(no|n|nope|i do not agree|i don t agree|nein|n)$/;
const SKIP = /^(skip|none|no|n a|na|-|keine|keins|uberspringen)$/;

/**
 * The lead form for channels without cards: asks for each field in turn, checks each answer with the same rules as
 * the card (a problem is explained with what was typed, and only that field is asked again), then the consent.
 * "cancel" stops at any point and keeps nothing. The answers live in the dialog state until the lead is stored.
 */
export class LeadPromptDialog extends Dialog<{ contactId: string }> {
  constructor(private readonly deps: DialogDeps) {
    super(LEAD_PROMPT_DIALOG);
  }

  override async beginDialog(dc: DialogContext, options?: { contactId: string }): Promise<DialogTurnResult> {
    const memory = (await this.deps.memory.get(dc.context))!;
    const contact = leadContact(this.deps, memory, options?.contactId ?? null);
    dc.context.turnState.set(NOT_IN_TRANSCRIPT, true);
    dc.context.turnState.set(IN_LEAD_FLOW, true);
    if (dc.context.turnState.get(MEMORY_UNAVAILABLE)) {
      // the answers could not be kept from one turn to the next, nor the lead stored: say so now, not after six
      // questions (docs/security.md 40)
      await dc.context.sendActivity({
        type: ActivityTypes.Message,
        text: this.deps.leadReplies.leadFailed(memory.language, contact, false),
      });
      return dc.endDialog();
    }
    const state = dc.activeDialog!.state as PromptState;
    state.contactId = contact.id;
    state.values = {};
    await dc.context.sendActivity({
      type: ActivityTypes.Message,
      text: this.deps.leadReplies.leadIntroText(memory.language, contact, true),
    });
    await this.ask(dc, memory, contact, 'name');
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    dc.context.turnState.set(NOT_IN_TRANSCRIPT, true);
    dc.context.turnState.set(IN_LEAD_FLOW, true);
    const memory = (await this.deps.memory.get(dc.context))!;
    const state = dc.activeDialog!.state as PromptState;
    const contact = leadContact(this.deps, memory, state.contactId);
    // the answer as typed (the field's own rules clean it); the question cleanup would cut line breaks and symbols
    const typed = typedText(dc.context).slice(0, 4_100);
    const folded = phraseWords(typed).join(' ');
    const field = LEAD_FIELDS.find((f) => !(f in state.values))!;

    if (INTENT_PATTERNS.cancel.test(folded)) {
      await dc.context.sendActivity(this.deps.leadReplies.leadCancelled(memory.language, contact, false));
      return dc.endDialog();
    }
    if (field === 'consent') {
      if (NO.test(folded)) {
        await dc.context.sendActivity(this.deps.leadReplies.leadCancelled(memory.language, contact, true));
        return dc.endDialog();
      }
      if (!YES.test(folded)) {
        await this.ask(dc, memory, contact, 'consent', { problem: 'consent', typed });
        return Dialog.EndOfTurn;
      }
      const v = state.values;
      const submission = {
        contactId: contact.id,
        name: v.name!,
        company: v.company!,
        email: v.email!,
        phone: v.phone ?? null,
        country: v.country ?? null,
        message: v.message!,
      };
      const consent = consentFor(this.deps, memory, contact);
      const { result } = await storeLead(dc.context, this.deps, memory, submission, contact, consent, 'text');
      if (result.status === 'stored') return dc.endDialog();
      // nothing stored: say so, keep the answers, and ask for the consent again so "yes" simply retries
      await dc.context.sendActivity({
        type: ActivityTypes.Message,
        text: this.deps.leadReplies.leadFailed(memory.language, contact, false),
      });
      await this.ask(dc, memory, contact, 'consent');
      return Dialog.EndOfTurn;
    }

    const skipped = OPTIONAL_FIELDS.includes(field) && SKIP.test(folded);
    const checked = skipped ? { ok: true as const, value: null } : checkField(field, typed);
    if (!checked.ok) {
      await this.ask(dc, memory, contact, field, { problem: checked.problem, typed });
      return Dialog.EndOfTurn;
    }
    state.values[field] = checked.value;
    await this.ask(dc, memory, contact, LEAD_FIELDS.find((f) => !(f in state.values))!);
    return Dialog.EndOfTurn;
  }

  private async ask(
    dc: DialogContext,
    memory: ConversationMemory,
    contact: Contact,
    field: LeadField,
    problem?: { problem: FieldProblem; typed: string },
  ): Promise<void> {
    const consent = field === 'consent' ? consentFor(this.deps, memory, contact).text : undefined;
    await dc.context.sendActivity(this.deps.leadReplies.leadPrompt(memory.language, field, problem, consent));
  }
}
