import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { loadKnowledge } from '../knowledge/loader.js';
import { buildReport, formatReport } from '../operations/report.js';
import { openStore } from '../storage/openStore.js';

const USAGE = `usage: npm run report [-- --days <n>] [--limit <n>] [--json]
  The questions the bot could not answer, most frequent first, and the answers voted down most, from the
  anonymous log (DATABASE_URL). --days: how far back (default 30); --limit: entries per list (default 20).
`;

const fail = (message: string): never => {
  process.stderr.write(message);
  process.exit(2);
};

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        days: { type: 'string', default: '30' },
        limit: { type: 'string', default: '20' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    return fail(`report: ${(error as Error).message}\n${USAGE}`);
  }
})();
if (values.help) fail(USAGE);
const days = Number(values.days);
const limit = Number(values.limit);
if (!Number.isInteger(days) || days < 1 || days > 3650) fail(`report: --days must be a whole number from 1 to 3650\n`);
if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
  fail(`report: --limit must be a whole number from 1 to 1000\n`);

try {
  const config = loadConfig();
  const store = await openStore(config.database);
  const knowledge = await loadKnowledge(config.knowledgeDir);
  const passages = new Map(knowledge.passages.map((p) => [p.id, p]));
  const titles = new Map(knowledge.documents.map((d) => [d.id, d.title]));
  const since = Date.now() - days * 86_400_000;
  const report = buildReport(await store.insights.unansweredSince(since), await store.insights.feedbackSince(since), {
    since,
    limit,
    describePassage: (id) => {
      const passage = passages.get(id);
      return passage ? [titles.get(passage.documentId) ?? passage.documentId, ...passage.headings].join(' › ') : null;
    },
  });
  await store.close();
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
} catch (error) {
  fail(`report: ${(error as Error).message}\n`);
}
