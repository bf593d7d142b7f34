import type { Bus } from '../../realtime/bus.js';
import type { ConversationsService } from '../conversations/conversations.service.js';
import { topicFeed } from '../../realtime/feed.js';
import type { Membership } from '../conversations/conversations.service.js';
import type { RateLimits } from '../limits/rate-limits.js';
import type { UserRef, Viewer } from '../types.js';

export interface TypingUpdate {
  conversationName: string;
  user: UserRef;
  typing: boolean;
}

/** Typing indicators: checked, published, never stored. */
export class TypingService {
  constructor(
    private readonly bus: Bus,
    private readonly conversations: ConversationsService,
    private readonly rateLimits: RateLimits,
  ) {}

  async setTyping(viewer: Viewer, input: { conversation: string; typing: boolean }): Promise<boolean> {
    const conv = await this.conversations.open(viewer, input.conversation);
    await this.publish(viewer, conv.id, input.typing);
    return input.typing;
  }

  /** Typing events of the other participants of a conversation the viewer belongs to. */
  follow(viewer: Viewer, conv: Membership): AsyncIterableIterator<TypingUpdate> {
    return topicFeed(this.bus, 'conversation', conv.id, (e) =>
      e.kind === 'typing' && e.user.id !== viewer.id ? { conversationName: conv.name, user: e.user, typing: e.typing } : undefined,
    );
  }

  /** For transports that already hold a checked membership (a joined legacy room). RATE_LIMIT_SIGNALS applies. */
  async publish(viewer: Viewer, conversationId: string, typing: boolean): Promise<void> {
    await this.rateLimits.consume('signals', viewer.id);
    this.bus.publish('conversation', conversationId, { kind: 'typing', conversationId, user: viewer, typing });
  }
}
