import type { AddressInfo } from 'node:net';
import { ConversationState, type Storage } from 'botbuilder';
import type { Logger } from 'pino';
import type restify from 'restify';
import { turnEvents } from '../dialogs/turnEvents.js';
import { TurnHandler } from '../dialogs/turnHandler.js';
import { Answerer } from './answers/answerer.js';
import { Sections } from './answers/sections.js';
import { createAdapter } from './channels/botframework/adapter.js';
import { InvestorBot } from './channels/botframework/investorBot.js';
import { turnTimer } from './channels/botframework/turnTimer.js';
import { Channels } from './channels/channels.js';
import { TrustedProxies } from './channels/http/clientAddress.js';
import { registerMetrics } from './channels/http/metricsRoute.js';
import { createServer } from './channels/http/server.js';
import { MAX_QUEUED_TURNS, MAX_RUNNING_TURNS, TurnGate } from './channels/limits/turnGate.js';
import { leadNotice } from './channels/teams/leadNoticeCard.js';
import { TeamsChannel } from './channels/teams/teamsChannel.js';
import { TeamsNotifier } from './channels/teams/teamsNotifier.js';
import { registerAzureToken } from './channels/webchat/azureTokenRoute.js';
import { registerCors } from './channels/webchat/cors.js';
import { registerDirectLine } from './channels/webchat/directLineRoutes.js';
import { registerStatic } from './channels/webchat/staticRoutes.js';
import { DirectLineTokens } from './channels/webchat/tokens.js';
import { WEB_CHAT_VOTE_EVENT, WebChatChannel } from './channels/webchat/webChatChannel.js';
import { ClusterFinder } from './clusters/clusterFinder.js';
import type { Config } from './config.js';
import { ContactDirectory } from './contacts/contactDirectory.js';
import { type KnowledgeBase, loadKnowledge } from './knowledge/loader.js';
import type { Notifier } from './leads/deliveryError.js';
import { EmailNotifier } from './leads/emailNotifier.js';
import { LeadIntake } from './leads/leadIntake.js';
import { OutboxWorker } from './leads/outboxWorker.js';
import { WebhookNotifier } from './leads/webhookNotifier.js';
import { createLogger } from './logger.js';
import { Insights } from './operations/insights.js';
import { BotMetrics } from './operations/metrics.js';
import { LeadReplies } from './replies/leadReplies.js';
import { Replies } from './replies/replies.js';
import { TemplateSet } from './replies/templates.js';
import { openIndex } from './search/indexSnapshot.js';
import type { DeliveryChannel, LeadStore } from './storage/leadStore.js';
import { openStore } from './storage/openStore.js';
import { applyRetention, RETENTION_SWEEP_MS } from './storage/retention.js';
import type { Store } from './storage/store.js';
import { loadGeneralFrequency } from './text/generalFrequency.js';
import { Glossary } from './text/glossary.js';
import { messageLanguage } from './text/language.js';
import { loadWordClasses } from './text/wordClasses.js';

/** Parts a caller may supply instead of the defaults (tests, the CLI). */
export interface AppOverrides {
  logger?: Logger;
  storage?: Storage;
}

/** The application, built once: everything wired, nothing started and nothing listening yet. */
export interface App {
  config: Config;
  logger: Logger;
  knowledge: KnowledgeBase;
  bot: InvestorBot;
  answerer: Answerer;
  server: restify.Server;
  replies: Replies;
  contacts: ContactDirectory;
  store: Store;
  leads: LeadStore;
  outbox: OutboxWorker;
  /**
   * Starts the work that runs by itself: the outbox worker (leads stored earlier are queued again) and the retention
   * policy, applied now and every few hours. Once; a second call does nothing.
   */
  start(): Promise<void>;
  /** Starts listening on the configured host and port; resolves to the bound URL. */
  listen(): Promise<string>;
  /** Stops accepting requests, lets running ones and deliveries in flight finish, and closes the store. */
  close(): Promise<void>;
}

