import type { MessageRow } from './message.mapper.js';
import type { ChangeKind, ConversationChangeKind } from '../events.js';
import type { StoredChange } from './message-store.js';

/**
 * The Message columns every read selects, in this order, and the statements both stores run (SQLite
 * as written, PostgreSQL with `?` numbered): one list, so a new column is one edit here.
 */
export const MESSAGE_COLUMNS = [
  'seq',
  'id',
  'conversationId',
  'senderId',
  'content',
  'clientId',
  'fileKey',
  'fileName',
  'fileSize',
  'fileMime',
  'createdAt',
  'editedAt',
  'deletedAt',
  'replyToSeq',
] as const;

const columns = MESSAGE_COLUMNS.map((c) => `"${c}"`).join(', ');
const select = `SELECT ${columns} FROM "Message"`;

/** Statements with `?` placeholders, the same text on both databases. */
export const MESSAGE_SQL = {
  newest: `${select} WHERE "conversationId" = ? AND "seq" < ? ORDER BY "seq" DESC LIMIT ?`,
  /** newest, tombstones left out (the legacy dialect's history) */
  newestStanding: `${select} WHERE "conversationId" = ? AND "seq" < ? AND "deletedAt" IS NULL ORDER BY "seq" DESC LIMIT ?`,
  /** by page, tombstones left out (the legacy dialect's pages: its count leaves them out too) */
  newestFrom: `${select} WHERE "conversationId" = ? AND "deletedAt" IS NULL ORDER BY "seq" DESC LIMIT ? OFFSET ?`,
  oldestAfter: `${select} WHERE "conversationId" = ? AND "seq" > ? AND "seq" <= ? ORDER BY "seq" ASC LIMIT ?`,
  byClientId: `${select} WHERE "senderId" = ? AND "clientId" = ?`,
  byFileKey: `${select} WHERE "fileKey" = ?`,
  bySeqs: (count: number) => `${select} WHERE "seq" IN (${placeholders(count)})`,
  /** `count` rows of insertValues() (message-store.ts), returning each one's seq and id */
  insert: (count: number) =>
    `INSERT INTO "Message" ("id", "conversationId", "senderId", "content", "clientId", "fileKey", "fileName", "fileSize", "fileMime", "createdAt", "replyToSeq") VALUES ${Array.from({ length: count }, () => `(${placeholders(11)})`).join(', ')} RETURNING "seq", "id"`,
  readMarks: `SELECT "userId", "lastReadSeq" FROM "Participant" WHERE "conversationId" = ?`,
  messageCount: `SELECT "messageCount" FROM "Conversation" WHERE "id" = ?`,
  /** over the conversations the user has not muted (a muted one keeps its own count) nor is hidden from (a DM that blocked them) */
  unreadTotal: `SELECT COALESCE(SUM("unreadCount"), 0) AS "total" FROM "Participant" WHERE "userId" = ? AND NOT "muted" AND NOT "hidden"`,
  /** every participant of the conversation: +n (each sender then takes its own back) */
  bumpUnread: `UPDATE "Participant" SET "unreadCount" = "unreadCount" + ? WHERE "conversationId" = ?`,
  /** everyone but the one sender: +n (a batch with a single sender in the conversation) */
  bumpUnreadExcept: `UPDATE "Participant" SET "unreadCount" = "unreadCount" + ? WHERE "conversationId" = ? AND "userId" <> ?`,
  takeBackOwn: `UPDATE "Participant" SET "unreadCount" = "unreadCount" - ? WHERE "conversationId" = ? AND "userId" = ?`,
  moveConversation: `UPDATE "Conversation" SET "lastActivityAt" = ?, "lastMessageSeq" = ?, "messageCount" = "messageCount" + ? WHERE "id" = ?`,
  participantCounts: (count: number) => `SELECT "conversationId", "userId", "unreadCount", "muted", "hidden" FROM "Participant" WHERE "conversationId" IN (${placeholders(count)})`,
  unreadTotals: (count: number) =>
    `SELECT "userId", COALESCE(SUM(CASE WHEN "muted" OR "hidden" THEN 0 ELSE "unreadCount" END), 0) AS "total" FROM "Participant" WHERE "userId" IN (${placeholders(count)}) GROUP BY "userId"`,
  readState: `SELECT "lastReadSeq", "muted" OR "hidden" AS "muted" FROM "Participant" WHERE "conversationId" = ? AND "userId" = ?`,
  /** muted (1) or not (0): a number, which both databases take for a boolean */
  setMuted: `UPDATE "Participant" SET "muted" = ? WHERE "conversationId" = ? AND "userId" = ? RETURNING "unreadCount"`,
  seqOfMessage: `SELECT "seq" FROM "Message" WHERE "id" = ? AND "conversationId" = ?`,
  lastSeq: `SELECT "lastMessageSeq" AS "seq" FROM "Conversation" WHERE "id" = ?`,
  countUnread: `SELECT COUNT(*) AS "n" FROM "Message" WHERE "conversationId" = ? AND "seq" > ? AND "senderId" <> ? AND "deletedAt" IS NULL`,
  setReadState: `UPDATE "Participant" SET "lastReadSeq" = ?, "unreadCount" = ? WHERE "conversationId" = ? AND "userId" = ?`,
  idAtSeq: `SELECT "id" FROM "Message" WHERE "seq" = ?`,
  /** the message, locked for a change on PostgreSQL (FOR UPDATE is appended there) */
  byId: `${select} WHERE "id" = ?`,
  edit: `UPDATE "Message" SET "content" = ?, "editedAt" = ? WHERE "seq" = ?`,
  /** a tombstone: the text and the file go, the row stays (replies still point at it) */
  tombstone: `UPDATE "Message" SET "content" = '', "fileKey" = NULL, "fileName" = NULL, "fileSize" = NULL, "fileMime" = NULL, "deletedAt" = ? WHERE "seq" = ?`,
  deleteReactions: `DELETE FROM "Reaction" WHERE "messageSeq" = ?`,
  /** the recipients who had not read it: their participant rows, as changed (the decrement is the dialect's: unreadDown) */
  uncounted: `WHERE "conversationId" = ? AND "userId" <> ? AND "lastReadSeq" < ? RETURNING "userId", "unreadCount", "muted" OR "hidden" AS "muted", "hidden"`,
  lessMessages: `UPDATE "Conversation" SET "messageCount" = "messageCount" - 1 WHERE "id" = ?`,
  lockConversation: `SELECT "id" FROM "Conversation" WHERE "id" = ?`,
  /** whether the user takes part in the conversation */
  isParticipant: `SELECT 1 AS "yes" FROM "Participant" WHERE "conversationId" = ? AND "userId" = ?`,
  /** the message's distinct emoji, and whether this one is among them */
  reactionEmoji: `SELECT DISTINCT "emoji" FROM "Reaction" WHERE "messageSeq" = ?`,
  addReaction: `INSERT INTO "Reaction" ("messageSeq", "userId", "emoji", "createdAt") VALUES (?, ?, ?, ?) ON CONFLICT ("messageSeq", "userId", "emoji") DO NOTHING`,
  removeReaction: `DELETE FROM "Reaction" WHERE "messageSeq" = ? AND "userId" = ? AND "emoji" = ?`,
  /** reactions of these messages in the order they were made (first-used order per emoji follows) */
  reactionsOf: (count: number) => `SELECT "messageSeq", "userId", "emoji" FROM "Reaction" WHERE "messageSeq" IN (${placeholders(count)}) ORDER BY "id"`,
  /** the change log's newest event (0: none) */
  lastEventSeq: `SELECT COALESCE(MAX("seq"), 0) AS "seq" FROM "ChatEvent"`,
  /** `count` change-log rows (conversationId, kind, messageSeq, createdAt), returning each one's seq and message */
  insertEvents: (count: number) =>
    `INSERT INTO "ChatEvent" ("conversationId", "kind", "messageSeq", "createdAt") VALUES ${Array.from({ length: count }, () => `(${placeholders(4)})`).join(', ')} RETURNING "seq", "messageSeq"`,
} as const;

