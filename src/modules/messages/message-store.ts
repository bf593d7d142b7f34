import type { ReadMarks, StoredFile, UserRef } from '../types.js';
import type { ConversationRef, MessageRow } from './message.mapper.js';
import type { SearchQuery } from './message-search-sql.js';

/** One message waiting to be stored. */
export interface PendingSend {
  sender: UserRef;
  conversation: ConversationRef;
  content: string;
  clientId: string | null;
  file: StoredFile | null;
}

/** How a batch moves one conversation's unread counters (decided by the service: read-state.ts). */
export interface UnreadBump {
  conversationId: string;
  /** every participant +count … */
  count: number;
  /** … then each sender back by their own messages (they do not count as unread for them) */
  own: { userId: number; count: number }[];
}

/** A committed batch, item by item in the order given, and the counters as of its commit. */
export interface InsertedBatch {
  rows: { row: MessageRow; /** seq of the conversation's message before this one (null: the first) */ previousSeq: number | null }[];
  /** `${conversationId}:${userId}` → that participant's unread count in the conversation */
  unread: Map<string, number>;
  /** userId → unread over all conversations, for every participant of the batch's conversations */
  totals: Map<number, number>;
}

/** Which message a read mark moves to. */
export type ReadTarget = { messageId: string } | 'latest';

/** What moving a read mark found (the service turns the refusals into its errors). */
export type ReadOutcome =
  | { status: 'not_participant' }
  | { status: 'unknown_message' }
  | { status: 'moved'; before: number; lastReadSeq: number; lastReadMessageId: string | null; unreadCount: number; total: number };

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
  /** Newest first, seq < `before` (null: from the newest), at most `limit`. */
  newest(conversationId: string, before: number | null, limit: number): Promise<MessageRow[]>;
  /** Newest first, skipping the `offset` newest. */
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

/** A pending send's values in MESSAGE_SQL.insert's column order. */
export function insertValues<At extends number | Date>(item: PendingSend, id: string, at: At): (string | number | null | At)[] {
  const f = item.file;
  return [id, item.conversation.id, item.sender.id, item.content, item.clientId, f?.key ?? null, f?.name ?? null, f?.size ?? null, f?.mimeType ?? null, at];
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