/** The composition root: builds every part from the config and hands it down; {@link App.start} starts them. */
export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const knowledge = await loadKnowledge(config.knowledgeDir);
  const templates = await TemplateSet.load(config.templatesDir, ['en', 'de']);
  const glossary = new Glossary(knowledge.glossary.entries);
  const opened = openIndex(knowledge.passages, knowledge.documents, glossary, config.indexCacheDir);
  if (opened.problem) logger.warn(opened.problem);
  if (config.indexCacheDir) {
    logger.info({ passages: opened.index.size, source: opened.source, reason: opened.reason }, 'search index ready');
  }
  const search = opened.index;
  const sections = new Sections(knowledge.passages);
  const answerer = new Answerer(search, knowledge.documents, sections);
  loadWordClasses();
  loadGeneralFrequency();
  const contacts = new ContactDirectory(knowledge.contacts);
  const clusterTable = knowledge.tables[0];
  const clusterDocument = knowledge.documents.find((d) => d.id === clusterTable?.documentId);
  const clusters =
    clusterTable && clusterDocument
      ? new ClusterFinder(clusterTable, clusterDocument, knowledge.glossary.entries)
      : null;
  const replies = new Replies(templates);
  const leadReplies = new LeadReplies(templates);
  const passagesById = new Map(knowledge.passages.map((p) => [p.id, p]));
  const store = await openStore(config.database, logger);
  const { leads, teamsConversations } = store;
  const conversationState = new ConversationState(overrides.storage ?? store.state);
  const metrics = new BotMetrics(leads, () => store.isUp());
  const insights = new Insights(metrics, store.insights, logger);
  const adapter = createAdapter({
    auth: config.auth,
    logger,
    // the conversation's state may be what failed: the message itself says which language to apologise in
    errorReply: (activity) =>
      replies.error(
        messageLanguage(activity.text ?? '', glossary.germanWords, activity.locale, 'en'),
        contacts.defaultContact,
      ),
  });
  adapter.use(turnTimer(metrics));
  // how long one delivery may take (the webhook's setting, for every channel)
  const deliveryTimeoutMs = config.leads.webhook?.timeoutMs ?? 15_000;
  const notifiers: Partial<Record<DeliveryChannel, Notifier>> = {};
  if (config.leads.webhook)
    notifiers.webhook = new WebhookNotifier(config.leads.webhook.url, config.leads.webhook.timeoutMs);
  if (config.leads.email) notifiers.email = new EmailNotifier(config.leads.email);
  const everyContact = Object.keys(notifiers) as DeliveryChannel[];
  notifiers.teams = new TeamsNotifier({
    adapter,
    appId: config.auth.MicrosoftAppId,
    conversations: teamsConversations,
    message: (lead) => leadNotice(lead, templates.labels('en')),
    timeoutMs: deliveryTimeoutMs,
  });
  const outbox = new OutboxWorker({
    store: leads,
    notifiers,
    retry: config.leads.retry,
    logger,
    // a claimed row returns to the queue if this process dies mid-delivery; longer than any delivery takes
    leaseMs: 2 * deliveryTimeoutMs + 30_000,
    concurrency: config.leads.concurrency,
    onTry: (channel, result) => metrics.delivery(channel, result),
  });
  const intake = new LeadIntake({
    store: leads,
    channelsFor: async (contactId) =>
      (await teamsConversations.get(contactId)) ? [...everyContact, 'teams'] : everyContact,
    onStored: () => outbox.kick(),
    onResult: (result) => metrics.lead(result),
  });

  const conversation = new TurnHandler({
    answerer,
    clusters,
    contacts,
    replies,
    leadReplies,
    conversationState,
    passages: {
      byId: (id) => passagesById.get(id),
      nextInSection: (id) => sections.nextInSection(id),
      neighbours: (id) => {
        const passage = passagesById.get(id);
        return passage ? sections.neighbours(passage) : [];
      },
    },
    welcomes: store.welcomes,
    germanWords: glossary.germanWords,
    events: turnEvents(insights),
    logger,
    leads: {
      intake,
      retentionDays: config.leads.retentionDays,
      hoursOf: (contact) => contacts.hoursOf(contact),
      now: () => new Date(),
    },
  });
  const teams = new TeamsChannel({
    tenants: config.teamsTenants,
    contacts,
    conversations: teamsConversations,
    allowedServiceUrls: config.allowedServiceUrls,
    templates,
    logger,
  });
  const channels = new Channels({ teams, webChat: new WebChatChannel() });
  const bot = new InvestorBot({ conversation, channels, seenActivities: store.seen, logger });
  // one gate for every route that runs a turn, so no channel can crowd out the others or the health check
  const gate = new TurnGate(MAX_RUNNING_TURNS, MAX_QUEUED_TURNS);
  const server = createServer({
    adapter,
    bot,
    gate,
    logger,
    readiness: () => (search.size === 0 || !store.isOpen() ? 'starting' : store.isUp() ? 'ready' : 'store unavailable'),
    allowedServiceUrls: config.allowedServiceUrls,
    requestTimeoutMs: config.requestTimeoutMs,
  });
  registerMetrics(server, metrics, config.metricsToken);
  registerStatic(server, config.publicDir);
  registerCors(server, config.webchatOrigins);
  const trustedProxies = new TrustedProxies(config.trustedProxies);
  if (config.webchat?.kind === 'local') {
    const tokens = new DirectLineTokens(config.webchat.tokenSecret, 30 * 60);
    registerDirectLine({
      server,
      adapter,
      bot,
      logger,
      tokens,
      gate,
      eventNames: [WEB_CHAT_VOTE_EVENT],
      trustedProxies,
    });
  } else if (config.webchat?.kind === 'azure') {
    const { secret, endpoint } = config.webchat;
    registerAzureToken({ server, logger, secret, endpoint, trustedProxies });
  } else {
    logger.warn('web chat is off: set DIRECT_LINE_SECRET to serve /api/chat-token with an app id');
  }
  logger.info(
    {
      documents: knowledge.documents.length,
      passages: search.size,
      tables: knowledge.tables.length,
      localMode: config.localMode,
      store: store.kind,
    },
    'knowledge indexed',
  );
  const retention = {
    leadDays: config.leads.retentionDays,
    stateHours: config.stateRetentionHours,
    insightDays: config.insightRetentionDays,
  };
  const sweep = () =>
    applyRetention(store, retention, Date.now()).then(
      (purged) => logger.info(purged, 'retention applied'),
      (error: Error) => logger.error({ err: { message: error.message } }, 'retention failed'),
    );
  let started: Promise<void> | null = null;
  let sweeper: NodeJS.Timeout | undefined;

  return {
    config,
    logger,
    knowledge,
    bot,
    answerer,
    server,
    replies,
    contacts,
    store,
    leads,
    outbox,
    start: () =>
      (started ??= (async () => {
        await outbox.start();
        await sweep();
        sweeper = setInterval(sweep, RETENTION_SWEEP_MS);
        sweeper.unref();
      })()),
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          const { port } = server.address() as AddressInfo;
          const host = config.host.includes(':') ? `[${config.host}]` : config.host;
          resolve(`http://${host}:${port}`);
        });
      }),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await started?.catch(() => undefined);
      clearInterval(sweeper);
      await outbox.stop();
      await store.close();
    },
  };
}
