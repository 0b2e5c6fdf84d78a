import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { AnswerDialog } from './answerDialog.js';
import { ContactDialog } from './contactDialog.js';
import type { DialogDeps, TurnInput } from './dialogTypes.js';
import { GREETING_PREFIX } from './intents.js';
import { MoreDialog } from './moreDialog.js';
import { foldForRouting, ROUTES, type Route } from './routes.js';
import { SmalltalkDialog } from './smalltalkDialog.js';

export const ROOT_DIALOG = 'rootDialog';
const ROUTE_STEP = 'routeStep';

/** Routes each message through the route table to one handler dialog. */
export class RootDialog extends ComponentDialog {
  constructor(
    private readonly deps: DialogDeps,
    private readonly routes: readonly Route[] = ROUTES,
  ) {
    super(ROOT_DIALOG);
    this.addDialog(new AnswerDialog(deps))
      .addDialog(new ContactDialog(deps))
      .addDialog(new MoreDialog(deps))
      .addDialog(new SmalltalkDialog(deps))
      .addDialog(new WaterfallDialog(ROUTE_STEP, [(step) => this.route(step), (step) => step.endDialog(step.result)]));
    this.initialDialogId = ROUTE_STEP;
  }

  /** Which route a message takes (exposed for tests of the route table). */
  async choose(step: WaterfallStepContext, text: string): Promise<Route> {
    const memory = (await this.deps.memory.get(step.context))!;
    const folded = foldForRouting(text);
    // "Hi, how many hospitals…" is a question: a greeting only counts on its own
    const unGreeted = folded.replace(GREETING_PREFIX, '').trim();
    const input = { text, folded: unGreeted.length > 0 ? unGreeted : folded, memory };
    return this.routes.find((r) => r.matches(input, this.deps)) ?? this.routes.at(-1)!;
  }

  private async route(step: WaterfallStepContext) {
    const input = step.options as TurnInput;
    const route = await this.choose(step, input.text);
    const question = input.text.replace(GREETING_PREFIX, '').trim();
    return step.beginDialog(route.dialogId, { ...input, text: question || input.text, ...route.options });
  }
}
