import type { Attachment, LiveStreams, Sink } from '../realtime/live-streams.js';
import { SequenceOrder } from '../realtime/sequence-order.js';
import type { ConversationEvent, EventBus, SessionEnded, UserEvent } from './events.js';
import type { ChatMessage } from './types.js';

type ConversationRef = { id: string; name: string; participants: { id: number; username: string }[] };

/** What a conversation's stream reads from the database. */
export interface StreamReads {
  /** the conversation's newest stored seq (0: none): where its live stream starts */
  lastSeq(conversationId: string): Promise<number>;
  /** stored messages with after < seq <= upTo, oldest first (a gap the bus left) */
  between(conversation: ConversationRef, after: number, upTo: number): Promise<ChatMessage[]>;
}

/**
 * The domain's live streams, one per conversation and per user on each node, shared by every consumer
 * (GraphQL subscriptions, the shared fan-out, legacy sockets): the only place that listens on the bus.
 * A conversation's messages come out in sequence order, across nodes, with gaps read from the
 * database (SequenceOrder); its other events as heard.
 */
export class LiveEvents {
  constructor(
    private readonly bus: EventBus,
    private readonly streams: LiveStreams,
    private readonly reads: StreamReads,
    private readonly orderWaitMs: number,
  ) {}

  /**
   * The conversation's stream starts at its newest stored message: every message after it goes out in
   * order, whatever node published it, and one the bus lost is read from the database when the next
   * one shows the gap (so a subscriber that caught up from the database is never left behind).
   */
  conversation(conversation: ConversationRef, sink: Sink<ConversationEvent>): Attachment {
    const id = conversation.id;
    return this.streams.attach<ConversationEvent>(
      `conversation:${id}`,
      (up) => {
        const order = new SequenceOrder<ConversationEvent>(
          null,
          (event) => up.next(event),
          async (after, upTo) =>
            (await this.reads.between(conversation, after, upTo)).map((message) => {
              const event: ConversationEvent = { kind: 'message', message, previousSeq: null };
              return { item: event, seq: message.seq, previousSeq: null };
            }),
          this.orderWaitMs,
        );
        const off = this.bus.listen('conversation', id, (event) => {
          if (event.kind === 'message') order.offer({ item: event, seq: event.message.seq, previousSeq: event.previousSeq });
          else up.next(event);
        });
        // listening first, then the position: a message committed after the read is heard
        const listening = this.bus.whenListening('conversation', id).then(() =>
          this.reads.lastSeq(id).then(
            (seq) => order.begin(seq),
            () => order.begin(null),
          ),
        );
        return {
          stop: () => {
            off();
            order.close();
          },
          listening,
        };
      },
      sink,
    );
  }

  /** Every session that ends, on any node (one stream per node). */
  sessions(sink: Sink<SessionEnded>): Attachment {
    return this.streams.attach<SessionEnded>(
      'sessions',
      (up) => ({ stop: this.bus.listen('sessions', 'all', (event) => up.next(event)), listening: this.bus.whenListening('sessions', 'all') }),
      sink,
    );
  }

  user(userId: number, sink: Sink<UserEvent>): Attachment {
    return this.streams.attach<UserEvent>(
      `user:${userId}`,
      (up) => ({ stop: this.bus.listen('user', userId, (event) => up.next(event)), listening: this.bus.whenListening('user', userId) }),
      sink,
    );
  }
}

/**
 * `map` memoized per source object: every consumer of a shared stream gets the same mapped object for
 * the same event, so what is rendered from it is rendered once (the fan-out caches by object).
 */
export function mapOnce<S extends object, R>(map: (source: S) => R): (source: S) => R {
  const memo = new WeakMap<S, R>();
  return (source) => {
    if (memo.has(source)) return memo.get(source)!;
    const mapped = map(source);
    memo.set(source, mapped);
    return mapped;
  };
}
