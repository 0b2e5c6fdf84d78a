import { expect } from 'chai';
import {
  clientAddress,
  type ProxyRange,
  parseProxyRange,
  TrustedProxies,
} from '../../src/channels/http/clientAddress.js';

const trust = (...entries: string[]) => new TrustedProxies(entries.map((e) => parseProxyRange(e) as ProxyRange));
const request = (peer: string | undefined, forwardedFor?: string | string[]) => ({
  socket: { remoteAddress: peer },
  headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
});

// docs/security.md 41
describe('The client address of a request (TRUSTED_PROXIES)', () => {
  it('is the TCP peer, and X-Forwarded-For is ignored, when no proxy is trusted', () => {
    expect(clientAddress(request('198.51.100.7', '203.0.113.1'), trust())).to.equal('198.51.100.7');
  });

  it('is the TCP peer when the peer is not a trusted proxy, whatever the header says', () => {
    expect(clientAddress(request('198.51.100.7', '203.0.113.1'), trust('10.0.0.0/8'))).to.equal('198.51.100.7');
  });

  it("is the proxy's last entry when the peer is a trusted proxy", () => {
    expect(clientAddress(request('10.1.2.3', '203.0.113.1'), trust('10.0.0.0/8'))).to.equal('203.0.113.1');
  });

  it('skips trusted hops from the right, and never reaches what the client itself wrote', () => {
    const proxies = trust('10.0.0.0/8', '192.0.2.10');
    // the client wrote "1.1.1.1"; 203.0.113.1 connected to the first proxy (192.0.2.10), which forwarded to 10.1.2.3
    const req = request('10.1.2.3', '1.1.1.1, 203.0.113.1, 192.0.2.10');
    expect(clientAddress(req, proxies)).to.equal('203.0.113.1');
    // several headers count as one list, in order
    expect(clientAddress(request('10.1.2.3', ['1.1.1.1', '203.0.113.1, 192.0.2.10']), proxies)).to.equal('203.0.113.1');
  });

  it('reads addresses with ports, brackets and IPv4-mapped forms, as proxies write them', () => {
    const proxies = trust('10.0.0.0/8', 'fd00::/8');
    expect(clientAddress(request('::ffff:10.0.0.4', '203.0.113.1:51234'), proxies)).to.equal('203.0.113.1');
    expect(clientAddress(request('fd00::4', '[2001:DB8::1]:443'), proxies)).to.equal('2001:db8::1');
    expect(clientAddress(request('10.0.0.4', '2001:db8::2'), proxies)).to.equal('2001:db8::2');
    // an untrusted peer written two ways is one client
    expect(clientAddress(request('::ffff:198.51.100.7'), trust())).to.equal('198.51.100.7');
  });

  it('stops at the last trusted hop when an entry is no address, or the header is missing', () => {
    const proxies = trust('10.0.0.0/8');
    expect(clientAddress(request('10.0.0.4', 'garbage, 10.0.0.9'), proxies)).to.equal('10.0.0.9');
    expect(clientAddress(request('10.0.0.4'), proxies)).to.equal('10.0.0.4');
    expect(clientAddress(request('10.0.0.4', ''), proxies)).to.equal('10.0.0.4');
  });

  it('parses addresses and CIDR ranges, IPv4 and IPv6, and refuses anything else', () => {
    expect(parseProxyRange('127.0.0.1')).to.deep.equal({ address: '127.0.0.1', prefix: 32, family: 'ipv4' });
    expect(parseProxyRange('::1')).to.deep.equal({ address: '::1', prefix: 128, family: 'ipv6' });
    expect(parseProxyRange('172.16.0.0/12')).to.deep.equal({ address: '172.16.0.0', prefix: 12, family: 'ipv4' });
    for (const wrong of ['', 'localhost', '10.0.0.0/33', '::/129', '10.0.0.0/8/8', '10.0.0.0/x', '10.0.0.0/']) {
      expect(parseProxyRange(wrong), wrong).to.equal(null);
    }
  });
});
