import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActivityHandler, ConversationState, MessageFactory } from 'botbuilder';
import { ComponentDialog, DialogSet, DialogTurnStatus, WaterfallDialog } from 'botbuilder-dialogs';
import { loadConfig } from '../../src/config.js';
import { openStore } from '../../src/storage/openStore.js';
import { listenOnFrameworkStack } from './frameworkStack.js';
import type { Target } from './target.js';

/**
 * The echo bot built the way the customer fixed the design: each turn loads the conversation state from the same
 * SQLite store as the bot, runs one botbuilder-dialogs turn (a component dialog with a one-step waterfall that
 * echoes) and saves the state. No search, templates, dedupe or logging: the least any bot of this design pays per
 * turn, so its turns/s are the most such a bot can reach on this machine.
 */
export async function startDialogTarget(): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'investor-bench-dialog-'));
  const config = loadConfig({ LOG_LEVEL: 'warn', DATABASE_URL: `sqlite:${join(dir, 'bench.db')}` });
  const store = await openStore(config.database);
  const conversationState = new ConversationState(store.state);
  const root = new ComponentDialog('root').addDialog(
    new WaterfallDialog('echo', [
      async (step) => {
        await step.context.sendActivity(MessageFactory.text(step.context.activity.text ?? ''));
        return step.endDialog();
      },
    ]),
  );
  const dialogs = new DialogSet(conversationState.createProperty('dialogState')).add(root);
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    const dc = await dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog('root');
    await conversationState.saveChanges(context);
    await next();
  });
  const target = await listenOnFrameworkStack(bot, config);
  return {
    url: target.url,
    close: async () => {
      await target.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
