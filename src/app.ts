import type { AddressInfo } from 'node:net';
import { ConversationState, MemoryStorage, type Storage } from 'botbuilder';
import type { Logger } from 'pino';
import type restify from 'restify';
import { Answerer } from './answers/answerer.js';
import { createAdapter } from './bot/adapter.js';
import { InvestorBot } from './bot/investorBot.js';
import { ClusterFinder } from './clusters/clusterFinder.js';
import type { Config } from './config.js';
import { ContactDirectory } from './contacts/contactDirectory.js';
import { createServer } from './http/server.js';
import { type KnowledgeBase, loadKnowledge } from './knowledge/loader.js';
import { createLogger } from './logger.js';
import { Replies } from './replies/replies.js';
import { TemplateSet } from './replies/templates.js';
import { MiniSearchIndex } from './search/miniSearchIndex.js';
import { Glossary } from './text/glossary.js';

/** Parts a caller may supply instead of the defaults (tests, the CLI). */
export interface AppOverrides {
  logger?: Logger;
  storage?: Storage;
}

/** The application, built once: everything wired, nothing listening yet. */
export interface App {
  config: Config;
  logger: Logger;
  knowledge: KnowledgeBase;
  bot: InvestorBot;
  answerer: Answerer;
  server: restify.Server;
  replies: Replies;
  contacts: ContactDirectory;
  /** Starts listening on the configured host and port; resolves to the bound URL. */
  listen(): Promise<string>;
  /** Stops accepting requests and lets running ones finish. */
  close(): Promise<void>;
}

/** The composition root: builds every part from the config and hands it down. */
export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const knowledge = await loadKnowledge(config.knowledgeDir);
  const templates = await TemplateSet.load(config.templatesDir, ['en']);
  const glossary = new Glossary(knowledge.glossary.entries);
  const search = new MiniSearchIndex(knowledge.passages, knowledge.documents, glossary);
  const answerer = new Answerer(search, knowledge.documents);
  const contacts = new ContactDirectory(knowledge.contacts);
  const clusterTable = knowledge.tables[0];
  const clusterDocument = knowledge.documents.find((d) => d.id === clusterTable?.documentId);
  const clusters =
    clusterTable && clusterDocument
      ? new ClusterFinder(clusterTable, clusterDocument, knowledge.glossary.entries)
      : null;
  const replies = new Replies(templates);
  const passagesById = new Map(knowledge.passages.map((p) => [p.id, p]));
  const conversationState = new ConversationState(overrides.storage ?? new MemoryStorage());

  const bot = new InvestorBot({
    answerer,
    clusters,
    contacts,
    replies,
    conversationState,
    passages: { byId: (id) => passagesById.get(id) },
  });
  const adapter = createAdapter({
    auth: config.auth,
    logger,
    errorReply: () => replies.error('en', contacts.defaultContact),
  });
  const server = createServer({
    adapter,
    bot,
    logger,
    isReady: () => search.size > 0,
    allowedServiceUrls: config.allowedServiceUrls,
  });
  logger.info(
    {
      documents: knowledge.documents.length,
      passages: search.size,
      tables: knowledge.tables.length,
      localMode: config.localMode,
    },
    'knowledge indexed',
  );

  return {
    config,
    logger,
    knowledge,
    bot,
    answerer,
    server,
    replies,
    contacts,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          const { port } = server.address() as AddressInfo;
          const host = config.host.includes(':') ? `[${config.host}]` : config.host;
          resolve(`http://${host}:${port}`);
        });
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
