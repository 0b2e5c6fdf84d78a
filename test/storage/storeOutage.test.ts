import Database from 'better-sqlite3';
import { expect } from 'chai';
import pg from 'pg';
import type { App } from '../../src/app.js';
import { CaptureServer } from '../fakes/captureServer.js';
import { LEAD_FORM } from '../fixtures/leads.js';
import { buildApp } from '../helpers/buildApp.js';
import { type OwnPostgres, ownPostgres } from '../helpers/embeddedPostgres.js';
import { postActivity } from '../helpers/postActivity.js';
import { tempDatabase } from '../helpers/tempDatabase.js';
import { waitUntil } from '../helpers/waitUntil.js';

type Activity = Record<string, unknown> & {
  text?: string;
  attachments?: { content: { body: Record<string, unknown>[] } }[];
};

const QUESTION = 'How many hospitals does Germany have altogether?';
const REFERENCE = /INV-[0-9A-Z]{5}/;
/** The one line that tells the investor follow-ups may lose their context. */
const NOTICE = /follow-up/i;
/** A turn must answer within the store's 5 s timeout, plus the answer itself. */
const TURN_MS = 6_500;

/** Web chat turns against a running bot, and what an investor must see of a store outage. */
function investor(
  url: () => string,
  capture: () => CaptureServer & { url: string },
  leadsFrom: (email: string) => Promise<number>,
) {
  let sequence = 0;

  /** One turn; the texts and cards the bot sent in it, and how long it took. */
  async function send(conversation: string, fields: object) {
    const before = capture().activities.length;
    const started = Date.now();
    const response = await postActivity(url(), {
      type: 'message',
      id: `act-${++sequence}`,
      channelId: 'webchat',
      serviceUrl: capture().url,
      from: { id: `investor-${conversation}`, name: 'Investor' },
      recipient: { id: 'bot', name: 'InvestorBot' },
      conversation: { id: conversation },
      locale: 'en-US',
      ...fields,
    });
    const ms = Date.now() - started;
    expect(response.status, 'turn accepted').to.be.within(200, 299);
    const replies = capture()
      .activities.slice(before)
      .map((a) => a.activity as Activity);
    return { ms, replies, text: replies.map((r) => r.text ?? '').join('\n') };
  }

  return {
    /** A question gets its real answer with the source, in time; `notice`: with the one line about follow-ups. */
    async answered(conversation: string, notice: boolean) {
      const reply = await send(conversation, { text: QUESTION });
      expect(reply.ms, 'answered within the store timeout').to.be.below(TURN_MS);
      expect(reply.text)
        .to.match(/Source:/)
        .and.to.include('1,894');
      if (notice) expect(reply.text).to.match(NOTICE);
      else expect(reply.text).not.to.match(NOTICE);
      expect(reply.text).not.to.match(/something went wrong/i);
    },

    /** A lead is refused with "try again in a minute", nothing confirmed, the form back with what was typed. */
    async leadRefused(conversation: string, email: string) {
      const { ms, replies, text } = await send(conversation, { value: { ...LEAD_FORM, email } });
      expect(ms).to.be.below(TURN_MS);
      expect(text).to.include('try again in a minute').and.not.to.match(REFERENCE);
      expect(text).not.to.match(/something went wrong|follow-up/i);
      const form = replies.find((r) => r.attachments?.length)?.attachments?.[0]?.content.body ?? [];
      expect(
        form.find((i) => i.id === 'email'),
        'the form, filled in',
      ).to.deep.include({ value: email });
      expect(form.find((i) => i.id === 'message')).to.deep.include({ value: LEAD_FORM.message });
    },

    /** On a text channel the form's questions cannot be carried from turn to turn: refused at the start. */
    async textLeadRefused(conversation: string) {
      const { text } = await send(conversation, { text: 'Please pass on my enquiry', channelId: 'sms' });
      expect(text)
        .to.include('try again in a minute')
        .and.not.to.match(/your name/i);
    },

    /** The same form, sent again once the store is back, is confirmed and is the only lead from that address. */
    async leadConfirmed(conversation: string, email: string) {
      expect(await leadsFrom(email), 'nothing stored of the refused lead').to.equal(0);
      const { text } = await send(conversation, { value: { ...LEAD_FORM, email } });
      expect(text).to.match(REFERENCE);
      expect(await leadsFrom(email)).to.equal(1);
    },
  };
}

/** The capture server, with the URL the bot is to send its replies to. */
async function startCapture(): Promise<CaptureServer & { url: string }> {
  const capture = new CaptureServer();
  return Object.assign(capture, { url: await capture.start() });
}

