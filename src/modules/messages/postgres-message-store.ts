import { randomUUID } from 'node:crypto';
import type { Db, DbTx } from '../../db/database.js';
import { notFound } from '../../errors.js';
import type { ReactionSummary, ReadMarks } from '../types.js';
import type { MessageRow } from './message.mapper.js';
import { CHANGE_COLUMNS, MESSAGE_COLUMNS, MESSAGE_SQL as SQL, NO_BOUND, changeScopeParams, changesSql, placeholders, rowFromValues, storedChange, time, type ChangeScope } from './message-sql.js';
import type { ChangeKind } from '../events.js';
import { postgresSearch, type SearchQuery } from './message-search-sql.js';
import { eventChain, summarize, groupBy, insertValues, previousSeqs, rowOf, type ChangedMessage, type EventPosition, type InsertedBatch, type RemovedMessage, type StoredChange, type MessageStore, type PendingSend, type ReadOutcome, type ReadTarget, type UnreadBump } from './message-store.js';

type Param = string | number | Date | null;
type Runner = Pick<Db, '$queryRawUnsafe' | '$executeRawUnsafe'> | DbTx;

/** `?` placeholders → PostgreSQL's `$1, $2, …` (the statements are shared with SQLite: message-sql.ts). */
export const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/**
 * The message store on PostgreSQL: the same statements as SQLite's, numbered, through Prisma's raw
 * queries (one pool). Row locks keep several nodes exact (ADR 010): conversations in id order before a
 * batch, the reader's participant row before a read mark.
 */
export class PostgresMessageStore implements MessageStore {
  constructor(private readonly db: Db) {}

  insertBatch(items: PendingSend[], bumps: UnreadBump[]): Promise<InsertedBatch> {
    if (items.length === 0) return Promise.resolve({ rows: [], unread: new Map(), totals: new Map(), muted: new Set(), hidden: new Set() });
    const now = new Date();
    const ids = items.map(() => randomUUID());
    const conversationIds = [...new Set(items.map((i) => i.conversation.id))].sort();
    return this.db.$transaction(async (tx) => {
      // the change log is written in commit order: one writer of it at a time, cluster-wide (ADR 023)
      await changeLogLock(tx);
      // row locks in one order on every node, so sends to a conversation commit in seq order
      const locked = await query<{ id: string; lastMessageSeq: number | null }>(
        tx,
        `SELECT "id", "lastMessageSeq" FROM "Conversation" WHERE "id" IN (${placeholders(conversationIds.length)}) ORDER BY "id" FOR UPDATE`,
        ...conversationIds,
      );
      if (locked.length !== conversationIds.length) throw notFound('Conversation not found.');
      const values = items.flatMap((item, i) => insertValues(item, ids[i]!, now));
      const inserted = await query<{ id: string; seq: number }>(tx, SQL.insert(items.length), ...values);
      const seqOf = new Map(inserted.map((r) => [r.id, Number(r.seq)]));
      const rows = items.map((item, i) => rowOf(item, seqOf.get(ids[i]!)!, ids[i]!, now));
      const previous = previousSeqs(
        locked.map((c) => [c.id, c.lastMessageSeq == null ? null : Number(c.lastMessageSeq)]),
        rows.map((r) => [r.conversationId, r.seq]),
      );
      const [lastEvent] = await query<{ seq: number }>(tx, SQL.lastEventSeq);
      const ordered = rows.toSorted((x, y) => x.seq - y.seq);
      const written = await query<{ seq: number; messageSeq: number }>(tx, SQL.insertEvents(ordered.length), ...ordered.flatMap((r) => [r.conversationId, 'added', r.seq, now]));
      const events = eventChain(Number(lastEvent?.seq ?? 0), written.map((e) => ({ seq: Number(e.seq), messageSeq: Number(e.messageSeq) })));
      for (const bump of bumps) {
        const [sender, ...others] = bump.own;
        if (sender && others.length === 0) await execute(tx, SQL.bumpUnreadExcept, bump.count, bump.conversationId, sender.userId);
        else {
          await execute(tx, SQL.bumpUnread, bump.count, bump.conversationId);
          for (const own of bump.own) await execute(tx, SQL.takeBackOwn, own.count, bump.conversationId, own.userId);
        }
      }
      for (const [conversationId, sent] of groupBy(rows, (r) => r.conversationId)) {
        await execute(tx, SQL.moveConversation, now, Math.max(...sent.map((r) => r.seq)), sent.length, conversationId);
      }
      const counts = await query<{ conversationId: string; userId: number; unreadCount: number; muted: boolean; hidden: boolean }>(tx, SQL.participantCounts(conversationIds.length), ...conversationIds);
      const unread = new Map(counts.map((c) => [`${c.conversationId}:${Number(c.userId)}`, Number(c.unreadCount)]));
      const muted = new Set(counts.filter((c) => c.muted).map((c) => `${c.conversationId}:${Number(c.userId)}`));
      const hidden = new Set(counts.filter((c) => c.hidden).map((c) => `${c.conversationId}:${Number(c.userId)}`));
      const userIds = [...new Set(counts.map((c) => Number(c.userId)))];
      const totals = new Map((await query<{ userId: number; total: bigint }>(tx, SQL.unreadTotals(userIds.length), ...userIds)).map((t) => [Number(t.userId), Number(t.total)]));
      return { rows: rows.map((row) => ({ row, previousSeq: previous.get(row.seq) ?? null, event: events.get(row.seq)! })), unread, totals, muted, hidden };
    });
  }

