import type { Limits } from '../../config.js';
import { catchUp, feed, type Feed } from '../../realtime/feed.js';
import type { ConversationEvent, EventBus } from '../events.js';
import type { LiveEvents } from '../live-events.js';
import type { BlocksService, HiddenUsers } from '../people/blocks.service.js';
import type { ConversationRef } from '../messages/message.mapper.js';
import type { UserRef, Viewer } from '../types.js';
import type { PresenceStore } from './presence.store.js';

type PresenceEvent = Extract<ConversationEvent, { kind: 'presence' }>;

/** The store's key for "has a WebSocket open anywhere" (conversation ids are UUIDs: no clash). */
const CONNECTED = 'connected';

export interface PresenceUpdate {
  kind: 'snapshot' | 'join' | 'leave';
  conversationName: string;
  /** who joined or left; null for the snapshot */
  user: UserRef | null;
  online: UserRef[];
}

/**
 * Who is online in which conversation, counted per connection: a user with two tabs stays online until
 * the last one closes. A user's first connection to a room publishes `join`, their last `leave`.
 */
export class PresenceService {
  readonly #updates = new WeakMap<PresenceEvent, PresenceUpdate>();
  constructor(
    private readonly bus: EventBus,
    private readonly live: LiveEvents,
    private readonly store: PresenceStore,
    private readonly blocks: Pick<BlocksService, 'hiddenFrom' | 'hasBlocked'>,
    /** stores when a user was last seen (null: connected now) */
    private readonly lastSeen: (userId: number, at: Date | null) => Promise<void>,
    private readonly limits: Limits,
  ) {
    // A node died without a goodbye (or Redis lost and regained this node's counts): say who went or came back.
    store.watch?.((conversationId, user, action) =>
      conversationId === CONNECTED ? this.lastSeen(user.id, action === 'join' ? null : new Date()) : this.publish(user, conversationId, action),
    );
  }

  /** A WebSocket of the user opened (either dialect, any node): from the first one, they are not "last seen" but here. */
  async connected(user: UserRef): Promise<void> {
    if (await this.store.add(CONNECTED, { id: user.id, username: user.username })) await this.lastSeen(user.id, null);
  }

  /** A WebSocket of the user closed: the last one (on every node) sets when they were last seen. */
  async disconnected(user: UserRef): Promise<void> {
    if (await this.store.remove(CONNECTED, { id: user.id, username: user.username })) await this.lastSeen(user.id, new Date());
  }

  /** Counts one connection of the viewer to the conversation; call the returned function when it closes. */
  async join(viewer: Viewer, conversationId: string): Promise<() => Promise<void>> {
    const user = { id: viewer.id, username: viewer.username };
    if (await this.store.add(conversationId, user)) await this.publish(user, conversationId, 'join');
    let left = false;
    return async () => {
      if (left) return;
      left = true;
      if (await this.store.remove(conversationId, user)) await this.publish(user, conversationId, 'leave');
    };
  }

  online(conversationId: string): Promise<UserRef[]> {
    return this.store.list(conversationId);
  }

  /** Who is online in the conversation as the viewer sees it: users the viewer has blocked are left out. */
  async onlineFor(viewer: Viewer, conversationId: string): Promise<UserRef[]> {
    const online = await this.store.list(conversationId);
    const blocked = await Promise.all(online.map((u) => this.blocks.hasBlocked(viewer.id, u.id)));
    return online.filter((_u, i) => !blocked[i]);
  }

  /**
   * A presence subscription: the subscriber counts as connected while it lasts. First a snapshot of who
   * is online (the subscriber included), then every join and leave after it (not the subscriber's own
   * join, which the snapshot already shows). What was heard while the snapshot was read is already in it.
   * Users the viewer has blocked are never shown: not in the lists, not joining or leaving.
   */
  follow(viewer: Viewer, conv: ConversationRef): Feed<PresenceUpdate> {
    return feed((sink) => {
      let leave: (() => Promise<void>) | undefined;
      let stopped = false;
      // events heard before the subscriber's own join counted are in the snapshot (delivered after it they
      // would repeat it or show an older list); from then on one may repeat it, none is lost
      let joined = false;
      let hidden: HiddenUsers | null = null;
      const visible = (users: UserRef[]) => (hidden ? users.filter((u) => !hidden!.has(u.id)) : users);
      return catchUp<PresenceUpdate>(
        {
          join: (s) =>
            this.live.conversation(conv, {
              next: (e) => {
                // the subscriber's own join is never news to them (on a cross-node bus its echo may come late)
                if (!joined || e.kind !== 'presence' || (e.action === 'join' && e.user.id === viewer.id) || hidden?.has(e.user.id)) return;
                // one object for every subscriber who sees the whole list (rendered once); else the viewer's own
                const whole = !e.online.some((u) => hidden?.has(u.id));
                s.next(whole ? this.#update(e, conv.name) : { kind: e.action, conversationName: conv.name, user: e.user, online: visible(e.online) });
              },
              error: (e) => s.error(e),
            }),
          start: async (emit) => {
            const h = await this.blocks.hiddenFrom(viewer);
            if (stopped) return h.stop();
            hidden = h;
            const left = await this.join(viewer, conv.id);
            if (stopped) return void left().catch(() => undefined);
            leave = left;
            joined = true;
            return emit([{ kind: 'snapshot', conversationName: conv.name, user: null, online: visible(await this.online(conv.id)) }]);
          },
          settle: (held, _overflowed, emit) => emit(held),
          stop: () => {
            stopped = true;
            hidden?.stop();
            // a leave reports its own failures; the subscriber is gone
            void leave?.().catch(() => undefined);
          },
          holdMax: this.limits.replayBatchSize,
        },
        sink,
      );
    }, this.limits.subscriptionBacklogMax);
  }

  /** The update of a presence event as every subscriber who hides nobody in it sees it: one object per event. */
  #update(e: PresenceEvent, conversationName: string): PresenceUpdate {
    let update = this.#updates.get(e);
    if (!update) this.#updates.set(e, (update = { kind: e.action, conversationName, user: e.user, online: e.online }));
    return update;
  }

  private async publish(user: UserRef, conversationId: string, action: 'join' | 'leave'): Promise<void> {
    const online = await this.store.list(conversationId);
    this.bus.publish('conversation', conversationId, { kind: 'presence', conversationId, user, action, online });
  }
}
