import diagnosticsChannel from 'node:diagnostics_channel';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { App } from '../../src/app.js';
import { DirectLineTokens } from '../../src/channels/webchat/tokens.js';
import { CaptureServer } from '../fakes/captureServer.js';
import { buildApp } from '../helpers/buildApp.js';
import { capturingLogger } from '../helpers/logCapture.js';
import { caseSeed, deepJson, type MutationEnv, mutateActivity, type RawRequest, Rng, rawRequest } from './mutate.js';

/**
 * docs/security.md, HTTP section: mutated real activities (the 36 Teams recordings, Web Chat and Direct Line shapes)
 * against /api/messages and the local Direct Line routes. No 5xx (an invoke may get 501), no crash, no unhandled
 * rejection, no prototype pollution, no request to a serviceUrl outside the allow-list, and the bot still answers.
 *
 * Reproduce a run with FUZZ_SEED=<seed>; every failure names its case index, and case `i` of a route is built from
 * `caseSeed(seed, route, i)` alone (see mutate.ts), so it can be rebuilt without replaying the others.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed_2019);
const MESSAGE_CASES = Number(process.env.FUZZ_CASES ?? 10_000);
const DIRECT_LINE_CASES = Math.max(1_000, Math.round(MESSAGE_CASES / 8));
const CONCURRENCY = 8;
const TOKEN_SECRET = 'fuzz-test-secret-for-direct-line-tokens-0123456789';
const MAX_BODY = 64 * 1024;
const RECORDINGS = fileURLToPath(new URL('../fixtures/teams-recordings/', import.meta.url));

type Obj = Record<string, unknown>;

const LEAD = {
  action: 'submitLead',
  contactId: 'barbara-weigert',
  name: 'Ada Fuzz',
  company: 'Fuzz Devices GmbH',
  email: 'ada.fuzz@example.com',
  message: 'We plan a production site for medical devices near Dresden.',
  consent: 'true',
};

function teamsRecordings(serviceUrl: string): Obj[] {
  return readdirSync(RECORDINGS)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const parsed = JSON.parse(readFileSync(join(RECORDINGS, file), 'utf8').replaceAll('__SERVICE_URL__', serviceUrl));
      return parsed.body ?? parsed;
    });
}

/** Web Chat / Direct Line shaped activities as a channel posts them to /api/messages, and Teams Action.Execute. */
function channelSeeds(serviceUrl: string): Obj[] {
  const webchat = (channelId: string, id: string, fields: Obj): Obj => ({
    type: 'message',
    id,
    channelId,
    serviceUrl,
    timestamp: '2024-05-02T10:00:00.000Z',
    locale: 'en-US',
    from: { id: `user-${id}`, name: 'Investor', role: 'user' },
    recipient: { id: 'bot', name: 'InvestorBot', role: 'bot' },
    conversation: { id: `conv-${id}` },
    ...fields,
  });
  const teamsInvoke = (id: string, action: Obj): Obj => ({
    type: 'invoke',
    name: 'adaptiveCard/action',
    id,
    channelId: 'msteams',
    serviceUrl,
    timestamp: '2024-05-02T10:00:00.000Z',
    locale: 'en-US',
    from: { id: '29:fuzz-user', name: 'Investor', aadObjectId: '00000000-0000-0000-0000-00000000f022' },
    recipient: { id: '28:bot', name: 'InvestorBot' },
    conversation: {
      id: `a:conv-${id}`,
      conversationType: 'personal',
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    },
    channelData: { tenant: { id: '72f988bf-86f1-41af-91ab-2d7cd011db47' } },
    value: { action: { type: 'Action.Execute', ...action } },
  });
  return [
    webchat('webchat', 'wc-question', { text: 'How many hospitals are there in Germany?' }),
    webchat('directline', 'dl-question', { text: 'Who can help me set up a plant in Saxony?' }),
    webchat('webchat', 'wc-lead', { value: { ...LEAD } }),
    webchat('directline', 'dl-lead', { value: { ...LEAD, contactId: 'gabriel-flemming' } }),
    webchat('webchat', 'wc-start-lead', { value: { action: 'startLead', contactId: 'andrea-schluetter' } }),
    webchat('webchat', 'wc-members', {
      type: 'conversationUpdate',
      membersAdded: [{ id: 'bot', name: 'InvestorBot' }, { id: 'user-wc-members' }],
    }),
    webchat('directline', 'dl-event', { type: 'event', name: 'webchat/join', value: { language: 'en-US' } }),
    teamsInvoke('teams-submit', { verb: 'submitLead', data: { ...LEAD } }),
    teamsInvoke('teams-ask', { verb: 'ask', data: { question: 'How many hospitals are there in Germany?' } }),
  ];
}

