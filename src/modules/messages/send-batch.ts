import { randomUUID } from 'node:crypto';
import type { Db, DbTx } from '../../db/database.js';
import type { StoredFile, UserRef } from '../types.js';
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

export type Dialect = 'sqlite' | 'postgres';

/**
 * Group commit for sends (ADR 010): every message that arrives while a batch is being written waits
 * for the next one, and each batch is one transaction of a fixed number of statements whatever its
 * size: lock the conversations (PostgreSQL, in id order), insert all messages, bump the other
 * participants' unread counters, move the conversations' last message, read back the counts. A
 * message is acknowledged only after its batch commits. If a batch fails (a clientId raced on another
 * node, a conversation vanished...), its messages are retried one by one so one bad message cannot
 * fail the others.
 */
export class SendBatcher {
  readonly #queue: { item: PendingSend; resolve: (s: StoredSend) => void; reject: (e: unknown) => void }[] = [];
  #draining = false;

  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
    private readonly maxBatch: number,
    /** stores one message on its own (the fallback path) */
    private readonly storeOne: (item: PendingSend) => Promise<StoredSend>,
  ) {}

  send(item: PendingSend): Promise<StoredSend> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      if (!this.#draining) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#draining = true;
    try {
      while (this.#queue.length > 0) {
        // One turn of the event loop lets the sends already under way join this batch (well under 1 ms).
        if (this.#queue.length < this.maxBatch) await new Promise((resolve) => setImmediate(resolve));
        const batch = this.#queue.splice(0, this.maxBatch);
        try {
          const stored = await this.write(batch.map((b) => b.item));
          batch.forEach((b, i) => b.resolve(stored[i]!));
        } catch (batchError) {
          if (batch.length === 1) {
            batch[0]!.reject(batchError);
            continue;
          }
          for (const b of batch) await this.storeOne(b.item).then(b.resolve, b.reject);
        }
      }
    } finally {
      this.#draining = false;
    }
  }

  private write(items: PendingSend[]): Promise<StoredSend[]> {
    const now = new Date();
    const ids = items.map(() => randomUUID());
    const conversationIds = [...new Set(items.map((i) => i.conversation.id))].sort();
    return this.db.$transaction(async (tx) => {
      // PostgreSQL: row locks in one order on every node, so sends to a conversation commit in seq order.
      const locked = await tx.$queryRawUnsafe<{ id: string; lastMessageSeq: number | null }[]>(
        `SELECT "id", "lastMessageSeq" FROM "Conversation" WHERE "id" IN (${this.list(conversationIds.length)}) ORDER BY "id"${this.dialect === 'postgres' ? ' FOR UPDATE' : ''}`,
        ...conversationIds,
      );
      const seqOf = await this.insertMessages(tx, items, ids, now);
      const previousOf = previousSeqs(
        locked.map((c) => [c.id, c.lastMessageSeq == null ? null : Number(c.lastMessageSeq)]),
        items.map((item, i) => [item.conversation.id, seqOf.get(ids[i]!)!]),
      );
      const seqs = ids.map((id) => seqOf.get(id)!).join(',');
      const convList = this.list(conversationIds.length);
      await tx.$executeRawUnsafe(
        `UPDATE "Participant" SET "unreadCount" = "unreadCount" + (SELECT COUNT(*) FROM "Message" m WHERE m."conversationId" = "Participant"."conversationId" AND m."senderId" <> "Participant"."userId" AND m."seq" IN (${seqs})) WHERE "conversationId" IN (${convList})`,
        ...conversationIds,
      );
      const greatest = this.dialect === 'postgres' ? 'GREATEST' : 'MAX';
      await tx.$executeRawUnsafe(
        `UPDATE "Conversation" SET "lastActivityAt" = ${this.param(1)}, "lastMessageSeq" = ${greatest}(COALESCE("lastMessageSeq", 0), (SELECT MAX(m."seq") FROM "Message" m WHERE m."conversationId" = "Conversation"."id" AND m."seq" IN (${seqs}))), "messageCount" = "messageCount" + (SELECT COUNT(*) FROM "Message" m WHERE m."conversationId" = "Conversation"."id" AND m."seq" IN (${seqs})) WHERE "id" IN (${this.list(conversationIds.length, 2)})`,
        this.timestamp(now),
        ...conversationIds,
      );
      const counts = await tx.$queryRawUnsafe<{ userId: number; conversationId: string; unreadCount: number }[]>(
        `SELECT "userId", "conversationId", "unreadCount" FROM "Participant" WHERE "conversationId" IN (${convList})`,
        ...conversationIds,
      );
      const userIds = [...new Set(counts.map((c) => Number(c.userId)))];
      const totals = await tx.$queryRawUnsafe<{ userId: number; total: number }[]>(
        `SELECT "userId", CAST(SUM("unreadCount") AS INTEGER) AS "total" FROM "Participant" WHERE "userId" IN (${this.list(userIds.length)}) GROUP BY "userId"`,
        ...userIds,
      );
      const totalOf = new Map(totals.map((t) => [Number(t.userId), Number(t.total)]));
      const countOf = new Map(counts.map((c) => [`${c.conversationId}:${Number(c.userId)}`, Number(c.unreadCount)]));
      return items.map((item, i): StoredSend => ({
        row: {
          seq: seqOf.get(ids[i]!)!,
          id: ids[i]!,
          conversationId: item.conversation.id,
          senderId: item.sender.id,
          content: item.content,
          clientId: item.clientId,
          fileKey: item.file?.key ?? null,
          fileName: item.file?.name ?? null,
          fileSize: item.file?.size ?? null,
          fileMime: item.file?.mimeType ?? null,
          createdAt: now,
        },
        previousSeq: previousOf.get(seqOf.get(ids[i]!)!) ?? null,
        unread: item.conversation.participants
          .filter((p) => p.id !== item.sender.id)
          .map((p) => ({ userId: p.id, total: totalOf.get(p.id) ?? 0, conversationUnread: countOf.get(`${item.conversation.id}:${p.id}`) ?? 0 })),
      }));
    });
  }

  private async insertMessages(tx: DbTx, items: PendingSend[], ids: string[], now: Date): Promise<Map<string, number>> {
    const columns = ['id', 'conversationId', 'senderId', 'content', 'clientId', 'fileKey', 'fileName', 'fileSize', 'fileMime', 'createdAt'];
    const values: unknown[] = [];
    const rows = items.map((item, i) => {
      const at = values.length;
      values.push(ids[i], item.conversation.id, item.sender.id, item.content, item.clientId, item.file?.key ?? null, item.file?.name ?? null, item.file?.size ?? null, item.file?.mimeType ?? null, this.timestamp(now));
      return `(${columns.map((_, c) => this.param(at + c + 1)).join(', ')})`;
    });
    const inserted = await tx.$queryRawUnsafe<{ seq: number; id: string }[]>(
      `INSERT INTO "Message" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${rows.join(', ')} RETURNING "seq", "id"`,
      ...values,
    );
    return new Map(inserted.map((r) => [r.id, Number(r.seq)]));
  }

  /** `?` (SQLite) or `$n` (PostgreSQL, with a cast for timestamps done by the caller's value). */
  private param(n: number): string {
    return this.dialect === 'postgres' ? `$${n}` : '?';
  }

  private list(count: number, from = 1): string {
    return Array.from({ length: count }, (_, i) => this.param(from + i)).join(', ');
  }

  /** The stored form of a timestamp: epoch milliseconds in SQLite (unixepoch-ms), a timestamp in PostgreSQL. */
  private timestamp(date: Date): number | Date {
    return this.dialect === 'postgres' ? date : date.getTime();
  }
}

/** Each new message's predecessor in its conversation: the conversation's last message before the batch, then each other. */
function previousSeqs(lastBefore: [string, number | null][], inserted: [string, number][]): Map<number, number | null> {
  const last = new Map(lastBefore);
  const previous = new Map<number, number | null>();
  for (const [conversationId, seq] of inserted.toSorted((x, y) => x[1] - y[1])) {
    previous.set(seq, last.get(conversationId) ?? null);
    last.set(conversationId, seq);
  }
  return previous;
}