/** Which change-log events a read wants (beyond `after < seq <= upTo`). */
export type ChangeScope = { conversationId: string } | { viewerId: number } | 'all';

/**
 * Change-log events with their messages as they are now (none for a conversation's own changes),
 * oldest first: (after, upTo, [scope], limit). Values per row: the event's seq, kind, time,
 * conversation and detail, then MESSAGE_COLUMNS (null for a conversation change). A viewer's scope is
 * their conversations, and those they were removed from up to the event that removed them (as their
 * live feed had them, ADR 026).
 */
export function changesSql(scope: ChangeScope): string {
  const where =
    scope === 'all'
      ? ''
      : 'conversationId' in scope
        ? ' AND e."conversationId" = ?'
        : ' AND (e."conversationId" IN (SELECT "conversationId" FROM "Participant" WHERE "userId" = ?)' +
          ' OR EXISTS (SELECT 1 FROM "ChatEvent" r WHERE r."removedUserId" = ? AND r."conversationId" = e."conversationId" AND r."seq" >= e."seq"))';
  return (
    `SELECT e."seq" AS "eventSeq", e."kind" AS "change", e."createdAt" AS "at", e."conversationId" AS "eventConversationId", e."detail" AS "detail", ${MESSAGE_COLUMNS.map((c) => `m."${c}"`).join(', ')} ` +
    `FROM "ChatEvent" e LEFT JOIN "Message" m ON m."seq" = e."messageSeq" WHERE e."seq" > ? AND e."seq" <= ?${where} ORDER BY e."seq" ASC LIMIT ?`
  );
}

