import type { Activity, ConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import { DialogSet, type DialogState, DialogTurnStatus } from 'botbuilder-dialogs';
import type { Logger } from 'pino';
import { isLeadSubmission } from '../src/leads/leadForm.js';
import { StoreError } from '../src/storage/storeError.js';
import type { Welcomes } from '../src/storage/welcomes.js';
import { messageLanguage } from '../src/text/language.js';
import type { Language } from '../src/text/languages.js';
import {
  type AnswerVote,
  type ChannelFeatures,
  type Conversation,
  conversationKey,
  type Incoming,
  type LeadOutcome,
} from './conversation.js';
import type { DialogDeps, TurnInput } from './dialogTypes.js';
import { isStartLead } from './handoffDialog.js';
import { IN_LEAD_FLOW, leadFormOpen, NOT_IN_TRANSCRIPT, TYPED } from './leadCapture.js';
import { type ConversationMemory, MEMORY_UNAVAILABLE, newMemory, rememberExchange } from './memory.js';
import { ROOT_DIALOG, RootDialog } from './rootDialog.js';
import { useChannel } from './turnChannel.js';

/** What the turn handler needs, besides what the dialogs need. */
export interface TurnHandlerDeps extends Omit<DialogDeps, 'memory'> {
  conversationState: ConversationState;
  /** Conversations already welcomed, shared by every instance. */
  welcomes: Welcomes;
  /** Folded German words of the glossary ("krankenhauser"), a sign that a question is German. */
  germanWords: ReadonlySet<string>;
  logger: Logger;
}

/** Conversations remembered as told during one outage (emptied when full: some may then be told twice). */
const MAX_TOLD_FORGETFUL = 10_000;

/** The route of a submitted lead form in the route table (dialogs/routes.ts). */
const SUBMIT_LEAD_ROUTE = 'submitLead';

/**
 * The conversation's turn handler: the root dialog with its state, loaded before and saved after every turn, the
 * language of each message, the welcome and the votes. Channels reach it through {@link Conversation}.
 */
export class TurnHandler implements Conversation {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly memory: StatePropertyAccessor<ConversationMemory>;
  private readonly dialogs: DialogSet;
  /** Conversations told that the bot cannot remember them just now: each is told once, not on every turn. */
  private readonly toldForgetful = new Set<string>();

  constructor(private readonly deps: TurnHandlerDeps) {
    this.dialogState = deps.conversationState.createProperty<DialogState>('dialogState');
    this.memory = deps.conversationState.createProperty<ConversationMemory>('memory');
    this.dialogs = new DialogSet(this.dialogState).add(new RootDialog({ ...deps, memory: this.memory }));
  }

  async turn(context: TurnContext, channel: ChannelFeatures, work: () => Promise<void>): Promise<void> {
    useChannel(context, channel);
    const loaded = await this.loadState(context);
    await work();
    // a state that could not be loaded is not saved: it would overwrite the real one once the store is back
    const remembered = loaded && (await this.saveState(context));
    await this.sayIfForgetful(context, remembered);
  }

  async receive(context: TurnContext, incoming: Incoming): Promise<void> {
    await this.run(context, { text: incoming.text, value: cardAction(incoming.value) }, incoming.typed);
  }

  async submitLead(context: TurnContext, data: unknown): Promise<LeadOutcome> {
    // whatever the data holds, it is this form: the route is named, not read from it
    const input = { text: '', value: data ?? {}, route: SUBMIT_LEAD_ROUTE, invoke: true };
    return (await this.run(context, input)) as LeadOutcome;
  }

  async vote(context: TurnContext, vote: AnswerVote): Promise<void> {
    const memory = await this.memory.get(context, newMemory());
    const answer = vote.key ? (memory.recentAnswers ?? []).find((a) => a.key === vote.key) : undefined;
    // pressing the same thumb again (or Web Chat re-sending it) is one vote; changing it is a new one
    if (answer?.voted === vote.vote) return;
    if (answer) answer.voted = vote.vote;
    this.deps.events.voted(context.activity.channelId, vote.vote, answer ?? null);
  }

  // Once per conversation, whether Teams says so by install event, by membersAdded, or both, and however close
  // together they arrive (or on which instance): the store's claim decides, not the state each turn loaded.
  async welcome(context: TurnContext): Promise<void> {
    const memory = await this.memory.get(context, newMemory());
    if (memory.welcomed) return;
    memory.welcomed = true;
    if (!(await this.firstWelcome(context.activity))) return;
    // nothing said yet: greet in the language of the browser or Teams client
    memory.language = this.languageOf('', context.activity, memory);
    await context.sendActivity(this.deps.replies.welcome(memory.language));
  }

  async slowDown(context: TurnContext): Promise<void> {
    await this.loadState(context); // for the conversation's language; a fresh state when the store is down
    const memory = await this.memory.get(context, newMemory());
    await context.sendActivity(this.deps.replies.simple(memory.language, 'slowDown'));
  }

  async language(context: TurnContext): Promise<Language> {
    return (await this.memory.get(context, newMemory())).language;
  }

  /** A message, a card's data or a named route, through the dialogs; resolves to what the handler ended with. */
  private async run(context: TurnContext, input: TurnInput, typed?: string): Promise<unknown> {
    const memory = await this.memory.get(context, newMemory());
    const { text, value } = input;
    if (!text && value === undefined) {
      await context.sendActivity(this.deps.replies.help(memory.language));
      return undefined;
    }
    context.turnState.set(TYPED, typed);
    const replies = recordReplies(context);
    // with the form open, a typed message may be the investor's details for it: not a question for the insight log
    if (leadFormOpen(memory, this.deps.leads.now().getTime())) context.turnState.set(IN_LEAD_FLOW, true);
    const dc = await this.dialogs.createContext(context);
    // a new message says which language to answer in; the answers to the lead form's questions (a name, a company)
    // and a card's data keep the conversation's
    if (value === undefined && !dc.activeDialog) memory.language = this.languageOf(text, context.activity, memory);
    // a card's button or form is answered whatever the conversation was doing (the card may be old)
    if (value !== undefined) await dc.cancelAllDialogs();
    let result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) result = await dc.beginDialog(ROOT_DIALOG, input);
    if (value === undefined && !context.turnState.get(NOT_IN_TRANSCRIPT)) {
      rememberExchange(memory, text, replies.join('\n'));
    }
    return result.result;
  }

  /**
   * Loads the conversation's state; when the store cannot (down, frozen, a broken file), the turn goes on with a
   * fresh one: a question needs only the knowledge, a lead is refused by its own store call (docs/security.md 40).
   */
  private async loadState(context: TurnContext): Promise<boolean> {
    try {
      await this.deps.conversationState.load(context);
      return true;
    } catch (error) {
      if (!(error instanceof StoreError)) throw error;
      this.deps.logger.warn(
        { err: { message: error.message } },
        'conversation state unavailable: answering without it',
      );
      await this.deps.conversationState.clear(context);
      context.turnState.set(MEMORY_UNAVAILABLE, true);
      return false;
    }
  }

  private async saveState(context: TurnContext): Promise<boolean> {
    try {
      await this.deps.conversationState.saveChanges(context, false);
      return true;
    } catch (error) {
      if (!(error instanceof StoreError)) throw error;
      this.deps.logger.warn({ err: { message: error.message } }, 'conversation state not saved');
      return false;
    }
  }

  /** Once per conversation (until its state is kept again): a follow-up may lose its context. */
  private async sayIfForgetful(context: TurnContext, remembered: boolean): Promise<void> {
    const key = conversationKey(context.activity);
    if (remembered) {
      this.toldForgetful.delete(key);
      return;
    }
    // a lead form's turn already said that nothing was stored
    if (context.activity.type !== 'message' || context.turnState.get(NOT_IN_TRANSCRIPT)) return;
    if (this.toldForgetful.has(key)) return;
    if (this.toldForgetful.size >= MAX_TOLD_FORGETFUL) this.toldForgetful.clear();
    this.toldForgetful.add(key);
    const memory = await this.memory.get(context, newMemory());
    await context.sendActivity(this.deps.replies.simple(memory.language, 'memoryLost'));
  }

  private async firstWelcome(activity: Activity): Promise<boolean> {
    try {
      return await this.deps.welcomes.claim(welcomeKey(activity), Date.now());
    } catch {
      // the store is busy: the conversation's own state (welcomed above) still keeps it to one in most cases
      return true;
    }
  }

  /**
   * The language of a message's text; when the text does not tell (a name, "Robotik"), the conversation's, or at
   * its very start the channel's locale (Web Chat sends the browser's, Teams the client's).
   */
  private languageOf(text: string, activity: Activity, memory: ConversationMemory): Language {
    const locale = memory.history.length === 0 ? activity.locale : undefined;
    return messageLanguage(text, this.deps.germanWords, locale, memory.language);
  }
}

/** A channel message's thread (`;messageid=…`) belongs to its channel's conversation: one welcome for both. */
function welcomeKey(activity: Activity): string {
  const conversation = (activity.conversation?.id ?? '').replace(/;messageid=.*$/, '');
  return JSON.stringify([activity.channelId, conversation]);
}

/** The data of one of the bot's own card actions (the lead form, "send my enquiry"); other values are ignored. */
function cardAction(value: unknown): unknown {
  return isLeadSubmission(value) || isStartLead(value) ? value : undefined;
}

/** Collects the text of the messages sent in this turn (for the transcript handed to the contact). */
function recordReplies(context: TurnContext): string[] {
  const texts: string[] = [];
  context.onSendActivities(async (_ctx, activities, next) => {
    for (const a of activities) if (a.type === 'message' && a.text) texts.push(a.text);
    return next();
  });
  return texts;
}
