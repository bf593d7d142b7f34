import { backoffDelay, type BackoffOptions } from './backoff.js';
import { GraphQLRequestError, SessionEndedError } from './errors.js';
import { readTokenTimes } from './jwt.js';

export interface Tokens {
  access: string;
  refresh: string;
}

/** Where an app keeps the tokens (localStorage, a cookie-backed store, a native keychain). */
export interface TokenStorage {
  load(): Tokens | null | Promise<Tokens | null>;
  save(tokens: Tokens | null): void | Promise<void>;
}

export interface TokenManagerOptions {
  tokens?: Tokens | null;
  /** Trades a refresh token for a new pair (the server may rotate: the old refresh token is then retired). */
  exchange(refresh: string): Promise<Tokens>;
  /**
   * Persisted tokens. Read again right before each refresh: when another tab has refreshed (and so
   * retired the refresh token this one holds), its newer pair is adopted instead of presenting a
   * retired token, which would revoke the whole session.
   */
  storage?: TokenStorage;
  /** Every new pair (and null at logout or when the session ends). */
  onTokens?(tokens: Tokens | null): void;
  /** The refresh token was refused (UNAUTHENTICATED): the user has to log in again. */
  onSessionEnded?(error: SessionEndedError): void;
  /** How long before the access token expires to refresh it; default: a fifth of its lifetime, 0.5–60 s. */
  refreshAheadMs?(lifetimeMs: number): number;
  /** Timing of the retries of a background refresh that failed for a transient reason. */
  retry?: BackoffOptions;
  /** Web Locks name serialising refreshes across tabs (when `navigator.locks` exists). */
  lockName?: string;
}

interface Expiry {
  /** local clock, ms */
  expiresAt: number;
  lifetimeMs: number;
}

const defaultAhead = (lifetimeMs: number) => Math.min(60_000, Math.max(500, lifetimeMs / 5));

/**
 * Holds the access and refresh tokens. Refreshes shortly before the access token expires and when the
 * server rejects it; refreshes are single-flight (every caller waiting meanwhile shares one request),
 * so with rotating refresh tokens only the newest one is ever presented.
 */
export class TokenManager {
  #tokens: Tokens | null = null;
  #expiry: Expiry | null = null;
  /** bumped by set()/clear(): a refresh started before a login or logout must not overwrite it */
  #generation = 0;
  #inflight: Promise<Tokens> | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #failures = 0;
  #disposed = false;

  constructor(private readonly options: TokenManagerOptions) {
    if (options.tokens) this.#adopt(options.tokens, false);
  }

  /** The current pair, or null when logged out. */
  get tokens(): Tokens | null {
    return this.#tokens;
  }

  /** When the access token expires, on this machine's clock (ms), or null. */
  get expiresAt(): number | null {
    return this.#expiry?.expiresAt ?? null;
  }

  /** After a login or registration (or null to log out). */
  set(tokens: Tokens | null): void {
    this.#generation += 1;
    if (tokens) this.#publish(tokens, true);
    else this.#publish(null, false);
  }

  /** Loads the stored pair (at start-up), without announcing it as new. */
  async restore(): Promise<Tokens | null> {
    const stored = await this.options.storage?.load();
    if (stored) {
      this.#generation += 1;
      this.#adopt(stored, false);
    }
    return this.#tokens;
  }

