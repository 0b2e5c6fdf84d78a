import type { IncomingHttpHeaders } from 'node:http';
import { BlockList, isIP } from 'node:net';

/** One TRUSTED_PROXIES entry: a single address or a network (CIDR), IPv4 or IPv6. */
export interface ProxyRange {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

/** `203.0.113.7`, `10.0.0.0/8`, `::1` or `fd00::/8`; null for anything else. */
export function parseProxyRange(text: string): ProxyRange | null {
  const [address = '', prefixText, ...rest] = text.trim().split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return null;
  const max = version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return null;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** The proxies whose X-Forwarded-For the bot believes; none by default, and then the header is ignored. */
export class TrustedProxies {
  private readonly list = new BlockList();
  readonly isEmpty: boolean;

  constructor(ranges: readonly ProxyRange[]) {
    for (const range of ranges) this.list.addSubnet(range.address, range.prefix, range.family);
    this.isEmpty = ranges.length === 0;
  }

  has(address: string): boolean {
    const version = isIP(address);
    return version !== 0 && this.list.check(address, version === 4 ? 'ipv4' : 'ipv6');
  }
}

/** What a request offers to tell its client by: the TCP peer and the proxies' header. */
export interface RequestLike {
  socket: { remoteAddress?: string | undefined };
  headers: IncomingHttpHeaders;
}

/**
 * The address a request comes from, for per-client limits (docs/security.md 41). The TCP peer, unless it is a
 * trusted proxy: then X-Forwarded-For is read from the right, each trusted hop skipped, and the first address not
 * trusted is the client. A client can only prepend to the header, never append, so what it writes there is never
 * reached while a trusted proxy stands between; without trusted proxies the header is not read at all.
 */
export function clientAddress(req: RequestLike, trusted: TrustedProxies): string {
  let client = normalize(req.socket.remoteAddress) ?? 'unknown';
  if (trusted.isEmpty || !trusted.has(client)) return client;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalize(hops[i]);
    // a hop that is no address was not written by a trusted proxy: stop at the last one that was
    if (hop === null) return client;
    client = hop;
    if (!trusted.has(hop)) return hop;
  }
  return client;
}

/**
 * One address as proxies write it (`203.0.113.7:51234`, `[2001:db8::1]:443`, `::ffff:10.0.0.1`) in one form, so
 * that one client is one key; null when it is no address.
 */
function normalize(text: string | undefined): string | null {
  let value = (text ?? '').trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^[\d.]+:\d{1,5}$/.test(value)) value = value.slice(0, value.indexOf(':'));
  const mapped = /^::ffff:([\d.]+)$/i.exec(value);
  if (mapped && isIP(mapped[1]!) === 4) value = mapped[1]!;
  return isIP(value) === 0 ? null : value.toLowerCase();
}
