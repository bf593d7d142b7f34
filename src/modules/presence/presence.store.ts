import type { UserRef } from '../types.js';

/** A user came online or went offline in a conversation for a reason other than this node's add/remove. */
export type PresenceChangeListener = (conversationId: string, user: UserRef, action: 'join' | 'leave') => Promise<void> | void;

/**
 * Connection counts per (conversation, user). `add` says whether this was the user's first connection
 * there, `remove` whether it was the last. The in-memory store serves one node; a shared store
 * (Redis: redis-presence.store.ts) serves many.
 */
export interface PresenceStore {
  add(conversationId: string, user: UserRef): Promise<boolean>;
  remove(conversationId: string, user: UserRef): Promise<boolean>;
  list(conversationId: string): Promise<UserRef[]>;
  /**
   * Shared stores: changes that no add/remove of this node reported, e.g. the connections of a node
   * that died without a goodbye expiring.
   */
  watch?(listener: PresenceChangeListener): void;
}

export class MemoryPresenceStore implements PresenceStore {
  readonly #rooms = new Map<string, Map<number, { user: UserRef; connections: number }>>();

  async add(conversationId: string, user: UserRef): Promise<boolean> {
    let room = this.#rooms.get(conversationId);
    if (!room) this.#rooms.set(conversationId, (room = new Map()));
    const entry = room.get(user.id);
    if (entry) {
      entry.connections += 1;
      return false;
    }
    room.set(user.id, { user: { id: user.id, username: user.username }, connections: 1 });
    return true;
  }

  async remove(conversationId: string, user: UserRef): Promise<boolean> {
    const room = this.#rooms.get(conversationId);
    const entry = room?.get(user.id);
    if (!room || !entry) return false;
    entry.connections -= 1;
    if (entry.connections > 0) return false;
    room.delete(user.id);
    if (room.size === 0) this.#rooms.delete(conversationId);
    return true;
  }

  async list(conversationId: string): Promise<UserRef[]> {
    return [...(this.#rooms.get(conversationId)?.values() ?? [])].map((e) => e.user).sort((a, b) => a.id - b.id);
  }
}
