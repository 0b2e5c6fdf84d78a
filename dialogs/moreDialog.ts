import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { sendAnswer } from './answerFeedback.js';
import type { DialogDeps, TurnInput } from './dialogTypes.js';

export const MORE_DIALOG = 'moreDialog';

/**
 * "Tell me more": the rest of the passage the last extract came from, then the rest of its section, then the names of
 * the sections beside it.
 */
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
    // at the end of a paragraph the section may go on: the next paragraph under the same heading
    const following = passage && next < 0 ? passages.nextInSection(passage.id) : undefined;
    const from = following ?? passage;
    const start = following ? 0 : next;
    if (!from || start < 0) {
      // the section is said in full: the sections beside it are offered by name
      const neighbours = passage ? passages.neighbours(passage.id) : [];
      await dc.context.sendActivity(replies.nothingMore(memory.language, neighbours));
      return dc.endDialog();
    }
    const rest = from.sentences.map((_, i) => (i >= start ? 1 : 0));
    const extract = answerer.extract(from, rest, start, 1);
    memory.lastAnswer = { passageId: from.id, shown: extract.shown };
    const question = (memory.recentAnswers ?? []).filter((a) => a.passageId === passage!.id).at(-1)?.question ?? '';
    await sendAnswer(dc.context, memory, replies.answer(memory.language, extract), { passageId: from.id, question });
    return dc.endDialog();
  }
}
