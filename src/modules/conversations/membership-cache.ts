import type { UserRef } from '../types.js';

export interface CachedMembership {
  id: string;
  name: string;
  participants: UserRef[];
  /** a DM's participants who have blocked the other (the other is answered as a stranger) */
  blockers: number[];
}

/**
 * Conversation names already resolved to an existing conversation. A DM or an id-group IS its
 * participant set, so its entry never goes stale for membership; a named group's is dropped at once
 * when its members change, and a DM's when a block changes who may open it (`forget`, told by every
 * node). Every entry goes after `ttlMs`, so a deactivated user stops resolving within that time.
 * Bounded, least recently used first out.
 */
export class MembershipCache {
  readonly #entries = new Map<string, { value: CachedMembership; expires: number }>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
  ) {}

  get(name: string, now = Date.now()): CachedMembership | undefined {
    const entry = this.#entries.get(name);
    if (!entry) return undefined;
    this.#entries.delete(name);
    if (entry.expires < now) return undefined;
    this.#entries.set(name, entry);
    return entry.value;
  }

  /** Drops every entry `stale` says is (a change of who may open them); a bounded walk, for rare changes. */
  forget(stale: (value: CachedMembership) => boolean): void {
    for (const [name, entry] of this.#entries) if (stale(entry.value)) this.#entries.delete(name);
  }

  clear(): void {
    this.#entries.clear();
  }

  set(name: string, value: CachedMembership, now = Date.now()): void {
    if (this.maxEntries <= 0) return;
    this.#entries.delete(name);
    this.#entries.set(name, { value, expires: now + this.ttlMs });
    while (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }
}