export function changeScopeParams(scope: ChangeScope): (string | number)[] {
  return scope === 'all' ? [] : 'conversationId' in scope ? [scope.conversationId] : [scope.viewerId, scope.viewerId];
}

/** A changesSql row's values → the stored change (a message's, or a conversation's own). */
export function storedChange(v: readonly unknown[]): StoredChange {
  const seq = Number(v[0]);
  const change = v[1] as string;
  const at = time(v[2])!;
  if (v[5] == null) return { seq, change: change as ConversationChangeKind, at, conversationId: v[3] as string, detail: (v[4] as string | null) ?? null };
  return { seq, change: change as ChangeKind, at, row: rowFromValues(v.slice(5)) };
}

/** The names of changesSql's columns, in order (for drivers that return rows as objects). */
export const CHANGE_COLUMNS = ['eventSeq', 'change', 'at', 'eventConversationId', 'detail', ...MESSAGE_COLUMNS] as const;

/** The largest seq (Int: 32 bits on PostgreSQL), for "no upper bound". */
export const NO_BOUND = 2_147_483_647;

export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

/** A stored time: unix ms on SQLite, a Date on PostgreSQL; null stays null. */
export function time(v: unknown): Date | null {
  if (v == null) return null;
  return v instanceof Date ? v : new Date(v as number | string);
}

/** A row's values in MESSAGE_COLUMNS order → the row. */
export function rowFromValues(v: readonly unknown[]): MessageRow {
  return {
    seq: Number(v[0]),
    id: v[1] as string,
    conversationId: v[2] as string,
    senderId: Number(v[3]),
    content: v[4] as string,
    clientId: (v[5] as string | null) ?? null,
    fileKey: (v[6] as string | null) ?? null,
    fileName: (v[7] as string | null) ?? null,
    fileSize: v[8] == null ? null : Number(v[8]),
    fileMime: (v[9] as string | null) ?? null,
    createdAt: time(v[10])!,
    editedAt: time(v[11]),
    deletedAt: time(v[12]),
    replyToSeq: v[13] == null ? null : Number(v[13]),
  };
}
