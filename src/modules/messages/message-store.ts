import type { ReactionSummary, ReadMarks, StoredFile, UserRef } from '../types.js';
import type { ConversationRef, MessageRow } from './message.mapper.js';
import type { SearchQuery } from './message-search-sql.js';
import type { ChangeScope } from './message-sql.js';
import type { ChangeKind, ConversationChangeKind } from '../events.js';

/** One message waiting to be stored. */
export interface PendingSend {
  sender: UserRef;
  conversation: ConversationRef;
  content: string;
  clientId: string | null;
  file: StoredFile | null;
  /** the seq of the message this one answers (checked: same conversation) */
  replyToSeq: number | null;
}

/** How a batch moves one conversation's unread counters (decided by the service: read-state.ts). */
export interface UnreadBump {
  conversationId: string;
  /** every participant +count … */
  count: number;
  /** … then each sender back by their own messages (they do not count as unread for them) */
  own: { userId: number; count: number }[];
}

/** A change's place in the change log: its seq and the one before it (any conversation's; null: the first). */
export interface EventPosition {
  seq: number;
  previousSeq: number | null;
}

/** A committed batch, item by item in the order given, and the counters as of its commit. */
export interface InsertedBatch {
  rows: {
    row: MessageRow;
    /** seq of the conversation's message before this one (null: the first) */
    previousSeq: number | null;
    /** its `added` event in the change log */
    event: EventPosition;
  }[];
  /** `${conversationId}:${userId}` → that participant's unread count in the conversation */
  unread: Map<string, number>;
  /** userId → unread over all conversations, for every participant of the batch's conversations */
  totals: Map<number, number>;
  /** `${conversationId}:${userId}` of the participants who muted the conversation */
  muted: Set<string>;
  /** `${conversationId}:${userId}` of the participants it is hidden from (a DM whose other participant blocked them) */
  hidden: Set<string>;
}

/** What a change of one message did: the message after it, and its event (null: nothing changed). */
export interface ChangedMessage {
  row: MessageRow;
  event: EventPosition | null;
}

/** What a delete did besides: the file to remove, and the unread counts it lowered (as of its commit). */
export interface RemovedMessage extends ChangedMessage {
  fileKey: string | null;
  unread: UnreadChange[];
}

/**
 * One participant's counts after a change. `quiet`: muted by them or hidden from them (their total did
 * not move); `hidden`: a DM whose other participant blocked them (they are told nothing of it).
 */
export interface UnreadChange {
  userId: number;
  conversationUnread: number;
  total: number;
  quiet: boolean;
  hidden: boolean;
}

/** A change-log event read back: with its message as it is now, or a named group's own change (ADR 026). */
export type StoredChange =
  | { seq: number; change: ChangeKind; at: Date; row: MessageRow }
  | { seq: number; change: ConversationChangeKind; at: Date; conversationId: string; detail: string | null };

/** Which message a read mark moves to. */
export type ReadTarget = { messageId: string } | 'latest';

/** What moving a read mark found (the service turns the refusals into its errors). */
export type ReadOutcome =
  | { status: 'not_participant' }
  | { status: 'unknown_message' }
  | { status: 'moved'; before: number; lastReadSeq: number; lastReadMessageId: string | null; unreadCount: number; total: number; muted: boolean };

/**
 * The messages module's storage primitives, one implementation per database (ADR 013): each write is
 * one transaction doing what the service decided, each read one statement, all on the columns of
 * message-sql.ts. No rule lives here: which counters move and how a read mark may move are the
 * service's (read-state.ts), and so are the error texts.
 */
