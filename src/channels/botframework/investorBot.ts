import {
  type Activity,
  type ConversationState,
  type InvokeResponse,
  type StatePropertyAccessor,
  TeamsActivityHandler,
  type TurnContext,
} from 'botbuilder';
import { DialogSet, type DialogState, DialogTurnStatus } from 'botbuilder-dialogs';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { DialogDeps } from '../../../dialogs/dialogTypes.js';
import { isStartLead } from '../../../dialogs/handoffDialog.js';
import { IN_LEAD_FLOW, leadFormOpen, NOT_IN_TRANSCRIPT } from '../../../dialogs/leadCapture.js';
import { handleSubmission } from '../../../dialogs/leadSubmitDialog.js';
import { type ConversationMemory, MEMORY_UNAVAILABLE, newMemory, rememberExchange } from '../../../dialogs/memory.js';
import { ROOT_DIALOG, RootDialog } from '../../../dialogs/rootDialog.js';
import { isLeadSubmission } from '../../leads/leadForm.js';
import type { Replies } from '../../replies/replies.js';
import { terminalText } from '../../replies/terminalText.js';
import type { SeenActivities } from '../../storage/seenActivities.js';
import { StoreError } from '../../storage/storeError.js';
import type { TeamsConversationStore } from '../../storage/teamsConversations.js';
import type { Welcomes } from '../../storage/welcomes.js';
import { messageLanguage } from '../../text/language.js';
import type { Language } from '../../text/languages.js';
import { ConversationThrottle } from '../limits/conversationThrottle.js';
import { recogniseContact } from '../teams/contactRecognition.js';
import { ASK_VERB, teamsButtonsInGroups } from '../teams/teamsButtons.js';
import { teamsMessageSizeGuard } from '../teams/teamsMessageSize.js';
import { isTenantAllowed } from '../teams/tenantPolicy.js';
import { voteOf } from './answerVotes.js';
import { turnText } from './turnText.js';

/** What the bot needs, besides what the dialogs need. */
export interface InvestorBotDeps extends Omit<DialogDeps, 'memory'> {
  conversationState: ConversationState;
  replies: Replies;
  /** Channels the bot may send to; `null`: any. */
  allowedServiceUrls: readonly string[] | null;
  /** Teams tenants allowed to use the bot; `null`: any. */
  teamsTenants: readonly string[] | null;
  /** Personal Teams chats of contacts, for their lead notices. */
  teamsConversations: TeamsConversationStore;
  /** Activities already handled (a channel's retry is not answered twice). */
  seenActivities: SeenActivities;
  /** Conversations already welcomed, shared by every instance. */
  welcomes: Welcomes;
  /** Folded German words of the glossary ("krankenhauser"), a sign that a question is German. */
  germanWords: ReadonlySet<string>;
  logger: Logger;
}

/** Conversations remembered as told during one outage (emptied when full: some may then be told twice). */
const MAX_TOLD_FORGETFUL = 10_000;

