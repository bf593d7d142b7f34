import { randomUUID } from 'node:crypto';
import type { SqliteConnection } from '../../db/sqlite-connection.js';
import { badInput, notFound } from '../../errors.js';
import type { ReadMarks } from '../types.js';
import type { MessageRow } from './message.mapper.js';
import { groupBy, previousSeqs, rowOf, unreadOf, type MarkedRead, type MessageStore, type PendingSend, type StoredSend } from './message-store.js';

/** A conversation's messages: its id is known, so not read again on every row. */
const COLUMNS = '"seq", "id", "senderId", "content", "clientId", "fileKey", "fileName", "fileSize", "fileMime", "createdAt"';

/** A Message row as SQLite returns it in raw mode (an array, in COLUMNS order; DateTime columns hold unix milliseconds). */
type StoredRow = [number, string, number, string, string | null, string | null, string | null, number | null, string | null, number];

// Arrays and one object literal per row: about half the time of better-sqlite3's generic row objects on a page of 50.
const toRow = (conversationId: string, r: StoredRow): MessageRow => ({
  seq: r[0],
  id: r[1],
  conversationId,
  senderId: r[2],
  content: r[3],
  clientId: r[4],
  fileKey: r[5],
  fileName: r[6],
  fileSize: r[7],
  fileMime: r[8],
  createdAt: new Date(r[9]),
});

/**
 * The message store on SQLite: prepared statements on the connection Prisma uses (better-sqlite3 is
 * synchronous, so a whole transaction runs without yielding and nothing can interleave with it).
 */
export class SqliteMessageStore implements MessageStore {
  constructor(private readonly db: SqliteConnection) {}

  writeBatch(items: PendingSend[]): Promise<StoredSend[]> {
    return this.db.write(() => {
      const now = new Date();
      const at = now.getTime();
      const byConversation = groupBy(items, (i) => i.conversation.id);
      const ids = [...byConversation.keys()].sort();
      const lastBefore = ids.map((id): [string, number | null] => {
        const conv = this.db.get<{ lastMessageSeq: number | null }>('SELECT "lastMessageSeq" FROM "Conversation" WHERE "id" = ?', id);
        if (!conv) throw notFound('Conversation not found.');
        return [id, conv.lastMessageSeq];
      });
      const rows = items.map((item) => {
        const id = randomUUID();
        const { seq } = this.db.get<{ seq: number }>(
          'INSERT INTO "Message" ("id", "conversationId", "senderId", "content", "clientId", "fileKey", "fileName", "fileSize", "fileMime", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING "seq"',
          id,
          item.conversation.id,
          item.sender.id,
          item.content,
          item.clientId,
          item.file?.key ?? null,
          item.file?.name ?? null,
          item.file?.size ?? null,
          item.file?.mimeType ?? null,
          at,
        )!;
        return rowOf(item, seq, id, now);
      });
      const previous = previousSeqs(lastBefore, rows.map((r) => [r.conversationId, r.seq]));
      const lastSeqOf = new Map<string, number>();
      for (const r of rows) lastSeqOf.set(r.conversationId, Math.max(lastSeqOf.get(r.conversationId) ?? 0, r.seq));
      const countOf = new Map<string, number>();
      const totalOf = new Map<number, number>();
      for (const [conversationId, sent] of byConversation) {
        const senders = groupBy(sent, (i) => i.sender.id);
        let counts: { userId: number; unreadCount: number }[];
        if (senders.size === 1) {
          // the usual case: everyone but the one sender +n, and their new counts in the same statement
          counts = this.db.all(
            'UPDATE "Participant" SET "unreadCount" = "unreadCount" + ? WHERE "conversationId" = ? AND "userId" <> ? RETURNING "userId", "unreadCount"',
            sent.length,
            conversationId,
            sent[0]!.sender.id,
          );
        } else {
          // every participant +n, then each sender back by their own: +messages from others
          this.db.run('UPDATE "Participant" SET "unreadCount" = "unreadCount" + ? WHERE "conversationId" = ?', sent.length, conversationId);
          for (const [senderId, own] of senders) {
            this.db.run('UPDATE "Participant" SET "unreadCount" = "unreadCount" - ? WHERE "conversationId" = ? AND "userId" = ?', own.length, conversationId, senderId);
          }
          counts = this.db.all('SELECT "userId", "unreadCount" FROM "Participant" WHERE "conversationId" = ?', conversationId);
        }
        for (const c of counts) countOf.set(`${conversationId}:${c.userId}`, c.unreadCount);
        this.db.run(
          'UPDATE "Conversation" SET "lastActivityAt" = ?, "lastMessageSeq" = ?, "messageCount" = "messageCount" + ? WHERE "id" = ?',
          at,
          lastSeqOf.get(conversationId)!,
          sent.length,
          conversationId,
        );
        for (const t of this.db.all<{ userId: number; total: number }>(
          'SELECT p."userId" AS "userId", SUM(o."unreadCount") AS "total" FROM "Participant" p JOIN "Participant" o ON o."userId" = p."userId" WHERE p."conversationId" = ? GROUP BY p."userId"',
          conversationId,
        )) {
          totalOf.set(t.userId, t.total);
        }
      }
      return items.map((item, i): StoredSend => {
        const row = rows[i]!;
        return {
          row,
          previousSeq: previous.get(row.seq) ?? null,
          unread: unreadOf(item, (u) => totalOf.get(u) ?? 0, (u) => countOf.get(`${row.conversationId}:${u}`) ?? 0),
        };
      });
    });
  }

