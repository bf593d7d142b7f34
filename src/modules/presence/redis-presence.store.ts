import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { UserRef } from '../types.js';
import type { PresenceChangeListener, PresenceStore } from './presence.store.js';
import { LIST, REPLACE_NODE, SET_COUNT } from './redis-presence.scripts.js';

export interface RedisPresenceOptions {
  redis: Redis;
  /** key prefix of the deployment (REDIS_KEY_PREFIX) */
  prefix: string;
  nodeId: string;
  /** heartbeat TTL: a node silent this long is dead; its connections are swept within ttl × 4/3 */
  ttlMs: number;
  log: Logger;
}

interface Entry {
  user: UserRef;
  connections: number;
}

/**
 * Connection counts shared by every node through Redis, per (conversation, user, node). This node's
 * own counts live in memory too: they are the truth for its fields, written through on every change
 * and written again (`resync`) after Redis was unreachable or swept this node by mistake.
 *
 * Every third of the TTL a node renews its heartbeat key and sweeps the nodes whose key expired: their
 * fields are removed and the users who thereby went offline are announced through `watch` (the
 * PresenceService publishes their `leave`). A lock per dead node makes one survivor do it.
 */
export class RedisPresenceStore implements PresenceStore {
  readonly #local = new Map<string, Map<number, Entry>>();
  readonly #listeners: PresenceChangeListener[] = [];
  readonly #keys: ReturnType<typeof presenceKeys>;
  #dirty = true;
  #degraded = false;
  #closing = false;
  #closed = false;
  #tick: Promise<void> | null = null;
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: RedisPresenceOptions) {
    this.#keys = presenceKeys(options.prefix);
  }

  /** Starts the heartbeat (and the first resync). */
  start(): void {
    void this.tick();
    this.#timer = setInterval(() => void this.tick(), Math.max(100, Math.floor(this.options.ttlMs / 3)));
    this.#timer.unref();
  }

  watch(listener: PresenceChangeListener): void {
    this.#listeners.push(listener);
  }

  async add(conversationId: string, user: UserRef): Promise<boolean> {
    if (this.#closed) return false;
    let room = this.#local.get(conversationId);
    if (!room) this.#local.set(conversationId, (room = new Map()));
    const entry = room.get(user.id) ?? { user: { id: user.id, username: user.username }, connections: 0 };
    room.set(user.id, entry);
    entry.connections += 1;
    const first = entry.connections === 1;
    const others = await this.setCount(conversationId, entry.user, entry.connections);
    return first && (others ?? 0) === 0;
  }

  async remove(conversationId: string, user: UserRef): Promise<boolean> {
    if (this.#closed) return false;
    const room = this.#local.get(conversationId);
    const entry = room?.get(user.id);
    if (!room || !entry) return false;
    entry.connections -= 1;
    if (entry.connections <= 0) room.delete(user.id);
    if (room.size === 0) this.#local.delete(conversationId);
    const others = await this.setCount(conversationId, entry.user, Math.max(0, entry.connections));
    return entry.connections <= 0 && (others ?? 0) === 0;
  }

  async list(conversationId: string): Promise<UserRef[]> {
    try {
      const flat = await this.options.redis.eval(LIST, 1, this.#keys.room(conversationId));
      return users(flat).sort((a, b) => a.id - b.id);
    } catch (e) {
      this.failed(e);
      // Redis away: at least this node's own connections
      return [...(this.#local.get(conversationId)?.values() ?? [])].map((e) => e.user).sort((a, b) => a.id - b.id);
    }
  }

  /** Says goodbye: this node's connections stop counting now (their leaves are announced), not after the TTL. */
  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    clearInterval(this.#timer);
    await this.#tick;
    try {
      const { redis, nodeId } = this.options;
      const rooms = new Set([...this.#local.keys(), ...(await redis.smembers(this.#keys.roomsOf(nodeId)))]);
      for (const conversationId of rooms) await this.replaceNode(nodeId, conversationId, []);
      await redis.multi().del(this.#keys.roomsOf(nodeId), this.#keys.alive(nodeId)).srem(this.#keys.nodes, nodeId).exec();
    } catch (e) {
      this.failed(e);
    }
    this.#closed = true;
    this.#local.clear();
  }

  /** Heartbeat, then resync if needed, then sweep dead nodes. One at a time. */
  tick(): Promise<void> {
    if (this.#closing) return this.#tick ?? Promise.resolve();
    this.#tick ??= this.heartbeat()
      .then(() => (this.#dirty ? this.resync() : undefined))
      .then(() => this.sweep())
      .then(
        () => this.recovered(),
        (e: unknown) => this.failed(e),
      )
      .finally(() => {
        this.#tick = null;
      });
    return this.#tick;
  }

  private async heartbeat(): Promise<void> {
    const { redis, nodeId, ttlMs } = this.options;
    const [[, previous] = []] = (await redis.multi().set(this.#keys.alive(nodeId), String(Date.now()), 'PX', ttlMs, 'GET').sadd(this.#keys.nodes, nodeId).exec()) ?? [];
    // No previous key: first start, or this node was taken for dead (and perhaps swept): write it all again.
    if (previous == null) this.#dirty = true;
  }

  /** Makes this node's fields in Redis equal to its memory, announcing who appeared or vanished meanwhile. */
  private async resync(): Promise<void> {
    const { redis, nodeId, ttlMs } = this.options;
    if ((await redis.set(this.#keys.sweepLock(nodeId), nodeId, 'PX', ttlMs, 'NX')) !== 'OK') return; // a sweep of this node is running: next tick
    try {
      this.#dirty = false;
      const rooms = new Set([...this.#local.keys(), ...(await redis.smembers(this.#keys.roomsOf(nodeId)))]);
      for (const conversationId of rooms) {
        const entries = [...(this.#local.get(conversationId)?.values() ?? [])];
        await this.replaceNode(nodeId, conversationId, entries);
      }
      const live = [...this.#local.keys()];
      const tx = redis.multi().del(this.#keys.roomsOf(nodeId));
      if (live.length > 0) tx.sadd(this.#keys.roomsOf(nodeId), ...live);
      await tx.exec();
    } catch (e) {
      this.#dirty = true;
      throw e;
    } finally {
      await redis.del(this.#keys.sweepLock(nodeId)).catch(() => undefined);
    }
  }

  /** Removes the fields of every node whose heartbeat expired; announces the users who went offline. */
  private async sweep(): Promise<void> {
    const { redis, nodeId, ttlMs } = this.options;
    for (const node of await redis.smembers(this.#keys.nodes)) {
      if (node === nodeId || (await redis.exists(this.#keys.alive(node)))) continue;
      if ((await redis.set(this.#keys.sweepLock(node), nodeId, 'PX', ttlMs, 'NX')) !== 'OK') continue;
      try {
        if (await redis.exists(this.#keys.alive(node))) continue; // it came back
        for (const conversationId of await redis.smembers(this.#keys.roomsOf(node))) await this.replaceNode(node, conversationId, []);
        await redis.multi().del(this.#keys.roomsOf(node)).srem(this.#keys.nodes, node).exec();
        this.options.log.info({ node }, 'presence: swept a node whose heartbeat expired');
      } finally {
        await redis.del(this.#keys.sweepLock(node)).catch(() => undefined);
      }
    }
  }

  private async replaceNode(node: string, conversationId: string, entries: Entry[]): Promise<void> {
    const args = entries.flatMap((e) => [String(e.user.id), `${e.connections} ${e.user.username}`]);
    const result = await this.options.redis.eval(REPLACE_NODE, 1, this.#keys.room(conversationId), node, ...args);
    const [left, joined] = Array.isArray(result) ? result : [];
    await Promise.all([
      ...users(left).map((u) => this.emit(conversationId, u, 'leave')),
      ...users(joined).map((u) => this.emit(conversationId, u, 'join')),
    ]);
  }

  private async emit(conversationId: string, user: UserRef, action: 'join' | 'leave'): Promise<void> {
    for (const listener of this.#listeners) {
      try {
        await listener(conversationId, user, action);
      } catch (e) {
        this.options.log.warn({ err: e, conversationId, action }, 'presence: change listener failed');
      }
    }
  }

  /** Writes one count; null when Redis could not be reached (the next heartbeat writes it again). */
  private async setCount(conversationId: string, user: UserRef, connections: number): Promise<number | null> {
    const { redis, nodeId } = this.options;
    try {
      const others = await redis.eval(SET_COUNT, 2, this.#keys.room(conversationId), this.#keys.roomsOf(nodeId), nodeId, conversationId, String(user.id), String(connections), user.username);
      return Number(others);
    } catch (e) {
      this.failed(e);
      return null;
    }
  }

  private failed(e: unknown): void {
    this.#dirty = true;
    if (!this.#degraded) this.options.log.warn({ err: e }, 'presence: Redis unreachable; counting this node only until it is back');
    this.#degraded = true;
  }

  private recovered(): void {
    if (this.#degraded && !this.#dirty) {
      this.#degraded = false;
      this.options.log.info('presence: Redis reachable again, counts resynced');
    }
  }
}

export function presenceKeys(prefix: string) {
  const p = `${prefix}presence:`;
  return {
    room: (conversationId: string) => `${p}room:${conversationId}`,
    roomsOf: (node: string) => `${p}rooms:${node}`,
    alive: (node: string) => `${p}alive:${node}`,
    sweepLock: (node: string) => `${p}sweep:${node}`,
    nodes: `${p}nodes`,
  };
}

/** `[userId, username, …]` from a script → UserRefs. */
function users(flat: unknown): UserRef[] {
  if (!Array.isArray(flat)) return [];
  const out: UserRef[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push({ id: Number(flat[i]), username: String(flat[i + 1]) });
  return out;
}
