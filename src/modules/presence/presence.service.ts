import type { Bus } from '../../realtime/bus.js';
import type { ConversationEvent } from '../../realtime/events.js';
import { topicFeed } from '../../realtime/feed.js';
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
    private readonly bus: Bus,
    private readonly store: PresenceStore,
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
   * join, which the snapshot already shows).
   */
  follow(viewer: Viewer, conv: { id: string; name: string }): AsyncIterableIterator<PresenceUpdate> {
    let leave: (() => Promise<void>) | undefined;
    // Events heard before the snapshot is read are already in it; delivered after it they would repeat
    // it, or briefly show an older online list. The subscriber's own JOIN is never news to them: they
    // are online while subscribed (and on a cross-node bus their echo may arrive after the snapshot).
    let snapshotRead = false;
    const news = (e: ConversationEvent) =>
      snapshotRead && e.kind === 'presence' && !(e.action === 'join' && e.user.id === viewer.id) ? e : undefined;
    return topicFeed<'conversation', PresenceUpdate>(
      this.bus,
      'conversation',
      conv.id,
      (event) => {
        const e = news(event);
        return e && { kind: e.action, conversationName: conv.name, user: e.user, online: e.online };
      },
      {
        start: async () => {
          leave = await this.join(viewer, conv.id);
          // from here on, events are delivered: one published while the list is read may repeat it, none is lost
          snapshotRead = true;
          return [{ kind: 'snapshot', conversationName: conv.name, user: null, online: await this.online(conv.id) }];
        },
        stop: () => leave?.(),
      },
    );
  }

  private async publish(user: UserRef, conversationId: string, action: 'join' | 'leave'): Promise<void> {
    const online = await this.store.list(conversationId);
    this.bus.publish('conversation', conversationId, { kind: 'presence', conversationId, user, action, online });
  }
}
