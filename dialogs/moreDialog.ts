import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { sendAnswer } from './answerFeedback.js';
import type { DialogDeps, TurnInput } from './dialogTypes.js';

export const MORE_DIALOG = 'moreDialog';

/** "Tell me more": the rest of the passage the last extract came from. */
export class MoreDialog extends Dialog<TurnInput> {
  constructor(private readonly deps: DialogDeps) {
    super(MORE_DIALOG);
  }

  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const { answerer, passages, replies } = this.deps;
    const memory = (await this.deps.memory.get(dc.context))!;
    const last = memory.lastAnswer;
    const passage = last ? passages.byId(last.passageId) : undefined;
    const next = passage ? passage.sentences.findIndex((_, i) => i > Math.max(...last!.shown)) : -1;
    if (!passage || next < 0) {
      await dc.context.sendActivity(replies.simple(memory.language, 'nothingMore'));
      return dc.endDialog();
    }
    const rest = passage.sentences.map((_, i) => (i >= next ? 1 : 0));
    const extract = answerer.extract(passage, rest, next, 1);
    memory.lastAnswer = { passageId: passage.id, shown: extract.shown };
    const question = (memory.recentAnswers ?? []).filter((a) => a.passageId === passage.id).at(-1)?.question ?? '';
    await sendAnswer(dc.context, memory, replies.answer(memory.language, extract), { passageId: passage.id, question });
    return dc.endDialog();
  }
}
