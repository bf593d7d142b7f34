import type { Limits } from '../../config.js';
import type { Db } from '../../db/database.js';
import { isUniqueViolation } from '../../db/errors.js';
import { DomainError, unauthenticated } from '../../errors.js';
import { hashPassword, verifyPassword } from '../../auth/passwords.js';
import { signToken, TokenError, VerifiedTokens, type TokenSettings } from '../../auth/tokens.js';
import type { RateLimits } from '../limits/rate-limits.js';
import { pageSize } from '../paging.js';
import { plainText } from '../text.js';
import type { Page, UserRef, Viewer } from '../types.js';
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

const userRef = { id: true, username: true } as const;

/** Bounds the active-user cache's memory; past it the cache starts over. */
const ACTIVE_USER_CACHE_MAX = 100_000;

export class UsersService {
  #decoyHash: Promise<string> | undefined;
  readonly #activeUsers = new Map<number, { user: Viewer; expires: number }>();
  readonly #verified: VerifiedTokens;

  constructor(
    private readonly db: Db,
    private readonly tokens: TokenSettings,
    private readonly limits: Limits,
    private readonly rateLimits: RateLimits,
  ) {
    this.#verified = new VerifiedTokens(tokens, limits.authTokenCacheSize);
  }

  async register(input: { username: string; password: string }, origin: RequestOrigin): Promise<AuthResult> {
    const username = validateUsername(input.username, this.limits.usernameMaxLength);
    const password = validatePassword(input.password, this.limits.passwordMinLength, this.limits.passwordMaxLength);
    await this.rateLimits.consume('registerAddress', origin.address);
    const passwordHash = await hashPassword(password);
    try {
      const user = await this.db.user.create({ data: { username, passwordHash, createdAt: new Date() }, select: userRef });
      return this.issue(user);
    } catch (e) {
      if (isUniqueViolation(e)) throw new DomainError('CONFLICT', 'A user with that username already exists.', { field: 'username', reason: 'unique' });
      throw e;
    }
  }

  /**
   * Failed attempts count per username (whether or not it exists: the answers are the same) and per
   * address; past either limit every attempt is refused until the window ends, even a right password.
   */
  async login(input: { username: string; password: string }, origin: RequestOrigin): Promise<AuthResult> {
    await this.rateLimits.check('loginAccount', input.username);
    await this.rateLimits.check('loginAddress', origin.address);
    // a name no user can have (empty, or with a NUL the database cannot even look up) is simply unknown
    const row = input.username && !input.username.includes('\u0000') ? await this.db.user.findUnique({ where: { username: input.username } }) : null;
    // Verify against a decoy when the user is unknown so the timing does not reveal which usernames exist.
    const ok = await verifyPassword(row?.passwordHash ?? (await this.decoy()), input.password);
    if (!row || !ok || !row.isActive) {
      await Promise.all([this.rateLimits.penalize('loginAccount', input.username), this.rateLimits.penalize('loginAddress', origin.address)]);
      throw unauthenticated('No active account found with the given credentials', 'invalid_credentials');
    }
    await this.rateLimits.reset('loginAccount', input.username);
    return this.issue({ id: row.id, username: row.username });
  }

  async refresh(refreshToken: string): Promise<AuthResult> {
    const user = await this.viewerFromToken(refreshToken, 'refresh');
    return this.issue(user);
  }

  /** access token → the active user it names; throws UNAUTHENTICATED with reason missing/invalid/expired/wrong_type/inactive. */
  authenticate(accessToken: string | undefined | null): Promise<Viewer> {
    return this.viewerFromToken(accessToken, 'access');
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

  private async viewerFromToken(token: string | undefined | null, type: 'access' | 'refresh'): Promise<Viewer> {
    let userId: number;
    try {
      userId = this.#verified.verify(token, type).user_id;
    } catch (e) {
      if (e instanceof TokenError) throw unauthenticated(tokenMessage(e.reason), e.reason);
      throw e;
    }
    const viewer = await this.activeUser(userId);
    if (!viewer) throw unauthenticated('User not found or inactive.', 'user_inactive');
    return viewer;
  }

  /**
   * The active user with this id, or null. Kept for AUTH_USER_CACHE_TTL_SECONDS (one query less per
   * request); a deactivated or deleted user's tokens stop working within that time.
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

  private issue(user: UserRef): AuthResult {
    return { access: signToken(this.tokens, 'access', user.id), refresh: signToken(this.tokens, 'refresh', user.id), user };
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

