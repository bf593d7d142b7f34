import type { WebSocket } from 'ws';
import type { SessionEnded } from '../../modules/events.js';
import type { Viewer } from '../../modules/types.js';
import type { TokenAuth } from '../../modules/users/users.service.js';
import type { Feed } from '../../realtime/feed.js';

/** Why a socket's session ended: its token expired, the session or the user was ended. */
export type SessionEnd = 'expired' | 'ended';

interface Held {
  auth: TokenAuth;
  /** closes the socket the way its dialect says (graphql-ws 4403, legacy 4001 after a {"msg"} frame) */
  end: (why: SessionEnd) => void;
  timer: NodeJS.Timeout | undefined;
}

export interface SessionChecks {
  /** of these users, those no longer active */
  inactiveAmong(userIds: number[]): Promise<Set<number>>;
  /** of these sessions, those no longer open */
  closedAmong(sessionIds: string[]): Promise<Set<string>>;
}

/** setTimeout's longest delay (about 24.8 days): a later expiry is looked at again then. */
const LONGEST_TIMER = 2 ** 31 - 1;

/**
 * The authenticated WebSockets of this node, both dialects, by user: at most WS_CONNECTIONS_PER_USER
 * each, and each held only as long as what authenticated it: closed when its access token expires
 * (unless renewed first), when its session or user is ended on any node (a SessionEnded event), or when
 * a periodic check finds either ended outside the server.
 */
export class SocketSessions {
  readonly #byUser = new Map<number, Map<WebSocket, Held>>();
  /** who each socket belonged to, kept after it closes (for its last log line) */
  readonly #owners = new WeakMap<WebSocket, number>();
  #stopEndings: (() => void) | null = null;
  #recheck: NodeJS.Timeout | undefined;

  constructor(
    private readonly maxPerUser: number,
    /** told of every socket held and let go (who is connected, for `lastSeenAt`) */
    private readonly presence: { connected(user: Viewer): Promise<void>; disconnected(user: Viewer): Promise<void>; onError(e: unknown): void } | null = null,
  ) {}

  /** Listens for ended sessions (every node's) and looks every `intervalMs` for ones ended elsewhere. */
  start(endings: Feed<SessionEnded>, checks: SessionChecks, intervalMs: number, onError: (e: unknown) => void): void {
    this.#stopEndings = endings.open({ next: (e) => this.ended(e), error: onError });
    this.#recheck = setInterval(() => void this.recheck(checks).catch(onError), intervalMs);
    this.#recheck.unref();
  }

  stop(): void {
    this.#stopEndings?.();
    clearInterval(this.#recheck);
  }

  /** Holds `ws` as the user's until it closes or its session ends; false (nothing held) when the user is at the cap. */
  claim(ws: WebSocket, auth: TokenAuth, end: (why: SessionEnd) => void): boolean {
    const userId = auth.viewer.id;
    let held = this.#byUser.get(userId);
    if (held?.has(ws)) return this.renew(ws, auth);
    if ((held?.size ?? 0) >= this.maxPerUser) return false;
    if (!held) this.#byUser.set(userId, (held = new Map()));
    const entry: Held = { auth, end, timer: undefined };
    held.set(ws, entry);
    this.#owners.set(ws, userId);
    this.expireAt(ws, entry);
    const sockets = held;
    const presence = this.presence;
    const told = presence?.connected(auth.viewer).catch(presence.onError);
    ws.once('close', () => {
      // a socket's disconnect is told once its connect has been
      void told?.then(() => presence?.disconnected(auth.viewer)).catch(presence?.onError);
      clearTimeout(entry.timer);
      sockets.delete(ws);
      if (sockets.size === 0 && this.#byUser.get(userId) === sockets) this.#byUser.delete(userId);
    });
    return true;
  }

  /** A fresh token for a held socket (the same user): it lives until the new token expires. False: not held, or another user's. */
  renew(ws: WebSocket, auth: TokenAuth): boolean {
    const entry = this.#byUser.get(auth.viewer.id)?.get(ws);
    if (!entry) return false;
    entry.auth = auth;
    this.expireAt(ws, entry);
    return true;
  }

  /** The user a socket is or was held for (undefined: it never authenticated). */
  userOf(ws: WebSocket): number | undefined {
    return this.#owners.get(ws);
  }

  /** How many sockets the user holds on this node. */
  count(userId: number): number {
    return this.#byUser.get(userId)?.size ?? 0;
  }

  private ended(e: SessionEnded): void {
    for (const [ws, entry] of this.#byUser.get(e.userId) ?? []) {
      const sid = entry.auth.sessionId;
      const hit = e.sessionId !== null ? sid === e.sessionId : e.except === null || sid !== e.except;
      if (hit) this.finish(ws, entry, 'ended');
    }
  }

  private async recheck(checks: SessionChecks): Promise<void> {
    const userIds = [...this.#byUser.keys()];
    const sessionIds = [...this.#byUser.values()].flatMap((m) => [...m.values()].map((e) => e.auth.sessionId)).filter((s): s is string => s !== null);
    const [inactive, closed] = await Promise.all([checks.inactiveAmong(userIds), checks.closedAmong([...new Set(sessionIds)])]);
    for (const [userId, sockets] of this.#byUser) {
      for (const [ws, entry] of sockets) {
        if (inactive.has(userId) || (entry.auth.sessionId !== null && closed.has(entry.auth.sessionId))) this.finish(ws, entry, 'ended');
      }
    }
  }

  private expireAt(ws: WebSocket, entry: Held): void {
    clearTimeout(entry.timer);
    const left = entry.auth.expiresAt - Date.now();
    entry.timer = setTimeout(() => (Date.now() >= entry.auth.expiresAt ? this.finish(ws, entry, 'expired') : this.expireAt(ws, entry)), Math.max(0, Math.min(left, LONGEST_TIMER)));
    entry.timer.unref();
  }

  private finish(ws: WebSocket, entry: Held, why: SessionEnd): void {
    clearTimeout(entry.timer);
    if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) entry.end(why);
  }
}
