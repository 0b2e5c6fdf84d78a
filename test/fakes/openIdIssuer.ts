import { createHmac, createPrivateKey, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const ISSUER = 'https://api.botframework.com';

/** Claims of a Bot Framework channel token; the defaults make a valid one. */
export interface TokenClaims {
  aud?: string;
  iss?: string;
  serviceurl?: string;
  /** Seconds from now. */
  expiresIn?: number;
  /** Further claims, such as an Entra ID token's `tid`, `ver` and `appid`. */
  extra?: Record<string, unknown>;
}

/**
 * A loopback stand-in for the Bot Framework's token issuer: serves OpenID metadata and a JWKS (with channel
 * endorsements, as the real one does) and signs channel tokens with its key, or with a key it never published.
 */
export class OpenIdIssuer {
  private readonly published = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly unpublished = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private url = '';
  private readonly server = http.createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openidconfiguration') {
      res.end(
        JSON.stringify({
          issuer: ISSUER,
          jwks_uri: `${this.url}/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: ['private_key_jwt'],
        }),
      );
    } else if (req.url === '/keys') {
      const jwk = this.published.publicKey.export({ format: 'jwk' });
      res.end(
        JSON.stringify({ keys: [{ ...jwk, kid: 'published', use: 'sig', endorsements: ['msteams', 'webchat'] }] }),
      );
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });

  /** Starts on a loopback port; returns the OpenID metadata URL. */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return `${this.url}/.well-known/openidconfiguration`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** An RS256 token like the channel's, signed with the published key unless `unknownKey` is set. */
  token(claims: TokenClaims & { appId: string }, options: { unknownKey?: boolean } = {}): string {
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', kid: options.unknownKey ? 'unpublished' : 'published' };
    const payload = {
      iss: claims.iss ?? ISSUER,
      aud: claims.aud ?? claims.appId,
      serviceurl: claims.serviceurl,
      nbf: now - 60,
      iat: now - 60,
      exp: now + (claims.expiresIn ?? 3600),
      ...claims.extra,
    };
    const key: KeyObject = options.unknownKey ? this.unpublished.privateKey : this.published.privateKey;
    return signJwt(header, payload, key);
  }

  /** The same claims signed HS256 with the published key's public PEM as the secret (the classic confusion). */
  hmacToken(claims: TokenClaims & { appId: string }): string {
    const [, payload] = this.token(claims).split('.');
    const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'published' }));
    const secret = this.published.publicKey.export({ format: 'pem', type: 'spki' });
    const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
    return `${header}.${payload}.${base64url(signature)}`;
  }

  /** A token with these claims and a signature no key made, as cheap to forge in bulk as an attacker's. */
  forgedToken(claims: TokenClaims & { appId: string }): string {
    const now = Math.floor(Date.now() / 1000);
    const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'published' }));
    const payload = base64url(
      JSON.stringify({
        iss: claims.iss ?? ISSUER,
        aud: claims.aud ?? claims.appId,
        serviceurl: claims.serviceurl,
        nbf: now - 60,
        exp: now + (claims.expiresIn ?? 3600),
        ...claims.extra,
      }),
    );
    return `${header}.${payload}.${base64url(randomBytes(256))}`;
  }

  /** An unsigned token (`alg: none`) with otherwise valid claims. */
  unsignedToken(claims: TokenClaims & { appId: string }): string {
    const signed = this.token(claims).split('.');
    const header = base64url(JSON.stringify({ alg: 'none', typ: 'JWT', kid: 'published' }));
    return `${header}.${signed[1]}.`;
  }
}

function base64url(text: string | Buffer): string {
  return Buffer.from(text).toString('base64url');
}

function signJwt(header: object, payload: object, key: KeyObject): string {
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  const signature = sign(
    'RSA-SHA256',
    Buffer.from(input),
    createPrivateKey(key.export({ format: 'pem', type: 'pkcs8' })),
  );
  return `${input}.${base64url(signature)}`;
}