/** What Web Chat posts to the local Direct Line's activities route. */
const DIRECT_LINE_SEEDS: Obj[] = [
  { type: 'message', text: 'How many hospitals are there in Germany?', locale: 'en-US', textFormat: 'plain' },
  {
    type: 'message',
    text: 'Who is the contact for life sciences in Saxony?',
    from: { id: 'ignored', name: 'Ada' },
    channelData: { clientActivityID: 'client-1' },
  },
  { type: 'message', value: { ...LEAD }, channelData: { clientActivityID: 'client-2' } },
  { type: 'message', value: { action: 'startLead', contactId: 'barbara-weigert' } },
  { type: 'event', name: 'webchat/join', value: { language: 'en-US' } },
  { type: 'typing', from: { id: 'ignored' } },
];

interface Outcome {
  status: number | 'ERR';
  text: string;
  error?: string;
}

interface Failure {
  index: number;
  route: string;
  notes: string;
  status: number | 'ERR';
  why: string;
}

/** Requests that may hang are cut: a hang is a failure too. */
async function send(url: string, init: RequestInit): Promise<Outcome> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(20_000) });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { status: 'ERR', text: '', error: `${(error as Error).message} ${cause?.code ?? cause?.message ?? ''}` };
  }
}

/** Runs `total` jobs with `concurrency` workers. */
async function pool(total: number, concurrency: number, job: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await job(next++);
    }),
  );
}

const LEAKS = /at \w[\w.]* \(|node_modules|\/work\/|\bstack\b|SyntaxError|TypeError/;

function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return true;
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || h.startsWith('127.') || h === '::ffff:127.0.0.1';
}

