import type { Limits } from '../../config.js';
import { catchUp, feed, type Emit, type Feed } from '../../realtime/feed.js';
import type { Sink } from '../../realtime/live-streams.js';
import { changedConversationId, type ChangeEvent, type ConversationEvent, type UserEvent } from '../events.js';
import { strangerError } from '../conversations/conversations.service.js';
import { changeEvents, type ConversationRefs } from './change-events.js';
import type { ChangeScope } from './message-sql.js';
import { EventsMissed, mapOnce, type LiveEvents } from '../live-events.js';
import type { ChatMessage, MessageWithReads, UserRef } from '../types.js';
import type { MessageStore } from './message-store.js';
import { toChatMessage, type ConversationRef } from './message.mapper.js';

export interface UnreadUpdate {
  total: number;
  /** the conversation whose count changed; null on the first (snapshot) update */
  conversationId: string | null;
  conversationUnread: number | null;
}

export interface ReadReceipt {
  conversationId: string;
  conversationName: string;
  user: UserRef;
  lastReadMessageId: string | null;
  at: string;
}

/** What the legacy chat socket shows: its connect snapshot, then the conversation's events. */
export type ConversationItem<S> = { kind: 'snapshot'; value: S } | ConversationEvent;

/** What the legacy notification socket shows: the unread total, then notifications and counts. */
export type NotificationItem = { kind: 'total'; total: number } | UserEvent;

/**
 * The live side of messages, as feeds (realtime/feed.ts): each method is given a conversation the
 * caller has already checked, and every feed reads the shared streams of LiveEvents, never the bus.
 */
