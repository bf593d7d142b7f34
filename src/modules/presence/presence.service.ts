import type { Limits } from '../../config.js';
import { catchUp, feed, type Feed } from '../../realtime/feed.js';
import type { EventBus } from '../events.js';
import type { LiveEvents } from '../live-events.js';
import type { ConversationRef } from '../messages/message.mapper.js';
import type { UserRef, Viewer } from '../types.js';
import type { PresenceStore } from './presence.store.js';

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
  constructor(
    private readonly bus: EventBus,
    private readonly live: LiveEvents,
    private readonly store: PresenceStore,
    private readonly limits: Limits,
  ) {
    // A node died without a goodbye (or Redis lost and regained this node's counts): say who went or came back.
    store.watch?.((conversationId, user, action) => this.publish(user, conversationId, action));
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

  /**
   * A presence subscription: the subscriber counts as connected while it lasts. First a snapshot of who
   * is online (the subscriber included), then every join and leave after it (not the subscriber's own
   * join, which the snapshot already shows). What was heard while the snapshot was read is already in it.
   */
  follow(viewer: Viewer, conv: ConversationRef): Feed<PresenceUpdate> {
    return feed((sink) => {
      let leave: (() => Promise<void>) | undefined;
      let stopped = false;
      // events heard before the subscriber's own join counted are in the snapshot (delivered after it they
      // would repeat it or show an older list); from then on one may repeat it, none is lost
      let joined = false;
      return catchUp<PresenceUpdate>(
        {
          join: (s) =>
            this.live.conversation(conv, {
              next: (e) => {
                // the subscriber's own join is never news to them (on a cross-node bus its echo may come late)
                if (!joined || e.kind !== 'presence' || (e.action === 'join' && e.user.id === viewer.id)) return;
                s.next({ kind: e.action, conversationName: conv.name, user: e.user, online: e.online });
              },
              error: (e) => s.error(e),
            }),
          start: async (emit) => {
            const left = await this.join(viewer, conv.id);
            if (stopped) return void left().catch(() => undefined);
            leave = left;
            joined = true;
            return emit([{ kind: 'snapshot', conversationName: conv.name, user: null, online: await this.online(conv.id) }]);
          },
          settle: (held, _overflowed, emit) => emit(held),
          stop: () => {
            stopped = true;
            // a leave reports its own failures; the subscriber is gone
            void leave?.().catch(() => undefined);
          },
          holdMax: this.limits.replayBatchSize,
        },
        sink,
      );
    }, this.limits.subscriptionBacklogMax);
  }

  private async publish(user: UserRef, conversationId: string, action: 'join' | 'leave'): Promise<void> {
    const online = await this.store.list(conversationId);
    this.bus.publish('conversation', conversationId, { kind: 'presence', conversationId, user, action, online });
  }
}