/** The bot: Teams-aware activity handling around the root dialog, with state saved after every turn. */
export class InvestorBot extends TeamsActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly memory: StatePropertyAccessor<ConversationMemory>;
  private readonly dialogs: DialogSet;
  private readonly throttle = new ConversationThrottle();
  /** Conversations told that the bot cannot remember them just now: each is told once, not on every turn. */
  private readonly toldForgetful = new Set<string>();

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
    this.onEvent(async (context, next) => {
      await this.recordVote(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.welcome(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    if (!isTenantAllowed(context.activity, this.deps.teamsTenants)) {
      // another organisation's Teams: no answer, no state, no lead
      this.deps.logger.warn({ channelId: 'msteams', activityType: context.activity.type }, 'tenant not allowed');
      return;
    }
    if (await this.isRepeat(context.activity)) {
      this.deps.logger.info({ channelId: context.activity.channelId }, 'repeated activity ignored');
      return;
    }
    teamsButtonsInGroups(context);
    teamsMessageSizeGuard(context);
    markdownReplies(context);
    const vote = voteOf(context.activity);
    // votes are written to the store too: they count against the same per-conversation limit as messages; a
    // refused message costs no store read
    if ((context.activity.type === 'message' || vote) && !(await this.withinRateLimit(context))) return;
    const loaded = await this.loadState(context);
    await recogniseContact(context, {
      contacts: this.deps.contacts,
      conversations: this.deps.teamsConversations,
      allowedServiceUrls: this.deps.allowedServiceUrls,
      logger: this.deps.logger,
    });
    await super.run(context);
    // a state that could not be loaded is not saved: it would overwrite the real one once the store is back
    const remembered = loaded && (await this.saveState(context));
    await this.sayIfForgetful(context, remembered);
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
    const key = conversationKey(context);
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

  /**
   * A message the channel already delivered (Teams re-sends one it got no timely answer for). Invokes are exempt:
   * their answer is the HTTP response, which a retry needs again; lead submissions are deduplicated by content.
   */
  private async isRepeat(activity: Activity): Promise<boolean> {
    if (activity.type !== 'message' || !activity.id) return false;
    const key = JSON.stringify([activity.channelId, activity.conversation?.id, activity.id]);
    try {
      return !(await this.deps.seenActivities.firstSeen(key, Date.now()));
    } catch {
      // the store is busy: answering twice is better than not answering
      return false;
    }
  }

  private async withinRateLimit(context: TurnContext): Promise<boolean> {
    const verdict = this.throttle.check(conversationKey(context));
    if (verdict.action === 'answer') return true;
    if (verdict.refusalsToLog > 0) {
      this.deps.logger.warn(
        { channelId: context.activity.channelId, refused: verdict.refusalsToLog },
        'conversation throttled',
      );
    }
    if (verdict.action === 'notify') {
      await this.loadState(context); // for the conversation's language; a fresh state when the store is down
      const memory = await this.memory.get(context, newMemory());
      await context.sendActivity(this.deps.replies.simple(memory.language, 'slowDown'));
    }
    return false;
  }

  /** A message, or a choice button's question (`text`), through the dialogs. */
  private async handleMessage(context: TurnContext, typed?: string): Promise<void> {
    const memory = await this.memory.get(context, newMemory());
    const text = typed ?? turnText(context.activity);
    const value = typed === undefined ? cardAction(context.activity.value) : undefined;
    if (!text && value === undefined) {
      await context.sendActivity(this.deps.replies.help(memory.language));
      return;
    }
    const replies = recordReplies(context);
    // with the form open, a typed message may be the investor's details for it: not a question for the insight log
    if (leadFormOpen(memory, this.deps.leads.now().getTime())) context.turnState.set(IN_LEAD_FLOW, true);
    const dc = await this.dialogs.createContext(context);
    // a new message says which language to answer in; the answers to the lead form's questions (a name, a company)
    // and a card's data keep the conversation's
    if (value === undefined && !dc.activeDialog) memory.language = this.languageOf(text, context.activity, memory);
    // a card's button or form is answered whatever the conversation was doing (the card may be old)
    if (value !== undefined) await dc.cancelAllDialogs();
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(ROOT_DIALOG, { text, value });
    if (value === undefined && !context.turnState.get(NOT_IN_TRANSCRIPT)) {
      rememberExchange(memory, text, replies.join('\n'));
    }
  }

  /**
   * Teams Action.Execute: `submitLead` is the lead form, `ask` a choice button ("Did you mean …", "Talk to a
   * person"); the card in the response replaces the one pressed.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === 'message/submitAction') {
      return (await this.recordVote(context))
        ? { status: 200, body: {} }
        : invokeError(400, 'BadRequest', 'This feedback is not understood.');
    }
    if (context.activity.name !== 'adaptiveCard/action') return super.onInvokeActivity(context);
    const invoke = ExecuteInvokeSchema.safeParse(context.activity.value);
    if (invoke.success && invoke.data.action.verb === ASK_VERB) return this.onChoice(context, invoke.data.action.data);
    if (!invoke.success || invoke.data.action.verb !== 'submitLead') {
      return invokeError(400, 'NotSupported', 'This card action is not supported.');
    }
    const memory = await this.memory.get(context, newMemory());
    const dc = await this.dialogs.createContext(context);
    await dc.cancelAllDialogs();
    const outcome = await handleSubmission(
      context,
      { ...this.deps, memory: this.memory },
      memory,
      invoke.data.action.data ?? {},
      'invoke',
    );
    const card = outcome.stored
      ? this.deps.replies.leadSentCard(memory.language, outcome.stored.reference, outcome.stored.confirmation)
      : outcome.form?.attachments?.[0];
    if (!card) {
      // no card to put in place of the pressed one (a group chat's "personal chat only"): a message answers
      const value = outcome.form?.text ?? '';
      return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value } };
    }
    if (!outcome.stored && outcome.form?.text) await context.sendActivity({ type: 'message', text: outcome.form.text });
    return {
      status: 200,
      body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card.content },
    };
  }

  private async onChoice(context: TurnContext, data: unknown): Promise<InvokeResponse> {
    const choice = ChoiceSchema.safeParse(data);
    const question = choice.success ? turnText({ text: choice.data.question }) : '';
    if (!question) return invokeError(400, 'BadRequest', 'This button has no question.');
    await this.handleMessage(context, question);
    const memory = await this.memory.get(context, newMemory());
    const card = this.deps.replies.choiceMadeCard(memory.language, question);
    return {
      status: 200,
      body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card.content },
    };
  }

  /** A thumbs up/down (Web Chat event, Teams feedback invoke), logged once per answer and vote; false if none. */
  private async recordVote(context: TurnContext): Promise<boolean> {
    const vote = voteOf(context.activity);
    if (!vote) return false;
    const memory = await this.memory.get(context, newMemory());
    const answer = vote.key ? (memory.recentAnswers ?? []).find((a) => a.key === vote.key) : undefined;
    // pressing the same thumb again (or Web Chat re-sending it) is one vote; changing it is a new one
    if (answer?.voted === vote.vote) return true;
    if (answer) answer.voted = vote.vote;
    this.deps.events.voted(context.activity.channelId, vote.vote, answer ?? null);
    return true;
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

  // Once per conversation, whether Teams says so by install event, by membersAdded, or both, and however close
  // together they arrive (or on which instance): the store's claim decides, not the state each turn loaded.
  private async welcome(context: TurnContext): Promise<void> {
    const memory = await this.memory.get(context, newMemory());
    if (memory.welcomed) return;
    memory.welcomed = true;
    if (!(await this.firstWelcome(context.activity))) return;
    // nothing said yet: greet in the language of the browser or Teams client
    memory.language = this.languageOf('', context.activity, memory);
    await context.sendActivity(this.deps.replies.welcome(memory.language));
  }
}

/** A channel message's thread (`;messageid=…`) belongs to its channel's conversation: one welcome for both. */
function welcomeKey(activity: Activity): string {
  const conversation = (activity.conversation?.id ?? '').replace(/;messageid=.*$/, '');
  return JSON.stringify([activity.channelId, conversation]);
}

/** Action.Execute as Teams sends it; `data` holds the inputs (checked by the lead schema). */
const ExecuteInvokeSchema = z.object({
  action: z.object({ type: z.literal('Action.Execute'), verb: z.string().max(100), data: z.unknown().optional() }),
});

/** A choice button's data. */
const ChoiceSchema = z.object({ question: z.string().min(1).max(500) });

function invokeError(status: number, code: string, message: string): InvokeResponse {
  return { status, body: { statusCode: status, type: 'application/vnd.microsoft.error', value: { code, message } } };
}

/** The data of one of the bot's own card actions (the lead form, "send my enquiry"); other values are ignored. */
function cardAction(value: unknown): unknown {
  return isLeadSubmission(value) || isStartLead(value) ? value : undefined;
}

/** One conversation, across channels: the key of the per-conversation throttle and notices. */
function conversationKey(context: TurnContext): string {
  return JSON.stringify([context.activity.channelId, context.activity.conversation?.id]);
}

/**
 * Every text the bot writes is Markdown (its templates, values escaped): say so. Teams renders a message's text as
 * Markdown only when told, once it carries a card or buttons, and showed `**` and `_` literally.
 */
function markdownReplies(context: TurnContext): void {
  const teams = context.activity.channelId === 'msteams';
  context.onSendActivities(async (_ctx, activities, next) => {
    for (const a of activities) {
      if (a.type !== 'message' || !a.text || a.textFormat) continue;
      // a Teams message with suggested actions is shown as plain text by Teams clients (the Agents Playground
      // drops its textFormat): written plain, it reads right everywhere, with no stray ** or _
      if (teams && (a.suggestedActions?.actions.length ?? 0) > 0) {
        a.text = terminalText(a.text, false);
        a.textFormat = 'plain';
      } else a.textFormat = 'markdown';
    }
    return next();
  });
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
