import { gzipSync } from 'node:zlib';

/**
 * Deterministic mutations of Bot Framework activities for the HTTP fuzz test (test/security/fuzz.test.ts). Every
 * case is built from its own PRNG, seeded from the run's seed and the case's index, so one case reproduces alone.
 */

/** mulberry32: a small, fast, seeded PRNG in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed of one case: the run's seed mixed with the case's index (and a stream, so routes differ). */
export function caseSeed(runSeed: number, stream: number, index: number): number {
  let h = (runSeed ^ Math.imul(stream + 1, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

export class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** Weighted choice: `[weight, value]` pairs. */
  weighted<T>(items: readonly (readonly [number, T])[]): T {
    const total = items.reduce((sum, [w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [w, value] of items) {
      r -= w;
      if (r < 0) return value;
    }
    return items[items.length - 1]![1];
  }
}

type Obj = Record<string, unknown>;

export const ACTIVITY_TYPES = [
  'message',
  'invoke',
  'event',
  'conversationUpdate',
  'installationUpdate',
  'messageReaction',
  'typing',
  'endOfConversation',
  '',
];

export const INVOKE_NAMES = [
  'adaptiveCard/action',
  'composeExtension/query',
  'composeExtension/fetchTask',
  'task/fetch',
  'task/submit',
  'signin/verifyState',
  'signin/tokenExchange',
  'fileConsent/invoke',
  'actionableMessage/executeAction',
  'healthCheck',
];

export const MARKUP = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{#each this}}{{this}}{{/each}}',
  '{{> secret}}',
  '{{constructor.constructor "return process"}}',
  '[x](javascript:alert(1))',
  '"}]}],"actions":[{"type":"Action.OpenUrl","url":"https://evil.invalid"}]}',
  '```\n</pre><iframe src=javascript:alert(1)>',
  '<at>InvestorBot</at> <at>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: template syntax is the point of this input
  '${process.exit(1)}',
  "'; DROP TABLE leads; --",
  '%s%s%s%n',
];

export const UNICODE = [
  '\u202Eevil.exe\u202C',
  'zero\u200Bwidth\u200C\u200D\uFEFF',
  'lone \ud800 surrogate',
  'low \udfff first',
  'nul\u0000byte',
  'emoji 🏥🇩🇪👩‍⚕️',
  'e\u0301 combining',
  '\u0000\u0001\u0002\u001f\u007f',
  'ＦＵＬＬＷＩＤＴＨ',
  'RTL \u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627',
  '\u2028line\u2029separators',
];

export const TIMESTAMPS: unknown[] = [
  'not a date',
  '2019-13-45T99:99:99Z',
  '',
  '0000-00-00T00:00:00Z',
  '+275760-09-13T00:00:00.001Z',
  '-271821-04-20T00:00:00.000Z',
  '1e309',
  'NaN',
  '2019-10-19T18:07:07.470+99:00',
  12345,
  -1,
  null,
  true,
  [],
  {},
];

const NEW_KEYS = [
  'text',
  'value',
  'name',
  'id',
  'type',
  'serviceUrl',
  'channelId',
  'locale',
  'replyToId',
  'action',
  'verb',
  'data',
  'question',
  'contactId',
  'consent',
  'email',
  'membersAdded',
  'entities',
  'attachments',
  'channelData',
  'tenant',
  'aadObjectId',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'toJSON',
  'then',
  'length',
  '0',
];

/** A string of `length` characters, mostly ASCII with some multi-byte characters. */
function longString(rng: Rng, length: number): string {
  const alphabet = rng.pick(['abcdefghij ', 'Krankenhaus ', 'ü€漢 ', '<>&"\' ']);
  let s = '';
  const unit = alphabet.repeat(64);
  while (s.length < length) s += unit.slice(rng.int(0, alphabet.length - 1));
  return s.slice(0, length);
}

/** A random JSON value; `avoid` is the `typeof` of the value it replaces (another type is preferred). */
export function randomValue(rng: Rng, avoid?: string): { value: unknown; note: string } {
  for (let attempt = 0; attempt < 5; attempt++) {
    const candidate = rng.weighted<() => { value: unknown; note: string }>([
      [3, () => ({ value: null, note: 'null' })],
      [2, () => ({ value: rng.int(-1000, 1000), note: 'int' })],
      [
        2,
        () => {
          const value = rng.pick([1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 64, -0, 5e-324]);
          return { value, note: `number(${value})` };
        },
      ],
      [2, () => ({ value: rng.pick(['NaN', 'Infinity', '-Infinity', '-0', '1e309']), note: 'NaN-like' })],
      [2, () => ({ value: rng.chance(0.5), note: 'bool' })],
      [2, () => ({ value: rng.pick([[], [1, 'a', null], [{}], [[[]]]]), note: 'array' })],
      [2, () => ({ value: { a: { b: { c: [1, { d: null }] } } }, note: 'object' })],
      [1, () => ({ value: {}, note: '{}' })],
      [
        2,
        () => {
          const length = rng.int(5_000, 30_000);
          return { value: longString(rng, length), note: `long(${length})` };
        },
      ],
      [3, () => ({ value: rng.pick(UNICODE), note: 'unicode' })],
      [2, () => ({ value: rng.pick(MARKUP), note: 'markup' })],
      [1, () => ({ value: '', note: "''" })],
      [1, () => ({ value: `r${Math.floor(rng.next() * 1e9).toString(36)}`, note: 'str' })],
    ])();
    const type = candidate.value === null ? 'null' : Array.isArray(candidate.value) ? 'array' : typeof candidate.value;
    if (type !== avoid) return candidate;
  }
  return { value: null, note: 'null' };
}

/** Every `[container, key]` in the tree (bounded), for picking a random key to delete or set. */
function slots(root: Obj): { parent: Obj | unknown[]; key: string | number; path: string }[] {
  const found: { parent: Obj | unknown[]; key: string | number; path: string }[] = [];
  const walk = (node: unknown, path: string, depth: number) => {
    if (depth > 8 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.slice(0, 20).forEach((child, i) => {
        found.push({ parent: node, key: i, path: `${path}[${i}]` });
        walk(child, `${path}[${i}]`, depth + 1);
      });
      return;
    }
    for (const key of Object.keys(node)) {
      const child = (node as Obj)[key];
      found.push({ parent: node as Obj, key, path: path ? `${path}.${key}` : key });
      walk(child, path ? `${path}.${key}` : key, depth + 1);
    }
  };
  walk(root, '', 0);
  return found;
}

/** Plain objects in the tree (bounded), for adding keys. */
function containers(root: Obj): { node: Obj; path: string }[] {
  const found: { node: Obj; path: string }[] = [{ node: root, path: '' }];
  for (const slot of slots(root)) {
    const child = (slot.parent as Obj)[slot.key as string];
    if (child !== null && typeof child === 'object' && !Array.isArray(child)) {
      found.push({ node: child as Obj, path: slot.path });
    }
  }
  return found;
}

/** Nested JSON text `depth` levels deep. */
export function deepJson(depth: number, kind: 'object' | 'array'): string {
  return kind === 'array'
    ? `${'['.repeat(depth)}1${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

export interface MutationEnv {
  /** Loopback serviceUrls other than the capture server (closed ports, the bot itself): allowed by the policy. */
  loopbackServiceUrls: readonly string[];
  /** serviceUrls the allow-list must refuse (403, no outbound request). */
  forbiddenServiceUrls: readonly string[];
  /** Fresh conversation ids (so a mutated turn goes past the per-conversation throttle and deduplication). */
  freshConversationId: string;
}

export interface Mutated {
  body: string;
  notes: string[];
}

/** 1–3 structural mutations of a copy of `seed`, serialised; key names that JSON.stringify cannot emit are spliced in. */
export function mutateActivity(rng: Rng, seed: Obj, env: MutationEnv): Mutated {
  const activity = structuredClone(seed);
  const notes: string[] = [];
  /** [marker, JSON text] replaced in the serialised body (own `__proto__` keys, duplicate keys, deep nesting). */
  const splices: [string, string][] = [];
  const marker = () => `__fuzz_marker_${splices.length}__`;

  if (rng.chance(0.5) && activity.conversation && typeof activity.conversation === 'object') {
    (activity.conversation as Obj).id = env.freshConversationId;
    notes.push('conv=fresh');
  }
  type Mutation = () => void;
  const deleteKey: Mutation = () => {
    const all = slots(activity);
    if (all.length === 0) return;
    const slot = rng.pick(all);
    if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
    else delete slot.parent[slot.key as string];
    notes.push(`del ${slot.path}`);
  };
  const setKey: Mutation = () => {
    const all = slots(activity);
    if (all.length > 0 && rng.chance(0.7)) {
      const slot = rng.pick(all);
      const current = (slot.parent as Obj)[slot.key as string];
      const currentType = current === null ? 'null' : Array.isArray(current) ? 'array' : typeof current;
      const { value, note } = randomValue(rng, currentType);
      (slot.parent as Obj)[slot.key as string] = value;
      notes.push(`set ${slot.path}=${note}`);
    } else {
      const target = rng.pick(containers(activity));
      const key = rng.chance(0.9) ? rng.pick(NEW_KEYS) : `k${rng.int(0, 999)}`;
      const { value, note } = randomValue(rng);
      target.node[key] = value;
      notes.push(`add ${target.path ? `${target.path}.` : ''}${key}=${note}`);
    }
  };
  const protoKey: Mutation = () => {
    const target = rng.pick(containers(activity));
    const where = target.path || '<root>';
    const variant = rng.pick(['__proto__', 'constructor', 'prototype', 'dup-type', 'dup-serviceUrl'] as const);
    const key = marker();
    target.node[key] = null;
    if (variant === '__proto__') {
      splices.push([`"${key}":null`, '"__proto__":{"polluted":true,"toString":"x","type":"message"}']);
    } else if (variant === 'constructor') {
      splices.push([`"${key}":null`, '"constructor":{"prototype":{"polluted":true}}']);
    } else if (variant === 'prototype') {
      splices.push([`"${key}":null`, '"prototype":{"polluted":true}']);
    } else if (variant === 'dup-type') {
      splices.push([`"${key}":null`, `"type":${JSON.stringify(rng.pick(ACTIVITY_TYPES))}`]);
    } else {
      splices.push([`"${key}":null`, `"serviceUrl":${JSON.stringify(rng.pick(env.forbiddenServiceUrls))}`]);
    }
    notes.push(`${variant}@${where}`);
  };
  const duplicateId: Mutation = () => {
    // the seed's own id: already delivered by the unmutated seed or another case (a Teams retry)
    activity.id = seed.id ?? 'fuzz-duplicate-id';
    notes.push('dup id');
  };
  const swapType: Mutation = () => {
    const type = rng.chance(0.85) ? rng.pick(ACTIVITY_TYPES) : `t${rng.int(0, 99999)}`;
    activity.type = type;
    notes.push(`type=${JSON.stringify(type)}`);
  };
  const invokeName: Mutation = () => {
    if (rng.chance(0.5)) activity.type = 'invoke';
    const name = rng.chance(0.85) ? rng.pick(INVOKE_NAMES) : `n/${rng.int(0, 99999)}`;
    activity.name = name;
    notes.push(`${activity.type === 'invoke' ? 'invoke ' : ''}name=${name}`);
  };
  const markup: Mutation = () => {
    const text = rng.pick(MARKUP);
    const value = activity.value as Obj | undefined;
    if (value && typeof value === 'object' && !Array.isArray(value) && rng.chance(0.5)) {
      const field = rng.pick(['name', 'company', 'message', 'email', 'question']);
      value[field] = text;
      notes.push(`markup value.${field}`);
    } else {
      activity.text = `${rng.chance(0.5) ? 'How many hospitals are there in Germany? ' : ''}${text}`;
      notes.push('markup text');
    }
  };
  const unicode: Mutation = () => {
    const text = Array.from({ length: rng.int(1, 4) }, () => rng.pick(UNICODE)).join(' ');
    const value = activity.value as Obj | undefined;
    if (value && typeof value === 'object' && !Array.isArray(value) && rng.chance(0.5)) {
      const field = rng.pick(['name', 'company', 'message', 'email']);
      value[field] = text;
      notes.push(`unicode value.${field}`);
    } else {
      activity.text = text;
      notes.push('unicode text');
    }
  };
  const deep: Mutation = () => {
    const depth = rng.weighted([
      [6, 2_000],
      [2, 5_000],
      [1, 10_000],
    ]);
    const kind = rng.pick(['object', 'array'] as const);
    const key = rng.pick(['value', 'channelData', 'entities', 'attachments', 'from', 'text', 'membersAdded', 'x']);
    const m = marker();
    activity[key] = m;
    splices.push([`"${m}"`, deepJson(depth, kind)]);
    notes.push(`deep ${kind}(${depth})@${key}`);
  };
  const timestamp: Mutation = () => {
    const field = rng.pick(['timestamp', 'localTimestamp', 'expiration']);
    const value = rng.pick(TIMESTAMPS);
    activity[field] = value;
    notes.push(`${field}=${JSON.stringify(value)}`);
  };
  const serviceUrl: Mutation = () => {
    if (rng.chance(0.5)) {
      activity.serviceUrl = rng.pick(env.loopbackServiceUrls);
      notes.push(`serviceUrl=loopback(${activity.serviceUrl})`);
    } else {
      activity.serviceUrl = rng.pick(env.forbiddenServiceUrls);
      notes.push(`serviceUrl=forbidden(${activity.serviceUrl})`);
    }
  };
  const expectReplies: Mutation = () => {
    activity.deliveryMode = 'expectReplies';
    notes.push('expectReplies');
  };

  const count = rng.int(1, 3);
  const chosen = Array.from({ length: count }, () =>
    rng.weighted<Mutation>([
      [6, deleteKey],
      [8, setKey],
      [3, protoKey],
      [2, duplicateId],
      [3, swapType],
      [3, invokeName],
      [3, markup],
      [3, unicode],
      [1, deep],
      [2, timestamp],
      [3, serviceUrl],
      [2, expectReplies],
    ]),
  );
  // splicing mutations go last, so no later mutation deletes their marker
  const splicing = new Set<Mutation>([protoKey, deep]);
  for (const mutation of [...chosen.filter((m) => !splicing.has(m)), ...chosen.filter((m) => splicing.has(m))]) {
    mutation();
  }
  let body = JSON.stringify(activity);
  for (const [find, replace] of splices) body = body.replace(find, replace);
  return { body, notes };
}

export interface RawRequest {
  body: string | Uint8Array | ReadableStream<Uint8Array>;
  headers: Record<string, string>;
  note: string;
  /** Statuses the request must get (undefined: anything below 500). */
  expect?: readonly number[];
}

const JSON_TYPE = { 'content-type': 'application/json' };

/** A raw body: truncated or non-JSON, empty, wrong content type or encoding, chunked, oversized. */
export function rawRequest(rng: Rng, seed: Obj): RawRequest {
  const json = JSON.stringify(seed);
  const kind = rng.pick([
    'truncated',
    'non-json',
    'scalar',
    'empty',
    'content-type',
    'encoding',
    'identity',
    'charset',
    'chunked',
    'chunked-oversize',
    'oversize',
  ] as const);
  switch (kind) {
    case 'truncated': {
      const at = rng.int(1, json.length - 1);
      return { body: json.slice(0, at), headers: JSON_TYPE, note: `raw truncated at ${at}`, expect: [400] };
    }
    case 'non-json': {
      const body = rng.pick([
        'hello',
        '<activity type="message"/>',
        "{'type':'message'}",
        '{type: message}',
        'undefined',
        'NaN',
        '\ufeff{"type":"message"}',
        `${json}garbage`,
        '{"a":1}{"b":2}',
        '\u0000',
        `${json.slice(0, -1)},}`,
      ]);
      return { body, headers: JSON_TYPE, note: `raw non-json ${JSON.stringify(body.slice(0, 30))}`, expect: [400] };
    }
    case 'scalar': {
      const body = rng.pick(['[]', 'null', '"s"', '42', 'true', '{}', `[${json}]`]);
      return { body, headers: JSON_TYPE, note: `raw scalar ${body.slice(0, 20)}`, expect: [400] };
    }
    case 'empty':
      return rng.chance(0.5)
        ? { body: '', headers: JSON_TYPE, note: 'raw empty (json)', expect: [400] }
        : { body: '', headers: {}, note: 'raw empty (no content-type)', expect: [400, 415] };
    case 'content-type': {
      const type = rng.pick([
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        'text/html',
        'application/octet-stream',
      ]);
      return { body: json, headers: { 'content-type': type }, note: `raw content-type ${type}`, expect: [415] };
    }
    case 'encoding': {
      const encoding = rng.pick(['gzip', 'deflate', 'br', 'GZIP', 'gzip, identity', 'x-unknown']);
      const body = encoding.toLowerCase().startsWith('gzip') ? new Uint8Array(gzipSync(json)) : json;
      return {
        body,
        headers: { ...JSON_TYPE, 'content-encoding': encoding },
        note: `raw content-encoding ${encoding}`,
        expect: [415],
      };
    }
    case 'identity':
      return { body: json, headers: { ...JSON_TYPE, 'content-encoding': 'identity' }, note: 'raw identity encoding' };
    case 'charset': {
      const type = rng.pick([
        'application/json; charset=utf-8',
        'application/json; charset=utf-16le',
        'application/JSON',
        'application/json;;;',
      ]);
      return { body: json, headers: { 'content-type': type }, note: `raw ${type}` };
    }
    case 'chunked':
      return { body: streamOf(json), headers: JSON_TYPE, note: 'raw chunked' };
    case 'chunked-oversize':
      return {
        body: streamOf(JSON.stringify({ ...seed, text: 'x'.repeat(70_000 + rng.int(0, 100_000)) })),
        headers: JSON_TYPE,
        note: 'raw chunked over 64 KB',
        expect: [413],
      };
    case 'oversize': {
      const size = 65_537 + rng.int(0, 200_000);
      const body = JSON.stringify({ ...seed, text: longString(rng, size) });
      return { body, headers: JSON_TYPE, note: `raw oversize ${body.length}`, expect: [413] };
    }
  }
}

/** A body sent with `transfer-encoding: chunked` (no content-length), in a few pieces. */
function streamOf(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  const size = 16 * 1024;
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}
