import { randomUUID } from 'node:crypto';
import type { Limits } from '../../config.js';
import type { Db } from '../../db/database.js';
import { isUniqueViolation } from '../../db/errors.js';
import { newJti, signToken, type TokenClaims, type TokenSettings } from '../../auth/tokens.js';
import { unauthenticated } from '../../errors.js';
import { feed, type Feed } from '../../realtime/feed.js';
import type { EventBus, SessionEnded } from '../events.js';
import type { LiveEvents } from '../live-events.js';
import type { UserRef } from '../types.js';

export interface TokenPair {
  access: string;
  refresh: string;
}

/** Cached "is this session still open" answers kept at most (past it the memory starts over). */
const OPEN_CACHE_MAX = 100_000;

const revoked = () => unauthenticated('Token is blacklisted', 'revoked');

/**
 * Sessions (ADR 019): every login opens one, and its refresh tokens rotate (simplejwt's
 * rotate-and-blacklist): each refresh retires the token it was given and hands out a new one; a retired
 * token presented again (a thief, or the victim after a thief) revokes the whole session. Access tokens
 * name their session (`sid`), so ending one is seen on the next request (within
 * AUTH_USER_CACHE_TTL_SECONDS on other nodes, at once where the revocation event arrives first) and
 * closes its sockets everywhere. Revocation is stored: it holds across nodes and restarts.
 */
export class SessionsService {
  readonly #open = new Map<string, { open: boolean; expires: number }>();

  constructor(
    private readonly db: Db,
    private readonly tokens: TokenSettings,
    private readonly bus: EventBus,
    private readonly live: LiveEvents,
    private readonly limits: Limits,
  ) {
    // every node forgets an ended session (and its user's cached state) as soon as it hears of it
    live.sessions({ next: (e) => this.forget(e), error: () => undefined });
  }

  /** A new session for the user: its first pair of tokens. */
  async open(user: UserRef, legacyJti: string | null = null): Promise<TokenPair> {
    const id = randomUUID();
    const refreshJti = newJti();
    const now = new Date();
    await this.db.session.create({ data: { id, userId: user.id, refreshJti, refreshedAt: now, originJti: legacyJti, createdAt: now } });
    return this.pair(user, id, refreshJti, now);
  }

  /**
   * Rotates the session of a valid refresh token: its current token gets a new one. The token it
   * replaced, presented again within REFRESH_REUSE_GRACE_SECONDS, gets the current pair again (an
   * answer lost on the way); any other retired token revokes the session. A token from before sessions
   * (no `sid`) opens one, and is then retired like any other.
   */
  async refresh(claims: TokenClaims, user: UserRef, attempt = 0): Promise<TokenPair> {
    if (!claims.sid) return this.adopt(claims, user);
    const session = await this.db.session.findUnique({ where: { id: claims.sid } });
    if (!session || session.userId !== user.id || session.revokedAt) throw revoked();
    if (claims.jti === session.refreshJti) {
      const refreshJti = newJti();
      const now = new Date();
      const moved = await this.db.session.updateMany({
        where: { id: session.id, refreshJti: claims.jti, revokedAt: null },
        data: { previousJti: claims.jti, refreshJti, refreshedAt: now },
      });
      if (moved.count === 1) return this.pair(user, session.id, refreshJti, now);
      // a concurrent refresh with the same token rotated first: this one is its retry
      if (attempt === 0) return this.refresh(claims, user, 1);
    }
    if (claims.jti === session.previousJti && this.inGrace(session.refreshedAt)) return this.pair(user, session.id, session.refreshJti, session.refreshedAt);
    await this.end({ userId: user.id, sessionId: session.id, except: null, reason: 'reused' });
    throw unauthenticated('Token is blacklisted', 'token_reused');
  }

  /** A refresh token minted before sessions (or by the old service): it opens a session, once. */
  private async adopt(claims: TokenClaims, user: UserRef): Promise<TokenPair> {
    try {
      return await this.open(user, claims.jti);
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
    const session = await this.db.session.findUnique({ where: { originJti: claims.jti } });
    if (session && !session.revokedAt && session.previousJti === null && this.inGrace(session.createdAt)) {
      return this.pair(user, session.id, session.refreshJti, session.refreshedAt);
    }
    if (session) await this.end({ userId: user.id, sessionId: session.id, except: null, reason: 'reused' });
    throw unauthenticated('Token is blacklisted', 'token_reused');
  }

  /** Whether an access token's session is still open (remembered for AUTH_USER_CACHE_TTL_SECONDS, forgotten when it ends). */
  async isOpen(sessionId: string, now = Date.now()): Promise<boolean> {
    const cached = this.#open.get(sessionId);
    if (cached && cached.expires > now) return cached.open;
    const row = await this.db.session.findUnique({ where: { id: sessionId }, select: { revokedAt: true } });
    const open = row !== null && row.revokedAt === null;
    const ttl = this.limits.authUserCacheTtlSeconds * 1000;
    if (ttl > 0) {
      if (this.#open.size >= OPEN_CACHE_MAX) this.#open.clear();
      this.#open.set(sessionId, { open, expires: now + ttl });
    }
    return open;
  }

  /** Ends sessions of a user: one, every one, or every one but `except`; stored, then told to every node. */
  async end(event: Omit<SessionEnded, 'kind'>): Promise<void> {
    await this.db.session.updateMany({
      where: {
        userId: event.userId,
        revokedAt: null,
        ...(event.sessionId ? { id: event.sessionId } : event.except ? { id: { not: event.except } } : {}),
      },
      data: { revokedAt: new Date() },
    });
    this.bus.publish('sessions', 'all', { kind: 'session-ended', ...event });
  }

  /** Every session that ends on any node, for whoever holds sockets (they close). */
  endings(): Feed<SessionEnded> {
    return feed((sink) => {
      const attachment = this.live.sessions(sink);
      return () => attachment.detach();
    }, this.limits.subscriptionBacklogMax);
  }

  /** Of these sessions, the ones no longer open (an out-of-band revocation, a deleted user). */
  async closedAmong(sessionIds: string[]): Promise<Set<string>> {
    if (sessionIds.length === 0) return new Set();
    const open = await this.db.session.findMany({ where: { id: { in: sessionIds }, revokedAt: null }, select: { id: true } });
    const stillOpen = new Set(open.map((s) => s.id));
    return new Set(sessionIds.filter((id) => !stillOpen.has(id)));
  }

  private forget(event: SessionEnded): void {
    if (event.sessionId) this.#open.set(event.sessionId, { open: false, expires: Date.now() + this.limits.authUserCacheTtlSeconds * 1000 });
    else this.#open.clear();
  }

  private inGrace(since: Date): boolean {
    return Date.now() - since.getTime() <= this.limits.refreshReuseGraceSeconds * 1000;
  }

  /** The session's current refresh token (the same claims: the same token) and a new access token. */
  private pair(user: UserRef, sid: string, refreshJti: string, refreshedAt: Date): TokenPair {
    return {
      access: signToken(this.tokens, 'access', user.id, { sid }),
      refresh: signToken(this.tokens, 'refresh', user.id, { sid, jti: refreshJti, now: refreshedAt.getTime() }),
    };
  }
}