export interface MessageStore {
  /**
   * Stores the messages in ONE transaction (group commit): conversations locked in id order, rows
   * inserted, the counters moved as `bumps` say, each conversation's last message, count and activity
   * moved, and the counters read back. All or nothing.
   */
  insertBatch(items: PendingSend[], bumps: UnreadBump[]): Promise<InsertedBatch>;
  /**
   * One transaction: the reader's row locked, the target's seq found, the mark set to
   * `decide(current, target)`, the reader's count recounted (messages from others past the mark).
   */
  markRead(conversationId: string, userId: number, target: ReadTarget, decide: (current: number, target: number) => number): Promise<ReadOutcome>;
  /** Newest first, seq < `before` (null: from the newest), at most `limit`; `standing`: tombstones left out. */
  newest(conversationId: string, before: number | null, limit: number, standing?: boolean): Promise<MessageRow[]>;
  /** Newest first, skipping the `offset` newest, tombstones left out (the legacy pages). */
  newestFrom(conversationId: string, offset: number, limit: number): Promise<MessageRow[]>;
  /** Oldest first, after < seq <= upTo (upTo null: no bound), at most `limit`. */
  oldestAfter(conversationId: string, after: number, upTo: number | null, limit: number): Promise<MessageRow[]>;
  byClientId(senderId: number, clientId: string): Promise<MessageRow | null>;
  byFileKey(fileKey: string): Promise<MessageRow | null>;
  bySeqs(seqs: number[]): Promise<MessageRow[]>;
  readMarks(conversationId: string): Promise<ReadMarks>;
  /** The conversation's newest message's seq (0: none). */
  lastSeq(conversationId: string): Promise<number>;
  messageCount(conversationId: string): Promise<number>;
  unreadTotal(userId: number): Promise<number>;
  /** One transaction: the participant's muted flag, and their counts after it (null: not a participant). */
  setMuted(conversationId: string, userId: number, muted: boolean): Promise<{ unreadCount: number; total: number } | null>;
  byId(messageId: string): Promise<MessageRow | null>;
  /**
   * One transaction: the sender's standing message gets `content` and `editedAt`, and an `edited` event.
   * null: no such message of this sender (or it is deleted). The same text: nothing changes (event null).
   */
  edit(messageId: string, senderId: number, content: string): Promise<ChangedMessage | null>;
  /**
   * One transaction: the sender's message becomes a tombstone (text, file and reactions gone), the
   * recipients who had not read it count one unread less, the conversation one message less, and a
   * `deleted` event. null: no such message of this sender. Already deleted: the tombstone, event null.
   */
  remove(messageId: string, senderId: number): Promise<RemovedMessage | null>;
  /**
   * One transaction: the user's emoji on the message added (`add`) or taken off, and a `reactions`
   * event when that changed anything. `not_found`: no standing message the user may see; `limit`: the
   * message already has `maxDistinct` other emoji.
   */
  react(messageId: string, userId: number, emoji: string, add: boolean, maxDistinct: number): Promise<ChangedMessage | 'not_found' | 'limit'>;
  /** The reactions of these messages, by seq (messages without any: absent). */
  reactionsOf(seqs: number[]): Promise<Map<number, ReactionSummary[]>>;
  /** The change log's newest event (0: none). */
  lastEventSeq(): Promise<number>;
  /** Change-log events with after < seq <= upTo (null: no bound) in `scope`, oldest first, at most `limit`. */
  changesAfter(scope: ChangeScope, after: number, upTo: number | null, limit: number): Promise<StoredChange[]>;
  /** The viewer's messages holding every term, newest first (message-search-sql.ts: one statement per database). */
  search(query: SearchQuery): Promise<MessageRow[]>;
}

/** Each new message's predecessor in its conversation: the conversation's last message before the batch, then each other. */
export function previousSeqs(lastBefore: Iterable<[string, number | null]>, inserted: [string, number][]): Map<number, number | null> {
  const last = new Map(lastBefore);
  const previous = new Map<number, number | null>();
  for (const [conversationId, seq] of inserted.toSorted((x, y) => x[1] - y[1])) {
    previous.set(seq, last.get(conversationId) ?? null);
    last.set(conversationId, seq);
  }
  return previous;
}

/** The change log's chain over events written in one transaction: each one's predecessor is the one before it. */
export function eventChain(lastBefore: number, events: { seq: number; messageSeq: number }[]): Map<number, EventPosition> {
  const chain = new Map<number, EventPosition>();
  let previous: number | null = lastBefore > 0 ? lastBefore : null;
  for (const e of events.toSorted((x, y) => x.seq - y.seq)) {
    chain.set(e.messageSeq, { seq: e.seq, previousSeq: previous });
    previous = e.seq;
  }
  return chain;
}

/** The row a pending send becomes once it has its seq. */
export function rowOf(item: PendingSend, seq: number, id: string, createdAt: Date): MessageRow {
  return {
    seq,
    id,
    conversationId: item.conversation.id,
    senderId: item.sender.id,
    content: item.content,
    clientId: item.clientId,
    fileKey: item.file?.key ?? null,
    fileName: item.file?.name ?? null,
    fileSize: item.file?.size ?? null,
    fileMime: item.file?.mimeType ?? null,
    createdAt,
    editedAt: null,
    deletedAt: null,
    replyToSeq: item.replyToSeq,
  };
}

/** A pending send's values in MESSAGE_SQL.insert's column order. */
export function insertValues<At extends number | Date>(item: PendingSend, id: string, at: At): (string | number | null | At)[] {
  const f = item.file;
  return [id, item.conversation.id, item.sender.id, item.content, item.clientId, f?.key ?? null, f?.name ?? null, f?.size ?? null, f?.mimeType ?? null, at, item.replyToSeq];
}

/** Items by key, in first-seen order (Map.groupBy is Node 21+). */
export function groupBy<K, T>(items: T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** Reaction rows in the order they were made → one summary per emoji, in first-used order, per message. */
export function summarize(rows: { messageSeq: number; userId: number; emoji: string }[]): Map<number, ReactionSummary[]> {
  const byMessage = new Map<number, Map<string, number[]>>();
  for (const r of rows) {
    let byEmoji = byMessage.get(r.messageSeq);
    if (!byEmoji) byMessage.set(r.messageSeq, (byEmoji = new Map()));
    const users = byEmoji.get(r.emoji);
    if (users) users.push(r.userId);
    else byEmoji.set(r.emoji, [r.userId]);
  }
  return new Map([...byMessage].map(([seq, byEmoji]) => [seq, [...byEmoji].map(([emoji, userIds]) => ({ emoji, userIds }))]));
}
