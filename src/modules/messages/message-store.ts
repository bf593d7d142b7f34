import type { ReadMarks, StoredFile, UserRef } from '../types.js';
import type { ConversationRef, MessageRow } from './message.mapper.js';

/** One message waiting to be stored. */
export interface PendingSend {
  sender: UserRef;
  conversation: ConversationRef;
  content: string;
  clientId: string | null;
  file: StoredFile | null;
}

/** What a committed batch tells each message's sender and recipients. */
export interface StoredSend {
  row: MessageRow;
  /** seq of the conversation's message before this one (null: the first); lets listeners on other nodes put live messages in order */
  previousSeq: number | null;
  /** every recipient of this message: unread counts as of the batch's commit */
  unread: { userId: number; total: number; conversationUnread: number }[];
}

export interface MarkedRead {
  /** whether the read mark moved (a receipt is due) */
  moved: boolean;
  lastReadSeq: number;
  lastReadMessageId: string | null;
  /** the reader's unread count in the conversation, and over all conversations */
  unreadCount: number;
  total: number;
}

/**
 * The messages module's storage: the statements on the send, read and history paths, hand-written per
 * database (docs/decisions/013). Writes are transactions that keep the unread counters exact (ADR 004,
 * 010); every read is one statement.
 */
export interface MessageStore {
  /**
   * Stores the messages in ONE transaction (group commit): conversations locked in id order, the
   * messages inserted, the other participants' unread counters and the conversations' last message and
   * message count moved, and the counts read back. All or nothing.
   */
  writeBatch(items: PendingSend[]): Promise<StoredSend[]>;
  /**
   * Moves the reader's mark to `upToMessageId` (default: the conversation's last message; never
   * backwards) and recomputes their count, in one transaction. Throws NOT_FOUND when the reader is not
   * a participant, BAD_USER_INPUT when the message is not in the conversation.
   */
  markRead(conversationId: string, userId: number, upToMessageId: string | null): Promise<MarkedRead>;
  /** Newest first, seq < `before` (null: from the newest), at most `limit`. */
  newest(conversationId: string, before: number | null, limit: number): Promise<MessageRow[]>;
  /** Newest first, skipping the `offset` newest. */
  newestFrom(conversationId: string, offset: number, limit: number): Promise<MessageRow[]>;
  /** Oldest first, after < seq <= upTo (upTo null: no bound), at most `limit`. */
  oldestAfter(conversationId: string, after: number, upTo: number | null, limit: number): Promise<MessageRow[]>;
  byClientId(senderId: number, clientId: string): Promise<MessageRow | null>;
  readMarks(conversationId: string): Promise<ReadMarks>;
  messageCount(conversationId: string): Promise<number>;
  unreadTotal(userId: number): Promise<number>;
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
  };
}

/** The unread counts to publish for one stored message: one entry per recipient. */
export function unreadOf(item: PendingSend, total: (userId: number) => number, inConversation: (userId: number) => number): StoredSend['unread'] {
  return item.conversation.participants
    .filter((p) => p.id !== item.sender.id)
    .map((p) => ({ userId: p.id, total: total(p.id), conversationUnread: inConversation(p.id) }));
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
