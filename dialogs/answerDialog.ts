import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { rememberQuestion, rememberScope } from '../src/conversation/memory.js';
import type { DialogDeps, TurnInput } from './dialogTypes.js';

export const ANSWER_DIALOG = 'answerDialog';

/** Answers a knowledge question with an extract and its source, or says plainly that it does not know. */
export class AnswerDialog extends Dialog<TurnInput> {
  constructor(private readonly deps: DialogDeps) {
    super(ANSWER_DIALOG);
  }

  override async beginDialog(dc: DialogContext, input?: TurnInput): Promise<DialogTurnResult> {
    const { answerer, replies, contacts } = this.deps;
    const memory = await this.deps.memory.get(dc.context);
    const question = input?.text ?? '';
    const outcome = answerer.answer(question);
    rememberQuestion(memory!, question);
    if (outcome.kind === 'answer') {
      memory!.lastAnswer = { passageId: outcome.passage.id, shown: outcome.shown };
      rememberScope(memory!, outcome.document.scope);
      await dc.context.sendActivity(replies.answer(memory!.language, outcome));
    } else if (outcome.kind === 'ambiguous') {
      await dc.context.sendActivity(replies.didYouMean(memory!.language, outcome));
    } else {
      memory!.lastAnswer = null;
      const routed = contacts.route({ current: question, history: memory!.history, scopes: memory!.scopes });
      await dc.context.sendActivity(replies.unknown(memory!.language, routed));
    }
    return dc.endDialog({ outcome: outcome.kind });
  }
}
