import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { ClusterResult } from '../src/clusters/clusterFinder.js';
import type { DialogDeps, TurnInput } from './dialogTypes.js';
import { presentationFor } from './leadCapture.js';
import { rememberQuestion, rememberScope } from './memory.js';

export const CLUSTER_DIALOG = 'clusterDialog';

/** What the route found when it recognised a table question, handed to the dialog. */
export interface ClusterInput extends TurnInput {
  result: ClusterResult;
}

/** Answers a question about the MedTech cluster table exactly, and remembers the result for follow-ups. */
export class ClusterDialog extends Dialog<ClusterInput> {
  constructor(private readonly deps: DialogDeps) {
    super(CLUSTER_DIALOG);
  }

  override async beginDialog(dc: DialogContext, input?: ClusterInput): Promise<DialogTurnResult> {
    const memory = (await this.deps.memory.get(dc.context))!;
    if (!input?.result) return dc.endDialog();
    rememberQuestion(memory, input.text);
    rememberScope(memory, input.result.document.scope);
    memory.lastClusters = input.result.resultSet.length > 0 ? input.result.resultSet : memory.lastClusters;
    memory.lastAnswer = null;
    this.deps.events.answered(dc.context, 'cluster', input.text, memory.language);
    await dc.context.sendActivity(
      this.deps.replies.clusters(memory.language, input.result, presentationFor(dc.context)),
    );
    return dc.endDialog();
  }
}
