import type { Limits } from '../../config.js';
import type { Db } from '../../db/database.js';
import { isUniqueViolation } from '../../db/errors.js';
import { DomainError, unauthenticated } from '../../errors.js';
import { hashPassword, verifyPassword } from '../../auth/passwords.js';
import { TokenError, VerifiedTokens, type TokenClaims, type TokenSettings } from '../../auth/tokens.js';
import type { RateLimits } from '../limits/rate-limits.js';
import type { LiveEvents } from '../live-events.js';
import { pageSize } from '../paging.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import { plainText } from '../text.js';
import type { Page, UserRef, Viewer } from '../types.js';
import { usernameKeys } from './username-keys.js';
import { validatePassword, validateUsername } from './usernames.js';

/** Where an anonymous request comes from (the client's address, for per-address limits). */
export interface RequestOrigin {
  address: string;
}

export interface AuthResult {
  access: string;
  refresh: string;
  user: UserRef;
}

/** An access token that checked out: whose it is, its session (null: a token from before sessions) and when it expires. */
export interface TokenAuth {
  viewer: Viewer;
  sessionId: string | null;
  /** unix ms */
  expiresAt: number;
}

const userRef = { id: true, username: true } as const;

/** Bounds the active-user cache's memory; past it the cache starts over. */
const ACTIVE_USER_CACHE_MAX = 100_000;

const badCredentials = () => unauthenticated('No active account found with the given credentials', 'invalid_credentials');

export class UsersService {
  #decoyHash: Promise<string> | undefined;
  readonly #activeUsers = new Map<number, { user: Viewer; expires: number }>();
  readonly #verified: VerifiedTokens;