  markRead(conversationId: string, userId: number, upToMessageId: string | null): Promise<MarkedRead> {
    return this.db.write(() => {
      const me = this.db.get<{ lastReadSeq: number }>('SELECT "lastReadSeq" FROM "Participant" WHERE "conversationId" = ? AND "userId" = ?', conversationId, userId);
      if (!me) throw notFound('Conversation not found.');
      const target = upToMessageId
        ? this.db.get<{ seq: number }>('SELECT "seq" FROM "Message" WHERE "id" = ? AND "conversationId" = ?', upToMessageId, conversationId)
        : { seq: this.db.get<{ seq: number | null }>('SELECT "lastMessageSeq" AS "seq" FROM "Conversation" WHERE "id" = ?', conversationId)?.seq ?? 0 };
      if (!target) throw badInput('That message is not in this conversation.', 'upTo', 'unknown_message');
      const lastReadSeq = Math.max(me.lastReadSeq, target.seq);
      const { n: unreadCount } = this.db.get<{ n: number }>(
        'SELECT COUNT(*) AS "n" FROM "Message" WHERE "conversationId" = ? AND "seq" > ? AND "senderId" <> ?',
        conversationId,
        lastReadSeq,
        userId,
      )!;
      this.db.run('UPDATE "Participant" SET "lastReadSeq" = ?, "unreadCount" = ? WHERE "conversationId" = ? AND "userId" = ?', lastReadSeq, unreadCount, conversationId, userId);
      const lastRead = lastReadSeq > 0 ? this.db.get<{ id: string }>('SELECT "id" FROM "Message" WHERE "seq" = ?', lastReadSeq) : undefined;
      return { moved: lastReadSeq !== me.lastReadSeq, lastReadSeq, unreadCount, total: this.total(userId), lastReadMessageId: lastRead?.id ?? null };
    });
  }

  async newest(conversationId: string, before: number | null, limit: number): Promise<MessageRow[]> {
    return this.db
      .rows<StoredRow>(`SELECT ${COLUMNS} FROM "Message" WHERE "conversationId" = ? AND "seq" < ? ORDER BY "seq" DESC LIMIT ?`, conversationId, before ?? Number.MAX_SAFE_INTEGER, limit)
      .map((r) => toRow(conversationId, r));
  }

  async newestFrom(conversationId: string, offset: number, limit: number): Promise<MessageRow[]> {
    return this.db
      .rows<StoredRow>(`SELECT ${COLUMNS} FROM "Message" WHERE "conversationId" = ? ORDER BY "seq" DESC LIMIT ? OFFSET ?`, conversationId, limit, offset)
      .map((r) => toRow(conversationId, r));
  }

  async oldestAfter(conversationId: string, after: number, upTo: number | null, limit: number): Promise<MessageRow[]> {
    return this.db
      .rows<StoredRow>(
        `SELECT ${COLUMNS} FROM "Message" WHERE "conversationId" = ? AND "seq" > ? AND "seq" <= ? ORDER BY "seq" ASC LIMIT ?`,
        conversationId,
        after,
        upTo ?? Number.MAX_SAFE_INTEGER,
        limit,
      )
      .map((r) => toRow(conversationId, r));
  }

  async byClientId(senderId: number, clientId: string): Promise<MessageRow | null> {
    const [row] = this.db.rows<[string, ...StoredRow]>(`SELECT "conversationId", ${COLUMNS} FROM "Message" WHERE "senderId" = ? AND "clientId" = ?`, senderId, clientId);
    return row ? toRow(row[0], row.slice(1) as StoredRow) : null;
  }

  async readMarks(conversationId: string): Promise<ReadMarks> {
    const marks: ReadMarks = {};
    for (const r of this.db.all<{ userId: number; lastReadSeq: number }>('SELECT "userId", "lastReadSeq" FROM "Participant" WHERE "conversationId" = ?', conversationId)) {
      marks[r.userId] = r.lastReadSeq;
    }
    return marks;
  }

  async messageCount(conversationId: string): Promise<number> {
    return this.db.get<{ messageCount: number }>('SELECT "messageCount" FROM "Conversation" WHERE "id" = ?', conversationId)?.messageCount ?? 0;
  }

  async unreadTotal(userId: number): Promise<number> {
    return this.total(userId);
  }

  private total(userId: number): number {
    return this.db.get<{ total: number | null }>('SELECT SUM("unreadCount") AS "total" FROM "Participant" WHERE "userId" = ?', userId)?.total ?? 0;
  }
}
