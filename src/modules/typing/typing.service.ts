import type { Limits } from '../../config.js';
import { catchUp, feed, type Feed } from '../../realtime/feed.js';
import type { Membership } from '../conversations/conversations.service.js';
import type { ConversationsService } from '../conversations/conversations.service.js';
import type { ConversationEvent, EventBus } from '../events.js';
import type { RateLimits } from '../limits/rate-limits.js';
import { mapOnce, type LiveEvents } from '../live-events.js';
import type { BlocksService, HiddenUsers } from '../people/blocks.service.js';
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
    private readonly blocks: Pick<BlocksService, 'hiddenFrom'>,
    private readonly rateLimits: RateLimits,
    private readonly limits: Limits,
  ) {}

  async setTyping(viewer: Viewer, input: { conversation: string; typing: boolean }): Promise<boolean> {
    const conv = await this.conversations.open(viewer, input.conversation);
    await this.publish(viewer, conv, input.typing);
    return input.typing;
  }

  /** Typing events of the other participants of a conversation the viewer belongs to, but for users the viewer has blocked. */
  follow(viewer: Viewer, conv: Membership): Feed<TypingUpdate> {
    return feed((sink) => {
      // whom the viewer blocked is read while the stream is joined (what is heard meanwhile waits for it)
      let hidden: HiddenUsers | null = null;
      let stopped = false;
      return catchUp<TypingUpdate>(
        {
          join: (s) =>
            this.live.conversation(conv, {
              next: (e) => e.kind === 'typing' && e.user.id !== viewer.id && s.next(this.#update(e)),
              error: (e) => s.error(e),
            }),
          start: async () => {
            const h = await this.blocks.hiddenFrom(viewer);
            if (stopped) h.stop();
            else hidden = h;
          },
          settle: (held, _overflowed, emit) => emit(held),
          stop: () => {
            stopped = true;
            hidden?.stop();
          },
          holdMax: this.limits.replayBatchSize,
        },
        { next: (u) => hidden?.has(u.user.id) || sink.next(u), error: (e) => sink.error(e), ready: () => sink.ready?.() ?? Promise.resolve() },
      );
    }, this.limits.subscriptionBacklogMax);
  }

  /** For transports that already hold a checked membership (a joined legacy room). RATE_LIMIT_SIGNALS applies. */
  async publish(viewer: Viewer, conv: { id: string; name: string }, typing: boolean): Promise<void> {
    await this.rateLimits.consume('signals', viewer.id);
    this.bus.publish('conversation', conv.id, { kind: 'typing', conversationId: conv.id, conversationName: conv.name, user: viewer, typing });
  }
}