  constructor(
    private readonly db: Db,
    private readonly sessions: SessionsService,
    tokens: TokenSettings,
    private readonly limits: Limits,
    private readonly rateLimits: RateLimits,
    live: LiveEvents,
  ) {
    this.#verified = new VerifiedTokens(tokens, limits.authTokenCacheSize);
    // a user deactivated on any node stops authenticating here at once
    live.sessions({ next: (e) => e.reason === 'deactivated' && this.#activeUsers.delete(e.userId), error: () => undefined });
  }

  /**
   * A new account. Its name may not be taken by another in any case or spelling that looks the same
   * (TR39 skeletons: `ALICE`, `аlice` with a Cyrillic а, `AIice` with a capital I all collide with
   * `alice`); accounts that already collide are left as they are.
   */
  async register(input: { username: string; password: string }, origin: RequestOrigin): Promise<AuthResult> {
    const username = validateUsername(input.username, this.limits.usernameMaxLength);
    const password = validatePassword(input.password, this.limits.passwordMinLength, this.limits.passwordMaxLength);
    await this.rateLimits.consume('registerAddress', origin.address);
    const { key, shape } = usernameKeys(username);
    const taken = () => new DomainError('CONFLICT', 'A user with that username already exists.', { field: 'username', reason: 'unique' });
    if (await this.db.user.findFirst({ where: { OR: [{ username }, { usernameKey: key }, { usernameShape: shape }] }, select: { id: true } })) throw taken();
    const passwordHash = await hashPassword(password);
    let user: UserRef;
    try {
      user = await this.db.user.create({ data: { username, usernameKey: key, usernameShape: shape, passwordHash, createdAt: new Date() }, select: userRef });
    } catch (e) {
      if (isUniqueViolation(e)) throw taken();
      throw e;
    }
    return { ...(await this.sessions.open(user)), user };
  }

  /**
   * Failed attempts count per username (whether or not it exists: the answers are the same) and per
   * address; past either limit every attempt is refused until the window ends, even a right password.
   * An unknown name is checked against a decoy hash, so it takes as long as a known one.
   */
  async login(input: { username: string; password: string }, origin: RequestOrigin): Promise<AuthResult> {
    await this.rateLimits.check('loginAccount', input.username);
    await this.rateLimits.check('loginAddress', origin.address);
    // a name no user can have (empty, or with a NUL the database cannot even look up) is simply unknown
    const row = input.username && !input.username.includes('\u0000') ? await this.db.user.findUnique({ where: { username: input.username } }) : null;
    const ok = await verifyPassword(row?.passwordHash ?? (await this.decoy()), input.password);
    if (!row || !ok || !row.isActive) {
      await Promise.all([this.rateLimits.penalize('loginAccount', input.username), this.rateLimits.penalize('loginAddress', origin.address)]);
      throw badCredentials();
    }
    await this.rateLimits.reset('loginAccount', input.username);
    const user = { id: row.id, username: row.username };
    return { ...(await this.sessions.open(user)), user };
  }

  /** A new pair for a refresh token (which is retired: see SessionsService.refresh). */
  async refresh(refreshToken: string): Promise<AuthResult> {
    const { claims, viewer } = await this.fromToken(refreshToken, 'refresh');
    return { ...(await this.sessions.refresh(claims, viewer)), user: viewer };
  }

  /** access token → the active user it names; throws UNAUTHENTICATED with reason missing/invalid/expired/wrong_type/user_inactive/revoked. */
  async authenticate(accessToken: string | undefined | null): Promise<Viewer> {
    return (await this.authenticateToken(accessToken)).viewer;
  }

  /** authenticate(), with the token's session and expiry (what a socket needs to end when they do). */
  async authenticateToken(accessToken: string | undefined | null): Promise<TokenAuth> {
    const { claims, viewer } = await this.fromToken(accessToken, 'access');
    if (claims.sid && !(await this.sessions.isOpen(claims.sid))) throw unauthenticated('Token is blacklisted', 'revoked');
    return { viewer, sessionId: claims.sid ?? null, expiresAt: claims.exp * 1000 };
  }

  /** Ends the session the caller's token belongs to (a token from before sessions has none to end). */
  async logout(auth: TokenAuth): Promise<boolean> {
    if (auth.sessionId) await this.sessions.end({ userId: auth.viewer.id, sessionId: auth.sessionId, except: null, reason: 'logout' });
    return true;
  }

  /** Ends the session a refresh token belongs to (simplejwt's blacklist route). */
  async logoutByRefresh(refreshToken: string): Promise<void> {
    const { claims, viewer } = await this.fromToken(refreshToken, 'refresh');
    if (claims.sid) await this.sessions.end({ userId: viewer.id, sessionId: claims.sid, except: null, reason: 'logout' });
  }

  /** Ends every session of the caller, this one included. */
  async logoutEverywhere(auth: TokenAuth): Promise<boolean> {
    await this.sessions.end({ userId: auth.viewer.id, sessionId: null, except: null, reason: 'logout' });
    return true;
  }

  /** A new password (the old one proves it is the owner); every other session ends. */
  async changePassword(auth: TokenAuth, input: { oldPassword: string; newPassword: string }): Promise<boolean> {
    await this.checkPassword(auth.viewer, input.oldPassword);
    const password = validatePassword(input.newPassword, this.limits.passwordMinLength, this.limits.passwordMaxLength);
    await this.db.user.update({ where: { id: auth.viewer.id }, data: { passwordHash: await hashPassword(password) } });
    await this.sessions.end({ userId: auth.viewer.id, sessionId: null, except: auth.sessionId, reason: 'password_changed' });
    return true;
  }

  /** Closes the caller's account (the password proves it is the owner): no login, every session and socket ends. */
  async deactivateAccount(auth: TokenAuth, input: { password: string }): Promise<boolean> {
    await this.checkPassword(auth.viewer, input.password);
    await this.db.user.update({ where: { id: auth.viewer.id }, data: { isActive: false } });
    this.#activeUsers.delete(auth.viewer.id);
    await this.sessions.end({ userId: auth.viewer.id, sessionId: null, except: null, reason: 'deactivated' });
    return true;
  }

  async byId(id: number): Promise<UserRef | null> {
    return this.db.user.findUnique({ where: { id }, select: userRef });
  }

  async byIds(ids: number[]): Promise<UserRef[]> {
    return this.db.user.findMany({ where: { id: { in: ids }, isActive: true }, select: userRef, orderBy: { id: 'asc' } });
  }

  async byUsernames(usernames: string[]): Promise<UserRef[]> {
    return this.db.user.findMany({ where: { username: { in: usernames }, isActive: true }, select: userRef });
  }

  /** Of these users, the ones that no longer exist or are inactive (a change made outside the server). */
  async inactiveAmong(ids: number[]): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const active = await this.db.user.findMany({ where: { id: { in: ids }, isActive: true }, select: { id: true } });
    const still = new Set(active.map((u) => u.id));
    return new Set(ids.filter((id) => !still.has(id)));
  }

  /** Active users by username prefix, in username order, after the `after` username. */
  async search(_viewer: Viewer, input: { search?: string | null; first?: number | null; after?: string | null }): Promise<Page<UserRef>> {
    const first = pageSize(input.first, this.limits);
    if (input.search) plainText(input.search, 'search');
    if (input.after) plainText(input.after, 'after');
    // no username is longer: nothing to look for (and a huge prefix is a pattern the database refuses)
    if ((input.search?.length ?? 0) > this.limits.usernameMaxLength) return { items: [], hasMore: false };
    const items = await this.db.user.findMany({
      where: {
        isActive: true,
        ...(input.search ? { username: { startsWith: input.search } } : {}),
        ...(input.after ? { AND: [{ username: { gt: input.after } }] } : {}),
      },
      select: userRef,
      orderBy: { username: 'asc' },
      take: first + 1,
    });
    return { items: items.slice(0, first), hasMore: items.length > first };
  }

  /**
   * Users from before username keys (or created outside the server) get theirs, a batch at a time; a
   * name that collides with an earlier one keeps none (it exists, and the earlier one's key guards it).
   */
  async fillUsernameKeys(batch = 500): Promise<number> {
    let filled = 0;
    for (let afterId = 0; ; ) {
      const users = await this.db.user.findMany({ where: { id: { gt: afterId }, usernameKey: null }, select: userRef, orderBy: { id: 'asc' }, take: batch });
      for (const u of users) {
        const { key, shape } = usernameKeys(u.username);
        const free = !(await this.db.user.findFirst({ where: { OR: [{ usernameKey: key }, { usernameShape: shape }] }, select: { id: true } }));
        if (free) {
          await this.db.user.update({ where: { id: u.id }, data: { usernameKey: key, usernameShape: shape } }).then(
            () => (filled += 1),
            (e: unknown) => {
              if (!isUniqueViolation(e)) throw e;
            },
          );
        }
      }
      const last = users.at(-1);
      if (!last || users.length < batch) return filled;
      afterId = last.id;
    }
  }

  private async checkPassword(viewer: Viewer, password: string): Promise<void> {
    await this.rateLimits.check('loginAccount', viewer.username);
    const row = await this.db.user.findUnique({ where: { id: viewer.id }, select: { passwordHash: true } });
    if (row && (await verifyPassword(row.passwordHash, password))) return;
    await this.rateLimits.penalize('loginAccount', viewer.username);
    throw new DomainError('FORBIDDEN', 'The password is not right.', { field: 'password', reason: 'wrong_password' });
  }

  private async fromToken(token: string | undefined | null, type: 'access' | 'refresh'): Promise<{ claims: TokenClaims; viewer: Viewer }> {
    let claims: TokenClaims;
    try {
      claims = this.#verified.verify(token, type);
    } catch (e) {
      if (e instanceof TokenError) throw unauthenticated(tokenMessage(e.reason), e.reason);
      throw e;
    }
    const viewer = await this.activeUser(claims.user_id);
    if (!viewer) throw unauthenticated('User not found or inactive.', 'user_inactive');
    return { claims, viewer };
  }

  /**
   * The active user with this id, or null. Kept for AUTH_USER_CACHE_TTL_SECONDS (one query less per
   * request); a user deactivated here or on any node stops at once, one changed outside the server
   * within that time.
   */
  private async activeUser(id: number, now = Date.now()): Promise<Viewer | null> {
    const cached = this.#activeUsers.get(id);
    if (cached && cached.expires > now) return cached.user;
    const row = await this.db.user.findUnique({ where: { id }, select: { ...userRef, isActive: true } });
    const user = row?.isActive ? { id: row.id, username: row.username } : null;
    const ttl = this.limits.authUserCacheTtlSeconds * 1000;
    if (user && ttl > 0) {
      if (this.#activeUsers.size >= ACTIVE_USER_CACHE_MAX) this.#activeUsers.clear();
      this.#activeUsers.set(id, { user, expires: now + ttl });
    } else this.#activeUsers.delete(id);
    return user;
  }

  private decoy(): Promise<string> {
    this.#decoyHash ??= hashPassword('decoy password that never matches');
    return this.#decoyHash;
  }
}

function tokenMessage(reason: TokenError['reason']): string {
  switch (reason) {
    case 'missing':
      return 'Authentication credentials were not provided.';
    case 'expired':
      return 'Token is expired.';
    case 'wrong_type':
      return 'Token has wrong type.';
    default:
      return 'Given token not valid for any token type.';
  }
}
