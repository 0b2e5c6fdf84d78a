import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { DialogDeps, TurnInput } from './dialogTypes.js';

export const SMALLTALK_DIALOG = 'smalltalkDialog';

/** Which small-talk reply to give. */
export type SmalltalkKind = 'greeting' | 'help' | 'thanks' | 'cancel';

/** Greeting, help, thanks and start over: short replies with suggestions of what can be asked. */
export class SmalltalkDialog extends Dialog<TurnInput & { kind: SmalltalkKind }> {
  constructor(private readonly deps: DialogDeps) {
    super(SMALLTALK_DIALOG);
  }

  override async beginDialog(
    dc: DialogContext,
    input?: TurnInput & { kind: SmalltalkKind },
  ): Promise<DialogTurnResult> {
    const { replies } = this.deps;
    const memory = (await this.deps.memory.get(dc.context))!;
    const language = memory.language;
    const kind = input?.kind ?? 'help';
    if (kind === 'cancel') {
      memory.lastAnswer = null;
      memory.history = [];
      memory.scopes = [];
    }
    const reply =
      kind === 'greeting'
        ? replies.greeting(language)
        : kind === 'help'
          ? replies.help(language)
          : replies.simple(language, kind);
    await dc.context.sendActivity(reply);
    return dc.endDialog();
  }
}