describe('A PostgreSQL outage: questions answered, leads refused with the form back, /readyz 503, recovered without a restart (docs/security.md 40)', function () {
  this.timeout(60_000);
  let server: OwnPostgres;
  let databaseUrl: string;
  let app: App;
  let url: string;
  let capture: CaptureServer & { url: string };
  let frozen = false;
  let stopped = false;

  const readyz = async () => (await fetch(`${url}/readyz`)).status;
  const metrics = async () => (await fetch(`${url}/metrics`)).text();
  const you = investor(
    () => url,
    () => capture,
    async (email) => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        const { rows } = await client.query('SELECT count(*)::int AS n FROM leads WHERE email = $1', [email]);
        return rows[0].n;
      } finally {
        await client.end();
      }
    },
  );

  before(async function () {
    this.timeout(40_000);
    server = await ownPostgres();
    databaseUrl = await server.database();
    capture = await startCapture();
    app = await buildApp({ DATABASE_URL: databaseUrl });
    url = await app.listen();
  });
  // each test starts with the server up and the bot knowing it, whatever the one before left
  beforeEach(async () => {
    if (frozen) server.thaw();
    if (stopped) await server.start();
    frozen = stopped = false;
    await waitUntil(async () => (await readyz()) === 200, 10_000);
  });
  after(async function () {
    this.timeout(20_000);
    if (frozen) server.thaw();
    await app?.close();
    await capture?.stop();
    await server?.remove();
  });

  it('while the server is stopped: answers, refuses the lead with the form back, /readyz 503, store_up 0 and no made-up queue figure; then recovers', async () => {
    await you.answered('stop-warm', false);
    await server.stop();
    stopped = true;

    await you.answered('stop-1', true);
    // told once per conversation
    await you.answered('stop-1', false);
    expect(await readyz()).to.equal(503);
    const down = await metrics();
    expect(down).to.match(/^investor_bot_store_up 0$/m);
    expect(down).not.to.match(/^investor_bot_outbox_pending /m);
    expect(down).not.to.match(/^investor_bot_outbox_dead /m);
    await you.leadRefused('stop-lead', 'ana.stopped@lima-medical.example');
    await you.textLeadRefused('stop-sms');

    await server.start();
    stopped = false;
    await waitUntil(async () => (await readyz()) === 200, 10_000);
    const up = await metrics();
    expect(up).to.match(/^investor_bot_store_up 1$/m);
    expect(up).to.match(/^investor_bot_outbox_pending 0$/m);
    await you.answered('stop-1', false);
    await you.leadConfirmed('stop-lead', 'ana.stopped@lima-medical.example');
  });

  it('while the server is frozen (SIGSTOP): answers within the timeout instead of hanging, refuses the lead, /readyz 503; then recovers', async () => {
    await you.answered('freeze-warm', false);
    server.freeze();
    frozen = true;

    await you.answered('freeze-1', true);
    expect(await readyz()).to.equal(503);
    await you.leadRefused('freeze-lead', 'ana.frozen@lima-medical.example');
    await you.answered('freeze-1', false);

    server.thaw();
    frozen = false;
    await waitUntil(async () => (await readyz()) === 200, 10_000);
    await you.answered('freeze-1', false);
    await you.leadConfirmed('freeze-lead', 'ana.frozen@lima-medical.example');
  });
});

describe('A SQLite file that cannot be written: questions answered, leads refused with the form back (docs/security.md 40)', () => {
  let temp: ReturnType<typeof tempDatabase>;
  let app: App;
  let url: string;
  let capture: CaptureServer & { url: string };
  const you = investor(
    () => url,
    () => capture,
    async (email) => {
      const db = new Database(temp.file, { readonly: true });
      try {
        return (db.prepare('SELECT COUNT(*) AS n FROM leads WHERE email = ?').get(email) as { n: number }).n;
      } finally {
        db.close();
      }
    },
  );

  beforeEach(async () => {
    temp = tempDatabase();
    capture = await startCapture();
    app = await buildApp({ DATABASE_URL: temp.url }, { configure: (config) => (config.database.busyTimeoutMs = 100) });
    url = await app.listen();
  });
  afterEach(async () => {
    await app.close();
    await capture.stop();
    temp.remove();
  });

  it('answers while another process holds the write lock, tells once that follow-ups may lose context, and refuses the lead', async () => {
    const other = new Database(temp.file);
    other.exec('BEGIN IMMEDIATE');
    try {
      await you.answered('locked-1', true);
      await you.answered('locked-1', false);
      await you.leadRefused('locked-lead', 'ana.locked@lima-medical.example');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    await you.answered('locked-1', false);
    await you.leadConfirmed('locked-lead', 'ana.locked@lima-medical.example');
  });
});
