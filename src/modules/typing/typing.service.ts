import type { Limits } from '../../config.js';
import { feed, type Feed } from '../../realtime/feed.js';
import type { Membership } from '../conversations/conversations.service.js';
import type { ConversationsService } from '../conversations/conversations.service.js';
import type { ConversationEvent, EventBus } from '../events.js';
import type { RateLimits } from '../limits/rate-limits.js';
import { mapOnce, type LiveEvents } from '../live-events.js';
import type { UserRef, Viewer } from '../types.js';

export interface TypingUpdate {
  conversationName: string;
  user: UserRef;
  typing: boolean;
}

/** Typing indicators: checked, published, never stored. */
export class TypingService {
  readonly #update = mapOnce(
    (e: Extract<ConversationEvent, { kind: 'typing' }>): TypingUpdate => ({ conversationName: e.conversationName, user: e.user, typing: e.typing }),
  );

  constructor(
    private readonly bus: EventBus,
    private readonly live: LiveEvents,
    private readonly conversations: ConversationsService,
    private readonly rateLimits: RateLimits,
    private readonly limits: Limits,
  ) {}

  async setTyping(viewer: Viewer, input: { conversation: string; typing: boolean }): Promise<boolean> {
    const conv = await this.conversations.open(viewer, input.conversation);
    await this.publish(viewer, conv, input.typing);
    return input.typing;
  }

  /** Typing events of the other participants of a conversation the viewer belongs to. */
  follow(viewer: Viewer, conv: Membership): Feed<TypingUpdate> {
    return feed((sink) => {
      const attachment = this.live.conversation(conv, {
        next: (e) => e.kind === 'typing' && e.user.id !== viewer.id && sink.next(this.#update(e)),
        error: (e) => sink.error(e),
      });
      return () => attachment.detach();
    }, this.limits.subscriptionBacklogMax);
  }

  /** For transports that already hold a checked membership (a joined legacy room). RATE_LIMIT_SIGNALS applies. */
  async publish(viewer: Viewer, conv: { id: string; name: string }, typing: boolean): Promise<void> {
    await this.rateLimits.consume('signals', viewer.id);
    this.bus.publish('conversation', conv.id, { kind: 'typing', conversationId: conv.id, conversationName: conv.name, user: viewer, typing });
  }
}
