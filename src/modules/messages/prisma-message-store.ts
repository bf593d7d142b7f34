import { randomUUID } from 'node:crypto';
import type { Db, DbTx } from '../../db/database.js';
import { badInput, notFound } from '../../errors.js';
import type { ReadMarks } from '../types.js';
import type { MessageRow } from './message.mapper.js';
import { previousSeqs, rowOf, unreadOf, type MarkedRead, type MessageStore, type PendingSend, type StoredSend } from './message-store.js';

/**
 * The message store on PostgreSQL, through Prisma (model queries, and raw SQL where a batch needs a
 * fixed number of statements whatever its size). Row locks keep several nodes exact (ADR 010).
 */
export class PrismaMessageStore implements MessageStore {
  constructor(private readonly db: Db) {}

  writeBatch(items: PendingSend[]): Promise<StoredSend[]> {
    const now = new Date();
    const ids = items.map(() => randomUUID());
    const conversationIds = [...new Set(items.map((i) => i.conversation.id))].sort();
    return this.db.$transaction(async (tx) => {
      // Row locks in one order on every node, so sends to a conversation commit in seq order.
      const convList = params(conversationIds.length);
      const locked = await tx.$queryRawUnsafe<{ id: string; lastMessageSeq: number | null }[]>(
        `SELECT "id", "lastMessageSeq" FROM "Conversation" WHERE "id" IN (${convList}) ORDER BY "id" FOR UPDATE`,
        ...conversationIds,
      );
      if (locked.length !== conversationIds.length) throw notFound('Conversation not found.');
      const seqOf = await this.insertMessages(tx, items, ids, now);
      const seqs = ids.map((id) => seqOf.get(id)!);
      const previous = previousSeqs(
        locked.map((c) => [c.id, c.lastMessageSeq == null ? null : Number(c.lastMessageSeq)]),
        items.map((item, i) => [item.conversation.id, seqs[i]!]),
      );
      // the seqs are integers from the database: safe to write into the statement
      const seqList = seqs.join(',');
      await tx.$executeRawUnsafe(
        `UPDATE "Participant" SET "unreadCount" = "unreadCount" + (SELECT COUNT(*) FROM "Message" m WHERE m."conversationId" = "Participant"."conversationId" AND m."senderId" <> "Participant"."userId" AND m."seq" IN (${seqList})) WHERE "conversationId" IN (${convList})`,
        ...conversationIds,
      );
      await tx.$executeRawUnsafe(
        `UPDATE "Conversation" SET "lastActivityAt" = $1, "lastMessageSeq" = GREATEST(COALESCE("lastMessageSeq", 0), (SELECT MAX(m."seq") FROM "Message" m WHERE m."conversationId" = "Conversation"."id" AND m."seq" IN (${seqList}))), "messageCount" = "messageCount" + (SELECT COUNT(*) FROM "Message" m WHERE m."conversationId" = "Conversation"."id" AND m."seq" IN (${seqList})) WHERE "id" IN (${params(conversationIds.length, 2)})`,
        now,
        ...conversationIds,
      );
      const counts = await tx.$queryRawUnsafe<{ userId: number; conversationId: string; unreadCount: number }[]>(
        `SELECT "userId", "conversationId", "unreadCount" FROM "Participant" WHERE "conversationId" IN (${convList})`,
        ...conversationIds,
      );
      const userIds = [...new Set(counts.map((c) => Number(c.userId)))];
      const totals = await tx.$queryRawUnsafe<{ userId: number; total: number }[]>(
        `SELECT "userId", CAST(SUM("unreadCount") AS INTEGER) AS "total" FROM "Participant" WHERE "userId" IN (${params(userIds.length)}) GROUP BY "userId"`,
        ...userIds,
      );
      const totalOf = new Map(totals.map((t) => [Number(t.userId), Number(t.total)]));
      const countOf = new Map(counts.map((c) => [`${c.conversationId}:${Number(c.userId)}`, Number(c.unreadCount)]));
      return items.map((item, i): StoredSend => {
        const row = rowOf(item, seqs[i]!, ids[i]!, now);
        return {
          row,
          previousSeq: previous.get(row.seq) ?? null,
          unread: unreadOf(item, (u) => totalOf.get(u) ?? 0, (u) => countOf.get(`${row.conversationId}:${u}`) ?? 0),
        };
      });
    });
  }

