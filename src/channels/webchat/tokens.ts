import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a Direct Line token says: which conversation it opens, for which user, until when (seconds). */
export interface TokenClaims {
  conv: string;
  user: string;
  /** The conversation's token generation it was issued in: a refresh starts the next, and the older ones end. */
  gen: number;
  iat: number;
  exp: number;
}

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/**
 * Signed, short-lived tokens bound to one conversation (HS256 JWTs, so Web Chat can read the `user` claim).
 * Without a configured secret, a random one per process: tokens then end with the process, like its conversations.
 */
export class DirectLineTokens {
  private readonly secret: Buffer;

  constructor(
    secret: string | null,
    readonly lifetimeSeconds: number,
    private readonly now: () => number = Date.now,
  ) {
    this.secret = secret ? Buffer.from(secret, 'utf8') : randomBytes(32);
  }

  issue(conversationId: string, userId: string, generation: number): { token: string; expires_in: number } {
    const iat = Math.floor(this.now() / 1000);
    const claims: TokenClaims = {
      conv: conversationId,
      user: userId,
      gen: generation,
      iat,
      exp: iat + this.lifetimeSeconds,
    };
    const body = `${HEADER}.${base64url(JSON.stringify(claims))}`;
    return { token: `${body}.${this.sign(body)}`, expires_in: this.lifetimeSeconds };
  }

  /** The claims of a valid, unexpired token; null for anything else (forged, expired, malformed). */
  verify(token: string | undefined): TokenClaims | null {
    if (!token || token.length > 2048) return null;
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) return null;
    const expected = Buffer.from(this.sign(`${parts[0]}.${parts[1]}`));
    const given = Buffer.from(parts[2]!);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as TokenClaims;
      if (
        typeof claims.conv !== 'string' ||
        typeof claims.user !== 'string' ||
        !Number.isInteger(claims.gen) ||
        typeof claims.exp !== 'number'
      )
        return null;
      return claims.exp * 1000 > this.now() ? claims : null;
    } catch {
      return null;
    }
  }

  private sign(data: string): string {
    return createHmac('sha256', this.secret).update(data).digest('base64url');
  }
}

/** The token of an `Authorization: Bearer …` header. */
export function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
