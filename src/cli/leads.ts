import { loadConfig } from '../config.js';
import type { LeadRecord } from '../storage/leadStore.js';
import { openStore } from '../storage/openStore.js';
import { applyRetention } from '../storage/retention.js';

const USAGE = `usage: npm run leads -- <command>
  list                  every stored lead: reference, time, contact, company, delivery state
  export <email>        all data stored for this e-mail address, as JSON
  erase <email>         delete every lead of this e-mail address, with its deliveries
  purge                 delete leads older than LEADS_RETENTION_DAYS and conversation state older than STATE_RETENTION_HOURS
  retry [reference]     put parked (dead) deliveries back into the queue, of one lead or all
`;

const [command, argument] = process.argv.slice(2);
const fail = (message: string): never => {
  process.stderr.write(message);
  process.exit(2);
};

try {
  const config = loadConfig();
  const store = await openStore(config.database);
  const { leads } = store;
  const now = Date.now();
  switch (command) {
    case 'list':
      for (const record of await leads.list()) process.stdout.write(`${summary(record)}\n`);
      break;
    case 'export':
      if (!argument) fail(USAGE);
      process.stdout.write(`${JSON.stringify(await leads.byEmail(argument!), null, 2)}\n`);
      break;
    case 'erase': {
      if (!argument) fail(USAGE);
      const erased = await leads.eraseByEmail(argument!);
      process.stdout.write(`erased ${erased} lead(s) and their deliveries\n`);
      break;
    }
    case 'purge': {
      const policy = {
        leadDays: config.leads.retentionDays,
        stateHours: config.stateRetentionHours,
        insightDays: config.insightRetentionDays,
      };
      const purged = await applyRetention(store, policy, now);
      process.stdout.write(
        `purged ${purged.leads} lead(s) older than ${policy.leadDays} days and ${purged.conversations} conversation state(s)\n`,
      );
      break;
    }
    case 'retry': {
      const queued = await leads.retryDead(argument ?? null, now);
      process.stdout.write(`requeued ${queued} delivery(ies); a running bot sends them within seconds\n`);
      break;
    }
    default:
      fail(USAGE);
  }
  await store.close();
} catch (error) {
  fail(`leads: ${(error as Error).message}\n`);
}

function summary({ lead, deliveries }: LeadRecord): string {
  const state = deliveries.map((d) => `${d.channel}:${d.status}(${d.attempts})`).join(' ') || 'stored only';
  return [lead.reference, lead.time, lead.contact.name, lead.investor.company, state].join('\t');
}
