import { type ConversationState, type StatePropertyAccessor, TeamsActivityHandler, type TurnContext } from 'botbuilder';
import { DialogSet, type DialogState, DialogTurnStatus } from 'botbuilder-dialogs';
import type { DialogDeps } from '../../dialogs/dialogTypes.js';
import { ROOT_DIALOG, RootDialog } from '../../dialogs/rootDialog.js';
import { type ConversationMemory, newMemory } from '../conversation/memory.js';
import type { Replies } from '../replies/replies.js';
import { turnText } from './turnText.js';

/** What the bot needs, besides what the dialogs need. */
export interface InvestorBotDeps extends Omit<DialogDeps, 'memory'> {
  conversationState: ConversationState;
  replies: Replies;
}

/** The bot: Teams-aware activity handling around the root dialog, with state saved after every turn. */
export class InvestorBot extends TeamsActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly memory: StatePropertyAccessor<ConversationMemory>;
  private readonly dialogs: DialogSet;

  constructor(private readonly deps: InvestorBotDeps) {
    super();
    this.dialogState = deps.conversationState.createProperty<DialogState>('dialogState');
    this.memory = deps.conversationState.createProperty<ConversationMemory>('memory');
    this.dialogs = new DialogSet(this.dialogState).add(new RootDialog({ ...deps, memory: this.memory }));

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if ((context.activity.membersAdded ?? []).some((m) => m.id === botId)) await this.welcome(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.welcome(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.deps.conversationState.saveChanges(context, false);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const memory = await this.memory.get(context, newMemory());
    const text = turnText(context.activity);
    if (!text) {
      await context.sendActivity(this.deps.replies.help(memory.language));
      return;
    }
    const dc = await this.dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(ROOT_DIALOG, { text });
  }

  // Once per conversation, whether Teams says so by install event, by membersAdded, or both.
  private async welcome(context: TurnContext): Promise<void> {
    const memory = await this.memory.get(context, newMemory());
    if (memory.welcomed) return;
    memory.welcomed = true;
    await context.sendActivity(this.deps.replies.welcome(memory.language));
  }
}