export class MessageFeeds {
  /** A just-published message as every follower sees it (nobody but its sender has read it yet): one object per message. */
  readonly #liveItem = mapOnce((message: ChatMessage): MessageWithReads => ({ message, reads: {} }));
  readonly #receipt = mapOnce(
    (e: Extract<ConversationEvent, { kind: 'read' }>): ReadReceipt => ({
      conversationId: e.conversationId,
      conversationName: e.conversationName,
      user: e.user,
      lastReadMessageId: e.lastReadMessageId,
      at: e.at,
    }),
  );

  constructor(
    private readonly live: LiveEvents,
    private readonly store: MessageStore,
    private readonly limits: Limits,
    private readonly refs: ConversationRefs,
  ) {}

  /**
   * Every change of a message the viewer can see (added, edited, deleted, reactions), of one
   * conversation (already checked) or of all the viewer's, in change-log order. With `afterSeq`, first
   * every stored change after it (paced by the subscriber), then live ones: no gap, no duplicate.
   */
  changes(viewer: UserRef, conv: ConversationRef | null, afterSeq: number | null): Feed<ChangeEvent> {
    const mine = conv ? (e: ChangeEvent) => changedConversationId(e) === conv.id : (e: ChangeEvent) => sees(viewer, e);
    const scope: ChangeScope = conv ? { conversationId: conv.id } : { viewerId: viewer.id };
    return feed((sink) => {
      let last = afterSeq ?? 0;
      const onward: Sink<ChangeEvent> = {
        next: (e) => {
          if (e.seq <= last) return;
          last = e.seq;
          sink.next(e);
          // one conversation's changes end with the viewer's removal from it, told first (ADR 026)
          if (conv && 'removed' in e && e.removed.some((u) => u.id === viewer.id)) sink.error(strangerError());
        },
        error: (e) => sink.error(e),
        ready: () => sink.ready?.() ?? Promise.resolve(),
      };
      const join = (s: Sink<ChangeEvent>) => this.live.changes({ next: (e) => mine(e) && s.next(e), error: (e) => s.error(e) });
      if (afterSeq === null) {
        const attachment = join(onward);
        return () => attachment.detach();
      }
      const replay = async (emit: Emit<ChangeEvent>) => {
        for (let cursor = last; ; ) {
          const page = await this.store.changesAfter(scope, cursor, null, this.limits.replayBatchSize);
          const lastRow = page.at(-1);
          if (!lastRow) return;
          if (!(await emit(await changeEvents(page, this.refs)))) return;
          if (page.length < this.limits.replayBatchSize) return;
          cursor = lastRow.seq;
        }
      };
      return catchUp<ChangeEvent>(
        { join, start: replay, settle: (held, overflowed, emit) => (overflowed ? replay(emit) : emit(held)), holdMax: this.limits.replayBatchSize },
        onward,
      );
    }, this.limits.subscriptionBacklogMax);
  }

  /**
   * New messages of a conversation. With `afterSeq`, first every stored message after it (oldest
   * first, paced by the subscriber), then live ones, with no gap and no duplicate: the live stream is
   * joined before the database is read, and a message is delivered only past the last one delivered.
   */
  follow(conv: ConversationRef, afterSeq: number | null): Feed<MessageWithReads> {
    return feed((sink) => {
      let last = afterSeq ?? 0;
      const onward: Sink<MessageWithReads> = {
        next: (item) => {
          if (item.message.seq <= last) return;
          last = item.message.seq;
          sink.next(item);
        },
        error: (e) => sink.error(e),
        ready: () => sink.ready?.() ?? Promise.resolve(),
      };
      const join = (s: Sink<MessageWithReads>) =>
        this.live.conversation(conv, { next: (e) => e.kind === 'message' && s.next(this.#liveItem(e.message)), error: (e) => s.error(e) });
      if (afterSeq === null) {
        const attachment = join(onward);
        return () => attachment.detach();
      }
      const replay = (emit: Emit<MessageWithReads>) => this.replay(conv, last, emit);
      return catchUp<MessageWithReads>(
        {
          join,
          start: replay,
          // what was heard while replaying: what the replay did not give (or, if too much was heard, read again)
          settle: (held, overflowed, emit) => (overflowed ? replay(emit) : emit(held)),
          holdMax: this.limits.replayBatchSize,
        },
        onward,
      );
    }, this.limits.subscriptionBacklogMax);
  }

  /** New messages to the viewer in any of their conversations. */
  notifications(viewer: UserRef): Feed<ChatMessage> {
    return feed((sink) => {
      // (notifications lost while the link between nodes was down are lost: messageAdded(after:) is the durable stream)
      const attachment = this.live.user(viewer.id, { next: (e) => e.kind === 'notification' && sink.next(e.message), error: (e) => sink.error(e) });
      return () => attachment.detach();
    }, this.limits.subscriptionBacklogMax);
  }

  /**
   * The viewer's unread counts: the current total first, then every change (from any device or node).
   * Changes heard while the first total was read may predate it, so a fresh total follows them.
   */
  unreadUpdates(viewer: UserRef): Feed<UnreadUpdate> {
    const snapshot = async (): Promise<UnreadUpdate> => ({ total: await this.store.unreadTotal(viewer.id), conversationId: null, conversationUnread: null });
    const unread = mapOnce((e: Extract<UserEvent, { kind: 'unread' }>): UnreadUpdate => ({ total: e.total, conversationId: e.conversationId, conversationUnread: e.conversationUnread }));
    return feed(
      (sink) =>
        catchUp<UnreadUpdate>(
          {
            join: (s) =>
              this.live.user(viewer.id, {
                next: (e) => {
                  if (e.kind === 'unread') s.next(unread(e));
                  // counts published while the link between nodes was down may be lost: the current total
                  else if (e.kind === 'missed') snapshot().then((v) => s.next(v), (err: unknown) => s.error(err));
                },
                error: (e) => s.error(e),
              }),
            start: async (emit) => emit([await snapshot()]),
            settle: async (held, _overflowed, emit) => emit([...held, await snapshot()]),
            holdMax: this.limits.replayBatchSize,
          },
          sink,
        ),
      this.limits.subscriptionBacklogMax,
    );
  }

  /**
   * The legacy notification socket: the unread total, then notifications and count changes. A count
   * heard while the total was read may be older or newer than it: the notifications heard meanwhile
   * go out, then a total read after them.
   */
  notificationEvents(viewer: UserRef): Feed<NotificationItem> {
    const total = async (): Promise<NotificationItem> => ({ kind: 'total', total: await this.store.unreadTotal(viewer.id) });
    return feed(
      (sink) =>
        catchUp<NotificationItem>(
          {
            // notifications lost while the link between nodes was down cannot be told apart: the socket is ended (ADR 018)
            // a muted conversation's count changes leave the total as it was: nothing to show
            join: (s) =>
              this.live.user(viewer.id, {
                next: (e) => (e.kind === 'missed' ? s.error(new EventsMissed()) : e.kind === 'unread' && e.quiet ? undefined : s.next(e)),
                error: (e) => s.error(e),
              }),
            start: async (emit) => emit([await total()]),
            settle: async (held, overflowed, emit) => {
              await emit(held.filter((e) => e.kind === 'notification'));
              if (overflowed || held.some((e) => e.kind === 'unread')) await emit([await total()]);
            },
            holdMax: this.limits.replayBatchSize,
          },
          sink,
        ),
      this.limits.subscriptionBacklogMax,
    );
  }

  /** Read receipts of a conversation. */
  readReceipts(conv: ConversationRef): Feed<ReadReceipt> {
    return feed((sink) => {
      const attachment = this.live.conversation(conv, {
        next: (e) => e.kind === 'read' && sink.next(this.#receipt(e)),
        error: (e) => sink.error(e),
      });
      return () => attachment.detach();
    }, this.limits.subscriptionBacklogMax);
  }

  /**
   * Everything that happens in a conversation, for a client that shows it whole (the legacy chat
   * socket): first the snapshot `start` reads (after the live stream is joined), then the live events;
   * messages the snapshot already has (seq <= its newest) are left out.
   */
  conversationEvents<S>(conv: ConversationRef, start: () => Promise<{ value: S; newestSeq: number }>, stop?: () => void): Feed<ConversationItem<S>> {
    return feed((sink) => {
      let newest = 0;
      const onward: Sink<ConversationItem<S>> = {
        next: (item) => {
          if (item.kind === 'message') {
            if (item.message.seq <= newest) return;
            newest = item.message.seq;
          }
          sink.next(item);
        },
        error: (e) => sink.error(e),
      };
      return catchUp<ConversationItem<S>>(
        {
          join: (s) => this.live.conversation(conv, s),
          start: async (emit) => {
            const snapshot = await start();
            newest = snapshot.newestSeq;
            await emit([{ kind: 'snapshot', value: snapshot.value }]);
          },
          settle: async (held, overflowed, emit) => {
            if (overflowed) await this.replay(conv, newest, (items) => emit([...items].map((m) => liveEvent(m.message))));
            await emit(held);
          },
          stop,
          holdMax: this.limits.replayBatchSize,
        },
        onward,
      );
    }, this.limits.subscriptionBacklogMax);
  }

  /** Every stored message after `from`, oldest first, a page at a time, each page once the subscriber can take it. */
  private async replay(conv: ConversationRef, from: number, emit: Emit<MessageWithReads>): Promise<void> {
    for (let cursor = from; ; ) {
      const rows = await this.store.oldestAfter(conv.id, cursor, null, this.limits.replayBatchSize);
      const lastRow = rows.at(-1);
      if (!lastRow) return;
      const reads = await this.store.readMarks(conv.id);
      if (!(await emit(rows.map((row) => ({ message: toChatMessage(row, conv), reads }))))) return;
      if (rows.length < this.limits.replayBatchSize) return;
      cursor = lastRow.seq;
    }
  }
}

const liveEvent = (message: ChatMessage): ConversationEvent => ({ kind: 'message', message, previousSeq: null });

/** A message's participants as a set, made once per message object (a group's event is checked by each of its followers). */
const participantIds = mapOnce((message: ChatMessage) => new Set([message.sender.id, ...message.recipients.map((r) => r.id)]));

/** Whether the user sees the change: a participant of its conversation then, or the one it removed. */
function sees(user: UserRef, e: ChangeEvent): boolean {
  if ('message' in e) return isParticipant(user, e.message);
  return e.conversation.participants.some((p) => p.id === user.id) || e.removed.some((p) => p.id === user.id);
}

/** Whether the user is the message's sender or one of its recipients (a participant of its conversation then). */
function isParticipant(user: UserRef, message: ChatMessage): boolean {
  return participantIds(message).has(user.id);
}