  async markRead(conversationId: string, userId: number, upToMessageId: string | null): Promise<MarkedRead> {
    return this.db.$transaction(async (tx) => {
      // Lock the reader's row first (see ADR 010): a concurrent send's increment then lands either
      // before this recompute (and is counted) or after it (and is added to the recomputed count). Not a
      // no-op UPDATE: the later UPDATE of a row version this transaction created re-runs the foreign-key
      // checks (KEY SHARE on the conversation), which deadlocks against a send holding the conversation row.
      const rows = await tx.$queryRawUnsafe<{ lastReadSeq: number }[]>(
        'SELECT "lastReadSeq" FROM "Participant" WHERE "conversationId" = $1 AND "userId" = $2 FOR UPDATE',
        conversationId,
        userId,
      );
      const me = rows[0];
      if (!me) throw notFound('Conversation not found.');
      const target = upToMessageId
        ? await tx.message.findFirst({ where: { id: upToMessageId, conversationId }, select: { seq: true } })
        : await tx.conversation.findUnique({ where: { id: conversationId }, select: { lastMessageSeq: true } }).then((c) => ({ seq: c?.lastMessageSeq ?? 0 }));
      if (!target) throw badInput('That message is not in this conversation.', 'upTo', 'unknown_message');
      const before = Number(me.lastReadSeq);
      const lastReadSeq = Math.max(before, target.seq);
      const unreadCount = await tx.message.count({ where: { conversationId, seq: { gt: lastReadSeq }, senderId: { not: userId } } });
      await tx.participant.update({ where: { conversationId_userId: { conversationId, userId } }, data: { lastReadSeq, unreadCount } });
      const total = await this.total(tx, userId);
      const lastRead = lastReadSeq > 0 ? await tx.message.findUnique({ where: { seq: lastReadSeq }, select: { id: true } }) : null;
      return { moved: lastReadSeq !== before, lastReadSeq, unreadCount, total, lastReadMessageId: lastRead?.id ?? null };
    });
  }

  newest(conversationId: string, before: number | null, limit: number): Promise<MessageRow[]> {
    return this.db.message.findMany({ where: { conversationId, ...(before != null ? { seq: { lt: before } } : {}) }, orderBy: { seq: 'desc' }, take: limit });
  }

  newestFrom(conversationId: string, offset: number, limit: number): Promise<MessageRow[]> {
    return this.db.message.findMany({ where: { conversationId }, orderBy: { seq: 'desc' }, skip: offset, take: limit });
  }

  oldestAfter(conversationId: string, after: number, upTo: number | null, limit: number): Promise<MessageRow[]> {
    return this.db.message.findMany({ where: { conversationId, seq: { gt: after, ...(upTo != null ? { lte: upTo } : {}) } }, orderBy: { seq: 'asc' }, take: limit });
  }

  byClientId(senderId: number, clientId: string): Promise<MessageRow | null> {
    return this.db.message.findUnique({ where: { senderId_clientId: { senderId, clientId } } });
  }

  async readMarks(conversationId: string): Promise<ReadMarks> {
    const rows = await this.db.participant.findMany({ where: { conversationId }, select: { userId: true, lastReadSeq: true } });
    return Object.fromEntries(rows.map((r) => [r.userId, r.lastReadSeq]));
  }

  async messageCount(conversationId: string): Promise<number> {
    return (await this.db.conversation.findUnique({ where: { id: conversationId }, select: { messageCount: true } }))?.messageCount ?? 0;
  }

  unreadTotal(userId: number): Promise<number> {
    return this.total(this.db, userId);
  }

  private async total(db: Db | DbTx, userId: number): Promise<number> {
    const total = await db.participant.aggregate({ where: { userId }, _sum: { unreadCount: true } });
    return total._sum.unreadCount ?? 0;
  }

  private async insertMessages(tx: DbTx, items: PendingSend[], ids: string[], now: Date): Promise<Map<string, number>> {
    const columns = ['id', 'conversationId', 'senderId', 'content', 'clientId', 'fileKey', 'fileName', 'fileSize', 'fileMime', 'createdAt'];
    const values: unknown[] = [];
    const rows = items.map((item, i) => {
      const at = values.length;
      values.push(ids[i], item.conversation.id, item.sender.id, item.content, item.clientId, item.file?.key ?? null, item.file?.name ?? null, item.file?.size ?? null, item.file?.mimeType ?? null, now);
      return `(${params(columns.length, at + 1)})`;
    });
    const inserted = await tx.$queryRawUnsafe<{ seq: number; id: string }[]>(
      `INSERT INTO "Message" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${rows.join(', ')} RETURNING "seq", "id"`,
      ...values,
    );
    return new Map(inserted.map((r) => [r.id, Number(r.seq)]));
  }
}

/** `$from, $from+1, …` for `count` parameters. */
function params(count: number, from = 1): string {
  return Array.from({ length: count }, (_, i) => `$${from + i}`).join(', ');
}