describe(`Fuzzing the public HTTP endpoints (mulberry32 seed ${SEED})`, function () {
  this.timeout(180_000);
  let app: App;
  let url: string;
  let port: number;
  const capture = new CaptureServer();
  let serviceUrl: string;
  let closedPort: number;
  const problems: string[] = [];
  // errors the bot logged: turns that failed inside the bot are answered (onTurnError) and only reported here
  const log = capturingLogger('error');
  const outbound: string[] = [];
  let sockets = 0;
  const onRejection = (reason: unknown) =>
    problems.push(`unhandledRejection: ${String((reason as Error)?.stack ?? reason)}`);
  const onException = (error: Error) => problems.push(`uncaughtException: ${error.stack ?? error.message}`);
  const onSocket = (message: unknown) => {
    const socket = (message as { socket: Socket }).socket;
    sockets++;
    socket.on('lookup', (_error: Error | null, _address: string, _family: unknown, host: string) => {
      if (!isLoopbackHost(host)) outbound.push(`lookup ${host}`);
    });
    socket.on('connectionAttempt', (ip: string, targetPort: number) => {
      if (!isLoopbackHost(ip)) outbound.push(`connect ${ip}:${targetPort}`);
    });
  };
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
  const arrayPrototypeKeys = Object.getOwnPropertyNames(Array.prototype).sort();

  before(async () => {
    process.on('unhandledRejection', onRejection);
    process.on('uncaughtException', onException);
    diagnosticsChannel.subscribe('net.client.socket', onSocket);
    serviceUrl = await capture.start();
    app = await buildApp({ WEBCHAT_TOKEN_SECRET: TOKEN_SECRET }, { logger: log.logger });
    url = await app.listen();
    port = Number(new URL(url).port);
    // a loopback port nobody listens on: the bot's reply is refused there (the turn fails, the request must not)
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  });
  after(async () => {
    await app?.close();
    await capture.stop();
    diagnosticsChannel.unsubscribe('net.client.socket', onSocket);
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  });

  it(`survives ${MESSAGE_CASES} mutated activities on /api/messages and ${DIRECT_LINE_CASES} on the Direct Line`, async () => {
    const started = Date.now();
    const forbidden = [
      'https://attacker.example.invalid/',
      'http://evil.invalid/',
      'http://127.0.0.1.evil.invalid/',
      'http://localhost.evil.invalid:80/',
      `http://127.0.0.1@evil.invalid:${port}/`,
      'http://169.254.169.254/latest/meta-data/',
      `https://127.0.0.1:${port}/`,
      `http://0.0.0.0:${port}/`,
      `http://[::ffff:7f00:1]:${port}/`,
      'ftp://127.0.0.1/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'not a url',
      '',
      `http://127.0.0.1:${port}\u0000.evil.invalid/`,
      'HTTP://EVIL.INVALID',
    ];
    const forbiddenSet = new Set(forbidden);
    const env = (fresh: string): MutationEnv => ({
      // the bot itself (its Bot Connector stand-in answers 404 for an unknown conversation) and the capture server
      // spelled otherwise; a closed port is tried separately below (the connector retries it for ~10 s)
      loopbackServiceUrls: [
        url,
        `http://localhost:${port}/`,
        `http://localhost:${new URL(serviceUrl).port}`,
        `${serviceUrl}/some/path/`,
        `http://127.1:${new URL(serviceUrl).port}`,
      ],
      forbiddenServiceUrls: forbidden,
      freshConversationId: fresh,
    });
    const seeds = [...teamsRecordings(serviceUrl), ...channelSeeds(serviceUrl)];
    expect(seeds).to.have.length(36 + 9);

    const failures: Failure[] = [];
    const histogram = new Map<string, number>();
    const count = (route: string, status: number | 'ERR') => {
      const key = `${route}:${status}`;
      histogram.set(key, (histogram.get(key) ?? 0) + 1);
    };
    const check = (route: string, index: number, notes: string, outcome: Outcome, allowed: (s: number) => boolean) => {
      count(route, outcome.status);
      const { status } = outcome;
      if (status === 'ERR') {
        failures.push({ index, route, notes, status, why: `no response: ${outcome.error}` });
      } else if (!allowed(status)) {
        failures.push({
          index,
          route,
          notes,
          status,
          why: `unexpected status ${status}: ${outcome.text.slice(0, 200)}`,
        });
      } else if (status >= 400 && LEAKS.test(outcome.text)) {
        failures.push({
          index,
          route,
          notes,
          status,
          why: `error body leaks internals: ${outcome.text.slice(0, 200)}`,
        });
      }
    };
    const post = (path: string, body: RawRequest['body'], headers: Record<string, string>) =>
      send(`${url}${path}`, {
        method: 'POST',
        headers,
        body,
        ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
      } as RequestInit);

    // 0. Each seed as it is (so a duplicated id is a real redelivery), and each refused serviceUrl: exactly 403.
    for (const [index, seed] of seeds.entries()) {
      const outcome = await post('/api/messages', JSON.stringify(seed), { 'content-type': 'application/json' });
      check('seed', index, String(seed.id), outcome, (s) => s < 500 || (seed.type === 'invoke' && s === 501));
    }
    const refusedBefore = capture.activities.length;
    for (const [index, target] of forbidden.entries()) {
      const activity = { ...seeds[36]!, id: `forbidden-${index}`, serviceUrl: target };
      const outcome = await post('/api/messages', JSON.stringify(activity), { 'content-type': 'application/json' });
      check('forbidden', index, `serviceUrl=${target}`, outcome, (s) => s === 403);
    }
    expect(capture.activities.length, 'replies sent for a refused serviceUrl').to.equal(refusedBefore);
    // deep nesting (2,000 levels and deeper, under 64 KB) where the bot reads: below 500 all the same
    let deepIndex = 0;
    for (const depth of [2_000, 5_000, 10_000]) {
      for (const seed of [seeds[36]!, seeds[15]!, seeds[44]!]) {
        for (const field of ['value', 'channelData', 'entities', 'from', 'conversation']) {
          const kind = field === 'entities' ? 'array' : 'object';
          const marker = '"__fuzz_deep__"';
          const activity = { ...seed, id: `deep-${deepIndex}`, conversation: { id: `deep-${deepIndex}` }, [field]: 0 };
          const body = JSON.stringify({ ...activity, [field]: '__fuzz_deep__' }).replace(marker, deepJson(depth, kind));
          const outcome = await post('/api/messages', body, { 'content-type': 'application/json' });
          const note = `${seed.type} ${field} = ${kind} nested ${depth} levels (${body.length} B)`;
          check('deep', deepIndex++, note, outcome, (st) => st < 500 || (seed.type === 'invoke' && st === 501));
        }
      }
    }

    // 1. /api/messages. Replies to a loopback port nobody listens on are refused and retried by the connector for
    // seconds: those few cases run beside the pool instead of holding a worker.
    const refusedPort = Promise.all(
      [`http://127.0.0.1:${closedPort}`, `http://localhost:${closedPort}/`, `http://[::1]:${closedPort}`].flatMap(
        (target, i) =>
          [seeds[36]!, seeds[44]!, seeds[15]!].map(async (seed, j) => {
            const activity = { ...seed, id: `closed-${i}-${j}`, serviceUrl: target };
            const outcome = await post('/api/messages', JSON.stringify(activity), {
              'content-type': 'application/json',
            });
            check('closed-port', i * 3 + j, `${seed.type} serviceUrl=${target}`, outcome, (s) => {
              return s < 500 || (seed.type === 'invoke' && s === 501);
            });
          }),
      ),
    );
    let forbiddenCases = 0;
    await pool(MESSAGE_CASES, CONCURRENCY, async (index) => {
      const rng = new Rng(caseSeed(SEED, 0, index));
      const seed = rng.pick(seeds);
      const seedName = `${seed.type}:${String(seed.id).slice(0, 24)}`;
      if (rng.chance(0.06)) {
        const raw = rawRequest(rng, seed);
        const outcome = await post('/api/messages', raw.body, raw.headers);
        const expected = raw.expect;
        check('messages', index, `${seedName} ${raw.note}`, outcome, (s) =>
          expected ? expected.includes(s) : s < 500 || (seed.type === 'invoke' && s === 501),
        );
        return;
      }
      const { body, notes } = mutateActivity(rng, seed, env(`fuzz-${SEED}-${index}`));
      const final = parseLoosely(body);
      const type = final?.type;
      const bytes = Buffer.byteLength(body);
      // the allow-list holds in every delivery mode, expectReplies too
      const refused = typeof final?.serviceUrl === 'string' && forbiddenSet.has(final.serviceUrl);
      if (refused) forbiddenCases++;
      const outcome = await post('/api/messages', body, { 'content-type': 'application/json' });
      const description = `${seedName} [${notes.join('; ')}] ${bytes} B`;
      check('messages', index, description, outcome, (s) => {
        if (bytes > MAX_BODY) return s === 413;
        if (refused) return s === 400 || s === 403;
        return s < 500 || (type === 'invoke' && s === 501);
      });
      if (index % 1000 === 999) {
        const health = await send(`${url}/healthz`, {});
        check('healthz', index, 'during the run', health, (s) => s === 200);
      }
    });

    await refusedPort;

    // 2. The local Direct Line: a few tokens, reused.
    const chatToken = async () => {
      const response = await fetch(`${url}/api/chat-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(response.status, 'chat token').to.equal(200);
      const token = (await response.json()) as { conversationId: string; token: string };
      const start = await send(`${url}/v3/directline/conversations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token.token}` },
      });
      expect(start.status, 'conversation start').to.equal(201);
      return token;
    };
    // Fixed edge cases first, each in a conversation of its own (the token route allows a burst of 20 per IP: 9 here,
    // 6 for the fuzz): deep nesting where the Direct Line keeps the activity and serves it back on every poll.
    let edgeIndex = 0;
    for (const depth of [2_000, 5_000, 10_000]) {
      for (const [field, kind] of [
        ['value', 'object'],
        ['value', 'array'],
        ['channelData', 'object'],
      ] as const) {
        const edge = await chatToken();
        const edgeActivities = `/v3/directline/conversations/${edge.conversationId}/activities`;
        const nested = kind === 'array' ? deepJson(depth, kind) : `{"x":${deepJson(depth, kind)}}`;
        const body = `{"type":"message","text":"hi","${field}":${nested}}`;
        const note = `edge: ${field} = ${kind} nested ${depth} levels (${body.length} B), then GET the transcript`;
        const posted = await post(edgeActivities, body, {
          authorization: `Bearer ${edge.token}`,
          'content-type': 'application/json',
        });
        check('directline-edge', edgeIndex, note, posted, (st) => st < 500);
        const read = await send(`${url}${edgeActivities}`, { headers: { authorization: `Bearer ${edge.token}` } });
        check('directline-edge', edgeIndex++, note, read, (st) => st === 200);
      }
    }
    const tokens: { conversationId: string; token: string }[] = [];
    for (let i = 0; i < 6; i++) tokens.push(await chatToken());
    // a refresh revokes the token it was asked with: refreshes go to a conversation of their own, and a successful one
    // hands on its new token (the 16th token of the burst of 20)
    let refreshing = await chatToken();
    const forge = (secret: string, lifetime: number, conversationId: string) =>
      new DirectLineTokens(secret, lifetime).issue(conversationId, 'dl_forged', 0).token;
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    await pool(DIRECT_LINE_CASES, CONCURRENCY, async (index) => {
      const rng = new Rng(caseSeed(SEED, 1, index));
      const mine = rng.pick(tokens);
      const other = tokens[(tokens.indexOf(mine) + 1) % tokens.length]!;
      const activities = `/v3/directline/conversations/${mine.conversationId}/activities`;
      const bearer = { authorization: `Bearer ${mine.token}` };
      const kind = rng.weighted([
        [80, 'activity'],
        [12, 'auth'],
        [3, 'raw'],
        [3, 'watermark'],
        [2, 'start'],
      ] as const);
      if (kind === 'activity') {
        const seed = rng.pick(DIRECT_LINE_SEEDS);
        const { body, notes } = mutateActivity(rng, seed, env(`unused-${index}`));
        const bytes = Buffer.byteLength(body);
        const outcome = await post(activities, body, { ...bearer, 'content-type': 'application/json' });
        const where = `conv#${tokens.indexOf(mine)}`;
        check('directline', index, `${where} ${seed.type} [${notes.join('; ')}] ${bytes} B`, outcome, (s) =>
          bytes > MAX_BODY ? s === 413 : s < 500,
        );
      } else if (kind === 'auth') {
        const [parts0, parts1] = mine.token.split('.');
        const attack = rng.pick([
          ['no authorization', {}, activities],
          ['garbage token', { authorization: 'Bearer garbage' }, activities],
          ['empty bearer', { authorization: 'Bearer ' }, activities],
          ['basic scheme', { authorization: `Basic ${mine.token}` }, activities],
          ['another conversation', { authorization: `Bearer ${other.token}` }, activities],
          ['expired token', { authorization: `Bearer ${forge(TOKEN_SECRET, -60, mine.conversationId)}` }, activities],
          [
            'wrong secret',
            { authorization: `Bearer ${forge('another-secret', 1800, mine.conversationId)}` },
            activities,
          ],
          [
            'alg none',
            { authorization: `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${parts1}.` },
            `/v3/directline/conversations/${mine.conversationId}/activities`,
          ],
          [
            'tampered claims',
            {
              authorization: `Bearer ${parts0}.${b64({ conv: other.conversationId, user: 'dl_x', iat: 0, exp: 9e9 })}.${mine.token.split('.')[2]}`,
            },
            `/v3/directline/conversations/${other.conversationId}/activities`,
          ],
          ['token over 2 KB', { authorization: `Bearer ${mine.token}${'a'.repeat(3000)}` }, activities],
          [
            'unknown conversation (valid signature)',
            { authorization: `Bearer ${forge(TOKEN_SECRET, 1800, 'dlunknownconversation')}` },
            '/v3/directline/conversations/dlunknownconversation/activities',
          ],
          ['wrong conversation id', bearer, `/v3/directline/conversations/${other.conversationId}/activities`],
          ['random conversation id', bearer, `/v3/directline/conversations/dl${rng.int(0, 1e9)}/activities`],
          ['traversal conversation id', bearer, '/v3/directline/conversations/..%2F..%2Fapi%2Fmessages/activities'],
          [
            'encoded conversation id',
            bearer,
            `/v3/directline/conversations/${encodeURIComponent('\u202e\ud83c\udfe5')}/activities`,
          ],
          ['long conversation id', bearer, `/v3/directline/conversations/${'x'.repeat(4000)}/activities`],
          ['empty conversation id', bearer, '/v3/directline/conversations//activities'],
        ] as const);
        const [note, headers, path] = attack;
        const body = JSON.stringify(rng.pick(DIRECT_LINE_SEEDS));
        const outcome = await post(path, body, { ...headers, 'content-type': 'application/json' });
        check('directline-auth', index, note, outcome, (s) => s >= 400 && s < 500);
      } else if (kind === 'raw') {
        const raw = rawRequest(rng, rng.pick(DIRECT_LINE_SEEDS));
        const outcome = await post(activities, raw.body, { ...raw.headers, ...bearer });
        const expected = raw.expect;
        check('directline', index, raw.note, outcome, (s) => (expected ? expected.includes(s) : s < 500));
      } else if (kind === 'watermark') {
        const watermark = rng.pick(['-1', 'NaN', '1e309', '99999999999999999999', '', 'abc', '0x10', '%00', '5']);
        const outcome = await send(`${url}${activities}?watermark=${watermark}`, { headers: bearer });
        check('directline', index, `conv#${tokens.indexOf(mine)} watermark=${watermark}`, outcome, (s) => s === 200);
      } else {
        const { body, notes } = mutateActivity(rng, { locale: 'en-US', user: { id: 'x' } }, env(`unused-${index}`));
        const refresh = rng.chance(0.5);
        const path = refresh ? '/v3/directline/tokens/refresh' : '/v3/directline/conversations';
        const authorization = `Bearer ${refresh ? refreshing.token : mine.token}`;
        const outcome = await post(path, body, { authorization, 'content-type': 'application/json' });
        if (refresh && outcome.status === 200) refreshing = JSON.parse(outcome.text);
        check('directline', index, `${path} [${notes.join('; ')}]`, outcome, (s) => s < 500);
      }
    });
    // the Direct Line runs its turns after answering: wait until the transcripts stop growing
    const polled = new Set<number>();
    await settle(url, tokens, (i, outcome) => {
      // one check per conversation and status, not one per poll
      const key = i * 1000 + (outcome.status === 'ERR' ? 999 : outcome.status);
      if (polled.has(key)) return;
      polled.add(key);
      check('transcript', i, `GET the transcript of conversation ${i}`, outcome, (st) => st === 200);
    });

    // 3. Still healthy, still answering, nothing leaked outside.
    const healthz = await send(`${url}/healthz`, {});
    const readyz = await send(`${url}/readyz`, {});
    const conversationId = `fuzz-final-${SEED}`;
    const final = await post(
      '/api/messages',
      JSON.stringify({
        ...seeds[36],
        id: `${conversationId}-1`,
        conversation: { id: conversationId },
        text: 'How many hospitals are there in Germany?',
      }),
      { 'content-type': 'application/json' },
    );
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const statuses = Object.fromEntries([...histogram.entries()].sort(([a], [b]) => a.localeCompare(b)));
    process.stdout.write(
      `      fuzz seed ${SEED}: ${MESSAGE_CASES} /api/messages + ${DIRECT_LINE_CASES} Direct Line cases ` +
        `(+${seeds.length + forbidden.length} seeds) in ${seconds} s; ${forbiddenCases} with a refused serviceUrl; ` +
        `statuses ${JSON.stringify(statuses)}\n`,
    );
    process.stdout.write(`      ${turnFailures(log.lines)}\n`);

    // everything is checked, and everything that is wrong is listed at once
    const broken = failures
      .slice(0, 20)
      .map((f) => `#${f.index} ${f.route} → ${f.status}: ${f.why.slice(0, 160)} | ${f.notes.slice(0, 300)}`);
    if (failures.length > 20) broken.push(`… and ${failures.length - 20} more failing cases`);
    broken.push(...problems.map((p) => p.slice(0, 500)));
    broken.push(...outbound.map((o) => `outbound request outside the loopback: ${o}`));
    if (sockets === 0) broken.push('the outbound monitor saw no client socket at all');
    if (({} as Obj).polluted !== undefined) broken.push('Object.prototype polluted (({}).polluted is set)');
    if (Object.getOwnPropertyNames(Object.prototype).sort().join() !== prototypeKeys.join())
      broken.push('Object.prototype has new or missing keys');
    if (Object.getOwnPropertyNames(Array.prototype).sort().join() !== arrayPrototypeKeys.join())
      broken.push('Array.prototype has new or missing keys');
    if (healthz.status !== 200) broken.push(`/healthz answered ${healthz.status} after the run`);
    if (readyz.status !== 200) broken.push(`/readyz answered ${readyz.status} after the run`);
    const answer = capture.textsOf(conversationId).join('\n');
    if (final.status === 'ERR' || final.status >= 300 || !answer.includes('1,894')) {
      broken.push(
        `a normal question after the run: HTTP ${final.status}, reply ${JSON.stringify(answer.slice(0, 120))}`,
      );
    }
    if (histogram.get('forbidden:403') !== forbidden.length) broken.push('a refused serviceUrl was not answered 403');
    expect(
      broken,
      `${failures.length} failing cases, ${problems.length} crashes or unhandled rejections`,
    ).to.deep.equal([]);
  });
});

