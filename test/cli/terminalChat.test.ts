import { spawnSync } from 'node:child_process';
import { expect } from 'chai';
import { TemplateSet } from '../../src/replies/templates.js';
import { terminalText } from '../../src/replies/terminalText.js';
import { openStore } from '../../src/storage/openStore.js';
import { buildApp } from '../helpers/buildApp.js';
import { capturingLogger } from '../helpers/logCapture.js';
import { tempDatabase } from '../helpers/tempDatabase.js';

/** Runs an npm script as a user does, with `input` piped in; the store is a temp SQLite file. */
function npmRun(script: string, args: string[], input: string, databaseUrl: string) {
  return spawnSync('npm', ['run', '-s', script, ...(args.length ? ['--', ...args] : [])], {
    input,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_OPTIONS: '' },
    timeout: 60_000,
  });
}

const LEAD_CONVERSATION = [
  'How many hospitals are there in Germany?',
  'please pass on my enquiry',
  'Ana Lima',
  'Lima Medical Ltd',
  'ana@lima-medical.example',
  'skip',
  'skip',
  'We look for a production site for catheters near Dresden.',
  'yes',
  '',
].join('\n');

describe('npm run chat and npm run ask (the terminal)', function () {
  this.timeout(90_000);
  let temp: ReturnType<typeof tempDatabase>;
  beforeEach(() => {
    temp = tempDatabase();
  });
  afterEach(() => temp.remove());

  it('keeps a lead it confirms in the configured store, where `npm run leads -- list` finds it', async () => {
    const chat = npmRun('chat', [], LEAD_CONVERSATION, temp.url);
    expect(chat.status, chat.stderr).to.equal(0);
    const reference = /Your reference: (INV-[0-9A-Z]{5})/.exec(chat.stdout)?.[1];
    expect(reference, chat.stdout).to.be.a('string');
    const store = await openStore(temp.config);
    try {
      const leads = await store.leads.byEmail('ana@lima-medical.example');
      expect(leads.map((l) => l.lead.reference)).to.deep.equal([reference]);
    } finally {
      await store.close();
    }
    const list = npmRun('leads', ['list'], '', temp.url);
    expect(list.stdout).to.include(reference!);
  });

  it('prints no warning or log line, prompts with "you>" from the first question, and shows no Markdown marks', () => {
    const chat = npmRun('chat', [], 'How many hospitals are there in Germany?\n', temp.url);
    expect(chat.status).to.equal(0);
    expect(chat.stderr).to.equal('');
    const [, afterWelcome] = chat.stdout.split('[Talk to a person]\n\n');
    expect(afterWelcome?.startsWith('you> With 1,894 hospitals'), chat.stdout).to.equal(true);
    expect(chat.stdout).to.include('Source: Medical Technology Clusters in Germany');
    expect(chat.stdout).to.not.match(/\*\*|_Source|\\/);
  });

  it('answers one question for `npm run ask` the same way: plain text, nothing on stderr', () => {
    const ask = npmRun('ask', ['Who can I talk to about a production site in Saxony?'], '', temp.url);
    expect(ask.status).to.equal(0);
    expect(ask.stderr).to.equal('');
    expect(ask.stdout).to.include('Barbara Weigert');
    expect(ask.stdout).to.not.match(/\*\*|\b_|_\b/);
  });
});

describe('terminalText (Markdown for a terminal)', () => {
  it('makes **bold** bold on a terminal and plain elsewhere, drops italics marks, and writes links out', () => {
    const markdown = 'Talk to **Barbara Weigert**.\n\n_Source: A, section "B"_\n\n[GTAI](https://www.gtai.de/)';
    expect(terminalText(markdown, true)).to.equal(
      'Talk to \u001b[1mBarbara Weigert\u001b[22m.\n\nSource: A, section "B"\n\nGTAI (https://www.gtai.de/)',
    );
    expect(terminalText(markdown, false)).to.equal(
      'Talk to Barbara Weigert.\n\nSource: A, section "B"\n\nGTAI (https://www.gtai.de/)',
    );
  });

  it('shows what the templates escaped literally: no emphasis from typed stars, snake_case kept', () => {
    expect(terminalText('Thank you, \\*\\*Ana\\*\\* \\_x\\_ a\\@b\\.c &lt;b&gt; snake_case.', true)).to.equal(
      'Thank you, **Ana** _x_ a@b.c <b> snake_case.',
    );
  });
});

describe('Wording', () => {
  it('warns in plain words at start-up when leads are only stored, naming the settings that send them', async () => {
    const { logger, lines } = capturingLogger('warn');
    const app = await buildApp({}, { logger });
    await app.close();
    const messages = lines.map((l) => String(l.msg));
    expect(messages).to.include(
      'leads are stored but not sent anywhere: set LEADS_WEBHOOK_URL or SMTP_URL to deliver them (until then only contacts who installed the Teams app get theirs, in Teams)',
    );
  });

  it('says when the team will read an enquiry as a person would, and names no empty team in the consent', async () => {
    const templates = await TemplateSet.load('templates', ['en', 'de']);
    const hours = { hours: 'Monday to Friday, 09:00–17:00 (Berlin time)', openNow: false, day: '', date: '' };
    const confirmed = templates.render('en', 'leadConfirmed', {
      ...hours,
      name: 'Ana',
      reference: 'INV-7K3Q2',
      contact: { name: 'Gabriel Flemming', role: 'Senior Manager' },
      today: true,
      time: '09:00',
      replyWithin: 2,
      oneDay: false,
    });
    expect(confirmed).to.include('and will read your enquiry today, when work starts at 09:00.');
    const gtai = { name: 'Gabriel Flemming', role: 'Chemicals & Healthcare Team, GTAI', team: null };
    for (const language of ['en', 'de'] as const) {
      const consent = templates.render(language, 'consent', { contact: gtai, withdraw: gtai, retentionDays: 180 });
      expect(consent).to.include('Gabriel Flemming (Chemicals & Healthcare Team, GTAI)');
      expect(consent).to.not.include('()');
    }
  });
});