  markRead(conversationId: string, userId: number, target: ReadTarget, decide: (current: number, target: number) => number): Promise<ReadOutcome> {
    return this.db.$transaction(async (tx): Promise<ReadOutcome> => {
      // The reader's row first (ADR 010): a concurrent send's increment then lands either before this
      // recount (and is counted) or after it (and is added to it). A lock, not a no-op UPDATE: updating
      // a row version this transaction created re-runs the foreign-key checks, which deadlock against a
      // send holding the conversation row.
      const [me] = await query<{ lastReadSeq: number; muted: boolean }>(tx, `${SQL.readState} FOR UPDATE`, conversationId, userId);
      if (!me) return { status: 'not_participant' };
      const [to] =
        target === 'latest'
          ? (await query<{ seq: number | null }>(tx, SQL.lastSeq, conversationId)).map((c) => ({ seq: c.seq ?? 0 }))
          : await query<{ seq: number }>(tx, SQL.seqOfMessage, target.messageId, conversationId);
      if (!to) return { status: 'unknown_message' };
      const before = Number(me.lastReadSeq);
      const lastReadSeq = decide(before, Number(to.seq));
      const [counted] = await query<{ n: bigint }>(tx, SQL.countUnread, conversationId, lastReadSeq, userId);
      const unreadCount = Number(counted?.n ?? 0);
      await execute(tx, SQL.setReadState, lastReadSeq, unreadCount, conversationId, userId);
      const [lastRead] = lastReadSeq > 0 ? await query<{ id: string }>(tx, SQL.idAtSeq, lastReadSeq) : [];
      const [sum] = await query<{ total: bigint }>(tx, SQL.unreadTotal, userId);
      return { status: 'moved', before, lastReadSeq, unreadCount, total: Number(sum?.total ?? 0), lastReadMessageId: lastRead?.id ?? null, muted: me.muted };
    });
  }

  newest(conversationId: string, before: number | null, limit: number, standing = false): Promise<MessageRow[]> {
    return this.rows(standing ? SQL.newestStanding : SQL.newest, conversationId, before ?? NO_BOUND, limit);
  }

  newestFrom(conversationId: string, offset: number, limit: number): Promise<MessageRow[]> {
    return this.rows(SQL.newestFrom, conversationId, limit, offset);
  }

  oldestAfter(conversationId: string, after: number, upTo: number | null, limit: number): Promise<MessageRow[]> {
    return this.rows(SQL.oldestAfter, conversationId, after, upTo ?? NO_BOUND, limit);
  }

  async byClientId(senderId: number, clientId: string): Promise<MessageRow | null> {
    return (await this.rows(SQL.byClientId, senderId, clientId))[0] ?? null;
  }

  async byFileKey(fileKey: string): Promise<MessageRow | null> {
    return (await this.rows(SQL.byFileKey, fileKey))[0] ?? null;
  }

  async bySeqs(seqs: number[]): Promise<MessageRow[]> {
    return seqs.length === 0 ? [] : this.rows(SQL.bySeqs(seqs.length), ...seqs);
  }

