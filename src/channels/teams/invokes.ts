import type { InvokeResponse, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { AnswerVote, Conversation } from '../../../dialogs/conversation.js';
import type { Labels } from '../../replies/templates.js';
import { turnText } from '../botframework/turnText.js';
import { ASK_VERB } from './teamsButtons.js';
import { choiceMadeCard, leadSentCard } from './teamsCards.js';

/** What an invoke's handler works with: the turn, the conversation, and the labels for the card that answers. */
export interface InvokeTurn {
  context: TurnContext;
  conversation: Conversation;
  /** The labels in the conversation's language (read once the conversation has handled the turn). */
  labels(): Promise<Labels>;
  /** A Teams feedback vote carried by this invoke; null when it is none. */
  vote: AnswerVote | null;
}

type InvokeHandler = (turn: InvokeTurn) => Promise<InvokeResponse>;
type VerbHandler = (turn: InvokeTurn, data: unknown) => Promise<InvokeResponse>;

/**
 * Action.Execute verbs (an `adaptiveCard/action` invoke), the way teams.ts and teams-ai route `actionExecute(verb)`:
 * each reads its card's `data` (unchecked) and answers with the card that replaces the pressed one, or a message.
 */
export const VERBS: Readonly<Record<string, VerbHandler>> = {
  /** A choice button ("Did you mean …", "Talk to a person" in a group chat): its question, as if typed. */
  [ASK_VERB]: async (turn, data) => {
    const choice = ChoiceSchema.safeParse(data);
    const question = choice.success ? turnText({ text: choice.data.question }) : '';
    if (!question) return invokeError(400, 'BadRequest', 'This button has no question.');
    await turn.conversation.receive(turn.context, { text: question });
    return cardAnswer(choiceMadeCard(await turn.labels(), question).content);
  },
  /** The lead form: through the conversation's route for a submitted form; the answer replaces the form. */
  submitLead: async (turn, data) => {
    const outcome = await turn.conversation.submitLead(turn.context, data);
    const card = outcome.stored
      ? leadSentCard(outcome.stored.reference, await turn.labels(), outcome.stored.confirmation)
      : outcome.form?.attachments?.[0];
    if (!card) {
      // no card to put in place of the pressed one (a group chat's "personal chat only"): a message answers
      const value = outcome.form?.text ?? '';
      return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value } };
    }
    if (!outcome.stored && outcome.form?.text) {
      await turn.context.sendActivity({ type: 'message', text: outcome.form.text });
    }
    return cardAnswer(card.content);
  },
};

/** Teams invokes by name; any other goes to botbuilder's Teams handler. */
const INVOKES: Readonly<Record<string, InvokeHandler>> = {
  /** Teams' feedback buttons under an answer (the vote was read by the channel). */
  'message/submitAction': async (turn) => {
    if (!turn.vote) return invokeError(400, 'BadRequest', 'This feedback is not understood.');
    await turn.conversation.vote(turn.context, turn.vote);
    return { status: 200, body: {} };
  },
  /** Action.Execute: by verb, from {@link VERBS}. */
  'adaptiveCard/action': async (turn) => {
    const invoke = ExecuteInvokeSchema.safeParse(turn.context.activity.value);
    const verb = invoke.success ? invoke.data.action.verb : '';
    if (!Object.hasOwn(VERBS, verb)) return invokeError(400, 'NotSupported', 'This card action is not supported.');
    return VERBS[verb]!(turn, invoke.data!.action.data);
  },
};

/** The handler of this invoke, by its name; null when Teams' own handling takes it. */
export function invokeHandler(name: string | undefined): InvokeHandler | null {
  return name !== undefined && Object.hasOwn(INVOKES, name) ? INVOKES[name]! : null;
}

/** Action.Execute as Teams sends it; `data` holds the inputs (each verb checks what it takes). */
const ExecuteInvokeSchema = z.object({
  action: z.object({ type: z.literal('Action.Execute'), verb: z.string().max(100), data: z.unknown().optional() }),
});

/** A choice button's data. */
const ChoiceSchema = z.object({ question: z.string().min(1).max(500) });

/** The card that replaces the one pressed. */
function cardAnswer(content: unknown): InvokeResponse {
  return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: content } };
}

function invokeError(status: number, code: string, message: string): InvokeResponse {
  return { status, body: { statusCode: status, type: 'application/vnd.microsoft.error', value: { code, message } } };
}
