import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { readMessage } from '../src/text/messageReading.js';
import { ANSWER_DIALOG, AnswerDialog } from './answerDialog.js';
import { ClusterDialog } from './clusterDialog.js';
import { CONTACT_DIALOG, ContactDialog } from './contactDialog.js';
import type { DialogDeps, TurnInput } from './dialogTypes.js';
import { HandoffDialog } from './handoffDialog.js';
import { GREETING_PREFIX } from './intents.js';
import { LeadPromptDialog } from './leadPromptDialog.js';
import { LeadSubmitDialog } from './leadSubmitDialog.js';
import { MoreDialog } from './moreDialog.js';
import { foldForRouting, isSocial, ROUTES, type Route } from './routes.js';
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
      .addDialog(new ClusterDialog(deps))
      .addDialog(new MoreDialog(deps))
      .addDialog(new SmalltalkDialog(deps))
      .addDialog(new HandoffDialog(deps))
      .addDialog(new LeadSubmitDialog(deps))
      .addDialog(new LeadPromptDialog(deps))
      .addDialog(new WaterfallDialog(ROUTE_STEP, [(step) => this.route(step), (step) => step.endDialog(step.result)]));
    this.initialDialogId = ROUTE_STEP;
  }

  /** Which route a message takes, with what the route recognised (exposed for tests of the route table). */
  async choose(step: WaterfallStepContext, text: string, whole = text): Promise<{ route: Route; found: object }> {
    const memory = (await this.deps.memory.get(step.context))!;
    const folded = foldForRouting(text);
    // "Hi, how many hospitals…" is a question: a greeting only counts on its own
    const unGreeted = folded.replace(GREETING_PREFIX, '').trim();
    const value = (step.options as TurnInput | undefined)?.value;
    const input = {
      text,
      folded: unGreeted.length > 0 ? unGreeted : folded,
      whole: foldForRouting(whole),
      value,
      memory,
    };
    for (const route of this.routes) {
      const match = route.matches(input, this.deps);
      if (match) return { route, found: typeof match === 'object' ? match : {} };
    }
    return { route: this.routes.at(-1)!, found: {} };
  }

  private async route(step: WaterfallStepContext) {
    const input = step.options as TurnInput;
    const unGreeted = input.text.replace(GREETING_PREFIX, '').trim() || input.text;
    // the message is read once: the question routes and is answered; its background only helps where it must
    const reading = readMessage(unGreeted, isSocial);
    // a question that points back ("which ones qualify?") is read with its background, for every route
    const whole = `${reading.context} ${reading.question}`.trim();
    const question = reading.refersBack ? whole : reading.question;
    // a card verb that says what it is (a Teams lead form sent as an invoke) names its route
    const named = input.route === undefined ? undefined : this.routes.find((r) => r.id === input.route);
    const { route, found } = named ? { route: named, found: {} } : await this.choose(step, question, unGreeted);
    // who to talk to depends on what the investor is about, which the background often says; a question is
    // answered as asked, its background helping to choose between passages (AnswerDialog)
    const asked = route.dialogId === ANSWER_DIALOG;
    const text = route.dialogId === CONTACT_DIALOG ? whole : asked ? reading.question : question;
    const context = asked || !reading.refersBack ? reading.context : '';
    const refersBack = asked && reading.refersBack;
    return step.beginDialog(route.dialogId, { ...input, text, context, refersBack, ...route.options, ...found });
  }
}
