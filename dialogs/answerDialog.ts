import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { Answerer, AnswerOutcome } from '../src/answers/answerer.js';
import type { RoutedContact } from '../src/contacts/contactDirectory.js';
import { sendAnswer } from './answerFeedback.js';
import type { DialogDeps, TurnInput } from './dialogTypes.js';
import { type ConversationMemory, rememberQuestion, rememberScope } from './memory.js';

export const ANSWER_DIALOG = 'answerDialog';

// "How many beds does it have?" refers to the previous question: read the two together.
const REFERS_BACK = /\b(it|its|they|them|their|he|she|his|her|es|sie|ihr|ihre)\b/i;
// "And in medical technology?", "what about Dresden?": a short follow-up that leaves out what it asks, which the
// previous question says.
const ELLIPSIS = /^\s*(and|also|plus|what about|how about|same for|und|und was ist mit|wie ist es mit|was ist mit)\b/i;
const ELLIPSIS_WORDS = 6;

function isFollowUp(question: string): boolean {
  return (
    REFERS_BACK.test(question) || (ELLIPSIS.test(question) && question.trim().split(/\s+/).length <= ELLIPSIS_WORDS)
  );
}

// "Who handles marketing?" asks for a person or an organisation.
const ASKS_WHO = /(^|[,;:]\s*)(who|whom|wer|wen|wem)\b/i;

/**
 * The question, read in the message's background when it points back into it ("how many work there?"): the
 * background's topics help choose between passages, and when that answers nothing, the whole message is read.
 * Otherwise a short follow-up is read with the previous question, and an unanswered question with its background.
 */
function answerWithContext(answerer: Answerer, input: TurnInput, previous: string | undefined): AnswerOutcome {
  const { text: question, context } = input;
  const inBackground = context && input.refersBack ? answerer.answer(question, context) : undefined;
  const outcome =
    inBackground === undefined
      ? previous && isFollowUp(question)
        ? answerer.answerFollowUp(previous, question)
        : answerer.answer(question)
      : inBackground.kind === 'unknown'
        ? answerer.answer(`${context} ${question}`)
        : inBackground;
  const found = outcome.kind === 'unknown' && context ? answerer.answerFollowUp(context, question) : outcome;
  // a sentence that only shares the topic does not say who: the contact who covers the topic does
  return found.kind === 'answer' && found.partial === 'topic' && ASKS_WHO.test(question)
    ? { kind: 'unknown', confidence: found.confidence }
    : found;
}

/** The contact for the topic of the question (and the conversation so far). */
function routeContact(
  contacts: DialogDeps['contacts'],
  input: TurnInput | undefined,
  question: string,
  memory: ConversationMemory,
): RoutedContact {
  return contacts.route({
    current: `${input?.context ?? ''} ${question}`.trim(),
    history: memory.history,
    scopes: memory.scopes,
  });
}

/** Answers a knowledge question with an extract and its source, or says plainly that it does not know. */
export class AnswerDialog extends Dialog<TurnInput> {
  constructor(private readonly deps: DialogDeps) {
    super(ANSWER_DIALOG);
  }

  override async beginDialog(dc: DialogContext, input?: TurnInput): Promise<DialogTurnResult> {
    const { answerer, replies, contacts, events } = this.deps;
    const memory = await this.deps.memory.get(dc.context);
    const question = input?.text ?? '';
    const outcome = answerWithContext(answerer, input ?? { text: '' }, memory!.history.at(-1));
    // a question that pointed into its background is remembered with it, for the next follow-up
    rememberQuestion(memory!, input?.refersBack && input.context ? `${input.context} ${question}` : question);
    if (outcome.kind === 'answer') {
      memory!.lastAnswer = { passageId: outcome.passage.id, shown: outcome.shown };
      rememberScope(memory!, outcome.document.scope);
      events.answered(dc.context, 'answer', question, memory!.language);
      // "the documents do not say exactly that": the person who can is named with it
      const routed = outcome.partial === 'topic' ? routeContact(contacts, input, question, memory!) : undefined;
      await sendAnswer(dc.context, memory!, replies.answer(memory!.language, outcome, routed), {
        passageId: outcome.passage.id,
        question,
      });
    } else if (outcome.kind === 'ambiguous') {
      events.answered(dc.context, 'ambiguous', question, memory!.language);
      await dc.context.sendActivity(replies.didYouMean(memory!.language, outcome));
    } else {
      events.answered(dc.context, 'dont_know', question, memory!.language);
      memory!.lastAnswer = null;
      await dc.context.sendActivity(
        replies.unknown(memory!.language, routeContact(contacts, input, question, memory!), outcome.nearest),
      );
    }
    return dc.endDialog({ outcome: outcome.kind });
  }
}
