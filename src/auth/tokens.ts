import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';

/**
 * simplejwt-compatible tokens: HS256, claims token_type, exp, iat, jti (32 hex chars), user_id.
 * Pure: the secret and lifetimes come from the caller.
 */
export type TokenType = 'access' | 'refresh';

export interface TokenClaims {
  token_type: TokenType;
  exp: number;
  iat: number;
  jti: string;
  user_id: number;
  /** the session (login) the token belongs to; absent in tokens minted before sessions (or by the old service) */
  sid?: string;
}

export interface TokenSettings {
  /**
   * The HS256 key as a KeyObject (see signingKey): given a string, jsonwebtoken 9 first tries to parse
   * it as a public key on every call, which cost a sixth of the server's CPU under load.
   */
  secret: KeyObject;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
}

/** The HS256 key for a secret string (a Django SECRET_KEY works as is). */
export function signingKey(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret, 'utf8'));
}

export type TokenFailure = 'missing' | 'invalid' | 'expired' | 'wrong_type';

export class TokenError extends Error {
  constructor(readonly reason: TokenFailure) {
    super(`token ${reason}`);
  }
}

/** A fresh token id: 32 hex characters, as simplejwt's. */
export const newJti = () => randomBytes(16).toString('hex');

/**
 * Signs a token. `jti` and `now` given: the same claims, so the same token again (HS256 is
 * deterministic), which is how a refresh token is handed out again without being stored.
 */
export function signToken(settings: TokenSettings, type: TokenType, userId: number, options: { sid?: string; jti?: string; now?: number } = {}): string {
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  const ttl = type === 'access' ? settings.accessTtlSeconds : settings.refreshTtlSeconds;
  const claims: TokenClaims = {
    token_type: type,
    exp: iat + ttl,
    iat,
    jti: options.jti ?? newJti(),
    user_id: userId,
    ...(options.sid ? { sid: options.sid } : {}),
  };
  // No `noTimestamp`: jsonwebtoken would delete our `iat` claim; without it, it keeps the one we set.
  return jwt.sign(claims, settings.secret, { algorithm: 'HS256' });
}

/** Verifies signature (HS256 only), expiry and token_type; returns the claims. */
export function verifyToken(settings: TokenSettings, token: string | undefined | null, expected: TokenType): TokenClaims {
  if (!token) throw new TokenError('missing');
  let decoded: unknown;
  try {
    decoded = jwt.verify(token, settings.secret, { algorithms: ['HS256'] });
  } catch (e) {
    throw new TokenError(e instanceof jwt.TokenExpiredError ? 'expired' : 'invalid');
  }
  if (!isClaims(decoded)) throw new TokenError('invalid');
  if (decoded.token_type !== expected) throw new TokenError('wrong_type');
  return decoded;
}

/**
 * verifyToken with a memory of tokens whose signature already checked out: a client sends the same
 * access token with every request, so the HMAC and the decoding are done once per token. Expiry and
 * type are checked on every call; at `maxEntries` the memory starts over.
 */
export class VerifiedTokens {
  readonly #claims = new Map<string, TokenClaims>();

  constructor(
    private readonly settings: TokenSettings,
    private readonly maxEntries: number,
  ) {}

  verify(token: string | undefined | null, expected: TokenType, now = Date.now()): TokenClaims {
    const known = token ? this.#claims.get(token) : undefined;
    if (!known) {
      const claims = verifyToken(this.settings, token, expected);
      if (this.maxEntries > 0) {
        if (this.#claims.size >= this.maxEntries) this.#claims.clear();
        this.#claims.set(token!, claims);
      }
      return claims;
    }
    if (known.exp * 1000 <= now) {
      this.#claims.delete(token!);
      throw new TokenError('expired');
    }
    if (known.token_type !== expected) throw new TokenError('wrong_type');
    return known;
  }
}

function isClaims(v: unknown): v is TokenClaims {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  return (
    (c.token_type === 'access' || c.token_type === 'refresh') &&
    typeof c.exp === 'number' &&
    typeof c.jti === 'string' &&
    c.jti.length > 0 &&
    typeof c.user_id === 'number' &&
    // a user id is a positive 32-bit integer (the column): anything else names nobody
    Number.isInteger(c.user_id) &&
    c.user_id > 0 &&
    c.user_id <= 2_147_483_647 &&
    (c.sid === undefined || (typeof c.sid === 'string' && c.sid.length > 0 && c.sid.length <= 64))
  );
}

/** `Authorization: Bearer <token>` → token; anything else → undefined. */
export function bearerToken(header: string | null | undefined): string | undefined {
  const m = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return m?.[1];
}