  async readMarks(conversationId: string): Promise<ReadMarks> {
    const rows = await query<{ userId: number; lastReadSeq: number }>(this.db, SQL.readMarks, conversationId);
    return Object.fromEntries(rows.map((r) => [Number(r.userId), Number(r.lastReadSeq)]));
  }

  async lastSeq(conversationId: string): Promise<number> {
    const [row] = await query<{ seq: number | null }>(this.db, SQL.lastSeq, conversationId);
    return Number(row?.seq ?? 0);
  }

  async messageCount(conversationId: string): Promise<number> {
    const [row] = await query<{ messageCount: number }>(this.db, SQL.messageCount, conversationId);
    return Number(row?.messageCount ?? 0);
  }

  async unreadTotal(userId: number): Promise<number> {
    const [row] = await query<{ total: bigint }>(this.db, SQL.unreadTotal, userId);
    return Number(row?.total ?? 0);
  }

  setMuted(conversationId: string, userId: number, muted: boolean): Promise<{ unreadCount: number; total: number } | null> {
    return this.db.$transaction(async (tx) => {
      const [row] = await query<{ unreadCount: number }>(tx, SQL.setMuted, muted ? 1 : 0, conversationId, userId);
      if (!row) return null;
      const [sum] = await query<{ total: bigint }>(tx, SQL.unreadTotal, userId);
      return { unreadCount: Number(row.unreadCount), total: Number(sum?.total ?? 0) };
    });
  }

  async byId(messageId: string): Promise<MessageRow | null> {
    return (await this.rows(SQL.byId, messageId))[0] ?? null;
  }

  edit(messageId: string, senderId: number, content: string): Promise<ChangedMessage | null> {
    return this.db.$transaction(async (tx): Promise<ChangedMessage | null> => {
      await changeLogLock(tx);
      const [row] = await rowsOf(tx, `${SQL.byId} FOR UPDATE`, messageId);
      // the author, while still a participant (a removed member is a stranger to the group, ADR 026)
      if (!row || row.senderId !== senderId || row.deletedAt || (await query(tx, SQL.isParticipant, row.conversationId, senderId)).length === 0) return null;
      if (row.content === content) return { row, event: null };
      const now = new Date();
      await execute(tx, SQL.edit, content, now, row.seq);
      return { row: { ...row, content, editedAt: now }, event: await logChange(tx, row.conversationId, 'edited', row.seq, now) };
    });
  }

  remove(messageId: string, senderId: number): Promise<RemovedMessage | null> {
    return this.db.$transaction(async (tx): Promise<RemovedMessage | null> => {
      await changeLogLock(tx);
      const [row] = await rowsOf(tx, `${SQL.byId} FOR UPDATE`, messageId);
      if (!row || row.senderId !== senderId || (await query(tx, SQL.isParticipant, row.conversationId, senderId)).length === 0) return null;
      if (row.deletedAt) return { row, event: null, fileKey: null, unread: [] };
      // the conversation's row, as a send takes it: its counters move one change at a time
      await query(tx, `${SQL.lockConversation} FOR UPDATE`, row.conversationId);
      const now = new Date();
      const lowered = await query<{ userId: number; unreadCount: number; muted: boolean; hidden: boolean }>(
        tx,
        `UPDATE "Participant" SET "unreadCount" = GREATEST("unreadCount" - 1, 0) ${SQL.uncounted}`,
        row.conversationId,
        senderId,
        row.seq,
      );
      await execute(tx, SQL.tombstone, now, row.seq);
      await execute(tx, SQL.deleteReactions, row.seq);
      await execute(tx, SQL.lessMessages, row.conversationId);
      const event = await logChange(tx, row.conversationId, 'deleted', row.seq, now);
      const ids = lowered.map((l) => Number(l.userId));
      const totals = new Map(
        ids.length ? (await query<{ userId: number; total: bigint }>(tx, SQL.unreadTotals(ids.length), ...ids)).map((t) => [Number(t.userId), Number(t.total)]) : [],
      );
      return {
        row: { ...row, content: '', fileKey: null, fileName: null, fileSize: null, fileMime: null, deletedAt: now },
        event,
        fileKey: row.fileKey,
        unread: lowered.map((l) => ({ userId: Number(l.userId), conversationUnread: Number(l.unreadCount), total: totals.get(Number(l.userId)) ?? 0, quiet: l.muted, hidden: l.hidden })),
      };
    });
  }

