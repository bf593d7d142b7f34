import type { Attachment, LiveStreams, Sink } from '../realtime/live-streams.js';
import { SequenceOrder } from '../realtime/sequence-order.js';
import type { AccessItem, ChangeEvent, ConversationEvent, EventBus, LinkRecovered, SessionEnded, UserStreamItem } from './events.js';
import { noTelemetry, type Telemetry } from './telemetry.js';
import { TypingClock } from './typing/typing-clock.js';
import type { ChatMessage } from './types.js';

type ConversationRef = { id: string; name: string; participants: { id: number; username: string }[] };

/** What the streams read from the database. */
export interface StreamReads {
  /** the conversation's newest stored seq (0: none): where its live stream starts */
  lastSeq(conversationId: string): Promise<number>;
  /** stored messages with after < seq <= upTo, oldest first (a gap the bus left) */
  between(conversation: ConversationRef, after: number, upTo: number): Promise<ChatMessage[]>;
  /** the change log's newest event (0: none): where the change stream starts */
  lastEventSeq(): Promise<number>;
  /** change-log events with after < seq <= upTo, oldest first (a gap the bus left) */
  changesBetween(after: number, upTo: number): Promise<ChangeEvent[]>;
}

/**
 * The domain's live streams, one per conversation and per user on each node, shared by every consumer
 * (GraphQL subscriptions, the shared fan-out, legacy sockets): the only place that listens on the bus.
 * A conversation's messages come out in sequence order, across nodes, with gaps read from the
 * database (SequenceOrder); its other events as heard.
 */
export class LiveEvents {
  /** the open conversation streams' orders, and the open user streams: what a recovered link resyncs */
  readonly #orders = new Map<string, SequenceOrder<ConversationEvent>>();
  readonly #users = new Map<number, Sink<UserStreamItem>>();
  /** the access stream, while it is open */
  #access: Sink<AccessItem> | null = null;
  /** the change stream's order, while it is open */
  #changes: SequenceOrder<ChangeEvent> | null = null;

  constructor(
    private readonly bus: EventBus,
    private readonly streams: LiveStreams,
    private readonly reads: StreamReads,
    private readonly timing: { orderWaitMs: number; typingTtlMs: number },
    private readonly onError: (error: unknown) => void,
    private readonly telemetry: Telemetry = noTelemetry,
  ) {
    // a node's link to the others came back (any node's: its publishes may have been lost too):
    // conversations read what they missed from the database, user streams say they may have missed some
    streams.attach<LinkRecovered>(
      'nodes',
      (up) => ({ stop: this.bus.listen('nodes', 'all', (e) => up.next(e)), listening: this.bus.whenListening('nodes', 'all') }),
      { next: () => this.resync(), error: onError },
    );
  }

  /** Tells every node (this one included) that events may have been missed while this node's link was down. */
  linkRecovered(node: string): void {
    this.bus.publish('nodes', 'all', { kind: 'link-recovered', node });
  }

  private resync(): void {
    for (const [conversationId, order] of this.#orders) {
      this.reads.lastSeq(conversationId).then((seq) => order.reach(seq), this.onError);
    }
    for (const up of this.#users.values()) up.next({ kind: 'missed' });
    this.#access?.next({ kind: 'missed' });
    const changes = this.#changes;
    if (changes) this.reads.lastEventSeq().then((seq) => changes.reach(seq), this.onError);
  }

  /**
   * The change log as this node hears it, in log order (every conversation's; one stream per node,
   * opened while someone follows it): it starts at the newest stored event, and an event the bus lost
   * or delivered late is read from the database when the next one shows the gap.
   */
  changes(sink: Sink<ChangeEvent>): Attachment {
    return this.streams.attach<ChangeEvent>(
      'changes',
      (up) => {
        const order = new SequenceOrder<ChangeEvent>(
          null,
          (event) => up.next(event),
          async (after, upTo) => (await this.reads.changesBetween(after, upTo)).map((event) => ({ item: event, seq: event.seq, previousSeq: null })),
          this.timing.orderWaitMs,
        );
        this.#changes = order;
        const off = this.bus.listen('events', 'all', (event) => order.offer({ item: event, seq: event.seq, previousSeq: event.previousSeq }));
        const listening = beginWhenListening(this.bus.whenListening('events', 'all'), () => this.reads.lastEventSeq(), order);
        return {
          stop: () => {
            off();
            order.close();
            if (this.#changes === order) this.#changes = null;
          },
          listening,
        };
      },
      sink,
    );
  }

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
        // typing ends by itself (a time without renewal, the typist's message, their leaving): said here
        const typing = new TypingClock(this.timing.typingTtlMs, (event) => up.next(event));
        const order = new SequenceOrder<ConversationEvent>(
          null,
          (event) => {
            if (event.kind === 'message') this.telemetry.streamed(Date.now() - Date.parse(event.message.createdAt));
            if (typing.pass(event)) up.next(event);
          },
          async (after, upTo) =>
            (await this.reads.between(conversation, after, upTo)).map((message) => {
              const event: ConversationEvent = { kind: 'message', message, previousSeq: null };
              return { item: event, seq: message.seq, previousSeq: null };
            }),
          this.timing.orderWaitMs,
        );
        const off = this.bus.listen('conversation', id, (event) => {
          if (event.kind === 'message') order.offer({ item: event, seq: event.message.seq, previousSeq: event.previousSeq });
          else if (typing.pass(event)) up.next(event);
        });
        this.#orders.set(id, order);
        // listening first, then the position: a message committed after the read is heard
        const listening = beginWhenListening(this.bus.whenListening('conversation', id), () => this.reads.lastSeq(id), order);
        return {
          stop: () => {
            off();
            order.close();
            typing.close();
            if (this.#orders.get(id) === order) this.#orders.delete(id);
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

  /** Every change of who may see what (blocks), on any node (one stream per node); `missed` after a lost link. */
  access(sink: Sink<AccessItem>): Attachment {
    return this.streams.attach<AccessItem>(
      'access',
      (up) => {
        this.#access = up;
        const off = this.bus.listen('access', 'all', (event) => up.next(event));
        return {
          stop: () => {
            off();
            if (this.#access === up) this.#access = null;
          },
          listening: this.bus.whenListening('access', 'all'),
        };
      },
      sink,
    );
  }

  user(userId: number, sink: Sink<UserStreamItem>): Attachment {
    return this.streams.attach<UserStreamItem>(
      `user:${userId}`,
      (up) => {
        this.#users.set(userId, up);
        const off = this.bus.listen('user', userId, (event) => up.next(event));
        return {
          stop: () => {
            off();
            if (this.#users.get(userId) === up) this.#users.delete(userId);
          },
          listening: this.bus.whenListening('user', userId),
        };
      },
      sink,
    );
  }
}

/**
 * Listening first, then the stored position: an event committed after the read is heard. A position
 * that cannot be read leaves the order to start at the first event it hears.
 */
function beginWhenListening<T>(listening: Promise<void>, position: () => Promise<number>, order: SequenceOrder<T>): Promise<void> {
  return listening.then(() =>
    position().then(
      (seq) => order.begin(seq),
      () => order.begin(null),
    ),
  );
}

/** A feed that cannot tell what it missed while the link between nodes was down ends with this: its client reconnects. */
export class EventsMissed extends Error {
  constructor() {
    super('Events may have been missed while the link between nodes was down: reconnect.');
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