/** One line: how many turns failed inside the bot (answered anyway, logged by onTurnError), by kind. */
function turnFailures(lines: Obj[]): string {
  const kinds = new Map<string, number>();
  let total = 0;
  for (const line of lines) {
    if (line.msg !== 'turn failed' && line.msg !== 'direct line: turn failed') continue;
    total++;
    const message = String((line.err as { message?: unknown } | undefined)?.message ?? '?')
      .replace(/"[^"]*"|\[[^\]]*\]|-?\d[\d.e+]*/g, '…')
      .replace(/ occurred in serializing the payload.*/, '')
      .slice(0, 80);
    kinds.set(message, (kinds.get(message) ?? 0) + 1);
  }
  const top = [...kinds.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
  return `turns failed inside the bot (answered, logged by onTurnError): ${total}${total ? `; ${top.map(([k, n]) => `${n}× ${k}`).join('; ')}` : ''}`;
}

function parseLoosely(body: string): Obj | null {
  try {
    const value = JSON.parse(body);
    return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * Waits until the Direct Line transcripts stop growing (the bot's turns run after the 200); every poll is a GET of
 * each transcript, which must answer 200.
 */
async function settle(
  url: string,
  tokens: { conversationId: string; token: string }[],
  onPoll: (conversation: number, outcome: Outcome) => void,
): Promise<void> {
  let last = '';
  let stable = 0;
  const end = Date.now() + 30_000;
  while (stable < 3 && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const marks = await Promise.all(
      tokens.map(async ({ conversationId, token }, i) => {
        const outcome = await send(`${url}/v3/directline/conversations/${conversationId}/activities`, {
          headers: { authorization: `Bearer ${token}` },
        });
        onPoll(i, outcome);
        return outcome.status === 200 ? (JSON.parse(outcome.text) as { watermark: string }).watermark : outcome.status;
      }),
    );
    const now = marks.join(',');
    stable = now === last ? stable + 1 : 0;
    last = now;
  }
}