  react(messageId: string, userId: number, emoji: string, add: boolean, maxDistinct: number): Promise<ChangedMessage | 'not_found' | 'limit'> {
    return this.db.$transaction(async (tx): Promise<ChangedMessage | 'not_found' | 'limit'> => {
      await changeLogLock(tx);
      const [row] = await rowsOf(tx, `${SQL.byId} FOR UPDATE`, messageId);
      if (!row || row.deletedAt || (await query(tx, SQL.isParticipant, row.conversationId, userId)).length === 0) return 'not_found';
      const now = new Date();
      let changed: number;
      if (add) {
        const present = (await query<{ emoji: string }>(tx, SQL.reactionEmoji, row.seq)).map((r) => r.emoji);
        if (!present.includes(emoji) && present.length >= maxDistinct) return 'limit';
        changed = await execute(tx, SQL.addReaction, row.seq, userId, emoji, now);
      } else changed = await execute(tx, SQL.removeReaction, row.seq, userId, emoji);
      return { row, event: changed > 0 ? await logChange(tx, row.conversationId, 'reactions', row.seq, now) : null };
    });
  }

  async reactionsOf(seqs: number[]): Promise<Map<number, ReactionSummary[]>> {
    if (seqs.length === 0) return new Map();
    const rows = await query<{ messageSeq: number; userId: number; emoji: string }>(this.db, SQL.reactionsOf(seqs.length), ...seqs);
    return summarize(rows.map((r) => ({ messageSeq: Number(r.messageSeq), userId: Number(r.userId), emoji: r.emoji })));
  }

  async lastEventSeq(): Promise<number> {
    const [row] = await query<{ seq: number }>(this.db, SQL.lastEventSeq);
    return Number(row?.seq ?? 0);
  }

  async changesAfter(scope: ChangeScope, after: number, upTo: number | null, limit: number): Promise<StoredChange[]> {
    const records = await query<Record<string, unknown>>(this.db, changesSql(scope), after, upTo ?? NO_BOUND, ...changeScopeParams(scope), limit);
    return records.map((r) => storedChange(CHANGE_COLUMNS.map((c) => r[c])));
  }

  async search(query: SearchQuery): Promise<MessageRow[]> {
    const { sql, params } = postgresSearch(query);
    return this.rows(sql, ...params);
  }

  private rows(sql: string, ...params: Param[]): Promise<MessageRow[]> {
    return rowsOf(this.db, sql, ...params);
  }
}

async function rowsOf(db: Runner, sql: string, ...params: Param[]): Promise<MessageRow[]> {
  const records = await query<Record<string, unknown>>(db, sql, ...params);
  return records.map((r) => rowFromValues(MESSAGE_COLUMNS.map((c) => r[c])));
}

/** One change-log row, inside the caller's transaction (which holds the change-log lock): its place after the log's newest. */
async function logChange(tx: Runner, conversationId: string, kind: ChangeKind, messageSeq: number, at: Date): Promise<EventPosition> {
  const [last] = await query<{ seq: number }>(tx, SQL.lastEventSeq);
  const [written] = await query<{ seq: number }>(tx, SQL.insertEvents(1), conversationId, kind, messageSeq, at);
  const previous = Number(last?.seq ?? 0);
  return { seq: Number(written!.seq), previousSeq: previous > 0 ? previous : null };
}

/** Arbitrary constant key of the change log's transaction lock. */
const CHANGE_LOG_LOCK = 727_100_002;

/**
 * Held until the transaction ends: change-log rows commit in the order of their seqs, so a reader that
 * has seen event N has seen (or can read) every event before it.
 */
export async function changeLogLock(tx: Runner): Promise<void> {
  await query(tx, 'SELECT pg_advisory_xact_lock(?)::text', CHANGE_LOG_LOCK);
}

function query<T>(db: Runner, sql: string, ...params: Param[]): Promise<T[]> {
  return db.$queryRawUnsafe<T[]>(numbered(sql), ...params);
}

function execute(db: Runner, sql: string, ...params: Param[]): Promise<number> {
  return db.$executeRawUnsafe(numbered(sql), ...params);
}