  /**
   * An access token fit to send now: refreshed first when it expires within the refresh margin. null
   * when logged out. Throws SessionEndedError, or a transient error when the token has expired and
   * cannot be refreshed yet.
   */
  async accessToken(now = Date.now()): Promise<string | null> {
    const tokens = this.#tokens;
    if (!tokens) return null;
    if (!this.#dueForRefresh(now)) return tokens.access;
    try {
      return (await this.refresh()).access;
    } catch (e) {
      if (e instanceof SessionEndedError) throw e;
      // offline: the current token is still good for a while, and the background refresh retries
      if (this.#tokens && this.#expiry && this.#expiry.expiresAt > now) return this.#tokens.access;
      throw e;
    }
  }

  /**
   * The server said `usedAccess` is not (or no longer) valid. Returns the access token to retry
   * with: the current one when a refresh already replaced `usedAccess`, else a refreshed one.
   */
  async afterRejection(usedAccess: string | null): Promise<string> {
    const current = this.#tokens;
    if (!current) throw new SessionEndedError('Not logged in.');
    if (usedAccess !== null && current.access !== usedAccess) return current.access;
    return (await this.refresh()).access;
  }

  /** Refreshes now; concurrent callers share one request. */
  refresh(): Promise<Tokens> {
    this.#inflight ??= this.#refresh().finally(() => {
      this.#inflight = null;
    });
    return this.#inflight;
  }

  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#timer);
  }

  async #refresh(): Promise<Tokens> {
    const generation = this.#generation;
    const before = this.#tokens;
    const run = async (): Promise<Tokens> => {
      await this.#adoptNewerStored(generation);
      const held = this.#tokens;
      if (!held) throw new SessionEndedError('Not logged in.');
      // another tab (or the stored pair) may already have a fresh enough token
      if (held !== before && !this.#dueForRefresh(Date.now())) return held;
      let fresh: Tokens;
      try {
        fresh = await this.options.exchange(held.refresh);
      } catch (e) {
        if (e instanceof GraphQLRequestError && e.code === 'UNAUTHENTICATED') {
          const ended = new SessionEndedError('The refresh token was refused: log in again.', e);
          if (generation === this.#generation) this.#end(ended);
          throw ended;
        }
        this.#scheduleRetry();
        throw e;
      }
      if (generation !== this.#generation) {
        // logged in or out meanwhile: that state wins
        if (this.#tokens) return this.#tokens;
        throw new SessionEndedError('Logged out.');
      }
      this.#failures = 0;
      this.#publish(fresh, true);
      return fresh;
    };
    const locks = (globalThis as { navigator?: { locks?: { request<T>(name: string, fn: () => Promise<T>): Promise<T> } } }).navigator?.locks;
    return locks && this.options.storage ? locks.request(this.options.lockName ?? 'chat-token-refresh', run) : run();
  }

  /** Another tab refreshed: take its pair (the refresh token this tab holds is retired). */
  async #adoptNewerStored(generation: number): Promise<void> {
    if (!this.options.storage || generation !== this.#generation) return;
    const stored = await this.options.storage.load();
    if (stored && this.#tokens && stored.refresh !== this.#tokens.refresh && stored.access !== this.#tokens.access) {
      this.#adopt(stored, false);
      this.options.onTokens?.(stored);
    }
  }

  #dueForRefresh(now: number): boolean {
    if (!this.#expiry) return false;
    const ahead = (this.options.refreshAheadMs ?? defaultAhead)(this.#expiry.lifetimeMs);
    return this.#expiry.expiresAt - ahead <= now;
  }

  /** New tokens: keep, persist, announce, schedule the next refresh. */
  #publish(tokens: Tokens | null, fromServer: boolean): void {
    if (tokens) this.#adopt(tokens, fromServer);
    else {
      this.#tokens = null;
      this.#expiry = null;
      clearTimeout(this.#timer);
    }
    void this.options.storage?.save(tokens);
    this.options.onTokens?.(tokens);
  }

  #adopt(tokens: Tokens, fromServer: boolean): void {
    this.#tokens = tokens;
    this.#expiry = expiryOf(tokens.access, fromServer ? Date.now() : null);
    this.#schedule();
  }

  #schedule(delayMs?: number): void {
    clearTimeout(this.#timer);
    if (this.#disposed || !this.#expiry) return;
    const ahead = (this.options.refreshAheadMs ?? defaultAhead)(this.#expiry.lifetimeMs);
    const wait = delayMs ?? Math.max(0, this.#expiry.expiresAt - ahead - Date.now());
    this.#timer = setTimeout(() => {
      this.refresh().catch(() => {
        // a transient failure reschedules itself; a refused token ended the session
      });
    }, wait);
    (this.#timer as { unref?: () => void }).unref?.();
  }

  #scheduleRetry(): void {
    const delay = backoffDelay(this.#failures, this.options.retry ?? { baseMs: 1000, maxMs: 30_000 });
    this.#failures += 1;
    this.#schedule(delay);
  }

  #end(error: SessionEndedError): void {
    this.#generation += 1;
    this.#publish(null, false);
    this.options.onSessionEnded?.(error);
  }
}

/**
 * When a token expires on this machine's clock. Fresh from the server, the token's own lifetime
 * (exp − iat) counted from now, less a second for iat's rounding: immune to a skewed local clock.
 * A stored token: its exp as is.
 */
function expiryOf(access: string, receivedAt: number | null): Expiry | null {
  const times = readTokenTimes(access);
  if (!times) return null;
  if (receivedAt !== null && times.iat !== undefined && times.exp > times.iat) {
    const lifetimeMs = (times.exp - times.iat) * 1000;
    return { expiresAt: receivedAt + lifetimeMs - 1000, lifetimeMs };
  }
  const expiresAt = times.exp * 1000;
  return { expiresAt, lifetimeMs: times.iat !== undefined ? (times.exp - times.iat) * 1000 : Math.max(0, expiresAt - Date.now()) };
}
