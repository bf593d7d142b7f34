import { randomUUID } from 'node:crypto';
import type { SqliteConnection } from '../../db/sqlite-connection.js';
import { notFound } from '../../errors.js';
import type { ReactionSummary, ReadMarks } from '../types.js';
import type { MessageRow } from './message.mapper.js';
import { MESSAGE_SQL as SQL, NO_BOUND, changeScopeParams, changesSql, rowFromValues, storedChange, time, type ChangeScope } from './message-sql.js';
import type { ChangeKind } from '../events.js';
import { sqliteSearch, type SearchQuery } from './message-search-sql.js';
import type { SearchBacklog } from './sqlite-search-index.js';
import { eventChain, groupBy, insertValues, previousSeqs, rowOf, summarize, type ChangedMessage, type EventPosition, type InsertedBatch, type RemovedMessage, type StoredChange, type MessageStore, type PendingSend, type ReadOutcome, type ReadTarget, type UnreadBump } from './message-store.js';

/**
 * The message store on SQLite: prepared statements on the connection Prisma uses (better-sqlite3 is
 * synchronous, so a whole transaction runs without yielding and nothing can interleave with it).
 * Stored messages reach the search index after their transaction, in batches (`searchIndex`, ADR 027).
 */
export class SqliteMessageStore implements MessageStore {
  constructor(
    private readonly db: SqliteConnection,
    private readonly searchIndex: SearchBacklog,
  ) {}

  async insertBatch(items: PendingSend[], bumps: UnreadBump[]): Promise<InsertedBatch> {
    const inserted = await this.db.write(() => {
      const now = new Date();
      const conversationIds = [...new Set(items.map((i) => i.conversation.id))].sort();
      const lastBefore = conversationIds.map((id): [string, number | null] => {
        const conv = this.db.get<{ seq: number | null }>(SQL.lastSeq, id);
        if (!conv) throw notFound('Conversation not found.');
        return [id, conv.seq];
      });
      const rows = items.map((item) => {
        const id = randomUUID();
        const { seq } = this.db.get<{ seq: number }>(SQL.insert(1), ...insertValues(item, id, now.getTime()))!;
        return rowOf(item, seq, id, now);
      });
      const previous = previousSeqs(lastBefore, rows.map((r) => [r.conversationId, r.seq]));
      // the change log, in the same transaction: one `added` event per message, in message order
      const lastEvent = this.db.get<{ seq: number }>(SQL.lastEventSeq)!.seq;
      const events = eventChain(
        lastEvent,
        rows.map((r) => ({ seq: this.db.get<{ seq: number }>(SQL.insertEvents(1), r.conversationId, 'added', r.seq, now.getTime())!.seq, messageSeq: r.seq })),
      );
      for (const bump of bumps) {
        const [sender, ...others] = bump.own;
        if (sender && others.length === 0) this.db.run(SQL.bumpUnreadExcept, bump.count, bump.conversationId, sender.userId);
        else {
          this.db.run(SQL.bumpUnread, bump.count, bump.conversationId);
          for (const own of bump.own) this.db.run(SQL.takeBackOwn, own.count, bump.conversationId, own.userId);
        }
      }
      for (const [conversationId, sent] of groupBy(rows, (r) => r.conversationId)) {
        this.db.run(SQL.moveConversation, now.getTime(), Math.max(...sent.map((r) => r.seq)), sent.length, conversationId);
      }
      return this.counters(conversationIds, rows, previous, events);
    });
    this.searchIndex.soon();
    return inserted;
  }

  /** The batch's rows with their predecessors, and the counters of every participant of its conversations. */
  private counters(conversationIds: string[], rows: MessageRow[], previous: Map<number, number | null>, events: Map<number, EventPosition>): InsertedBatch {
    const unread = new Map<string, number>();
    const muted = new Set<string>();
    const hidden = new Set<string>();
    for (const c of this.db.all<{ conversationId: string; userId: number; unreadCount: number; muted: number; hidden: number }>(SQL.participantCounts(conversationIds.length), ...conversationIds)) {
      unread.set(`${c.conversationId}:${c.userId}`, c.unreadCount);
      if (c.muted) muted.add(`${c.conversationId}:${c.userId}`);
      if (c.hidden) hidden.add(`${c.conversationId}:${c.userId}`);
    }
    const userIds = [...new Set([...unread.keys()].map((k) => Number(k.slice(k.indexOf(':') + 1))))];
    const totals = new Map(this.db.all<{ userId: number; total: number }>(SQL.unreadTotals(userIds.length), ...userIds).map((t) => [t.userId, t.total]));
    return { rows: rows.map((row) => ({ row, previousSeq: previous.get(row.seq) ?? null, event: events.get(row.seq)! })), unread, totals, muted, hidden };
  }

  markRead(conversationId: string, userId: number, target: ReadTarget, decide: (current: number, target: number) => number): Promise<ReadOutcome> {
    return this.db.write((): ReadOutcome => {
      const me = this.db.get<{ lastReadSeq: number; muted: number }>(SQL.readState, conversationId, userId);
      if (!me) return { status: 'not_participant' };
      const to = target === 'latest' ? { seq: this.db.get<{ seq: number | null }>(SQL.lastSeq, conversationId)?.seq ?? 0 } : this.db.get<{ seq: number }>(SQL.seqOfMessage, target.messageId, conversationId);
      if (!to) return { status: 'unknown_message' };
      const lastReadSeq = decide(me.lastReadSeq, to.seq);
      const { n: unreadCount } = this.db.get<{ n: number }>(SQL.countUnread, conversationId, lastReadSeq, userId)!;
      this.db.run(SQL.setReadState, lastReadSeq, unreadCount, conversationId, userId);
      const lastRead = lastReadSeq > 0 ? this.db.get<{ id: string }>(SQL.idAtSeq, lastReadSeq) : undefined;
      const total = this.db.get<{ total: number }>(SQL.unreadTotal, userId)!.total;
      return { status: 'moved', before: me.lastReadSeq, lastReadSeq, unreadCount, total, lastReadMessageId: lastRead?.id ?? null, muted: Boolean(me.muted) };
    });
  }

  async newest(conversationId: string, before: number | null, limit: number, standing = false): Promise<MessageRow[]> {
    return this.rows(standing ? SQL.newestStanding : SQL.newest, conversationId, before ?? NO_BOUND, limit);
  }

  async newestFrom(conversationId: string, offset: number, limit: number): Promise<MessageRow[]> {
    return this.rows(SQL.newestFrom, conversationId, limit, offset);
  }

  async oldestAfter(conversationId: string, after: number, upTo: number | null, limit: number): Promise<MessageRow[]> {
    return this.rows(SQL.oldestAfter, conversationId, after, upTo ?? NO_BOUND, limit);
  }

  async byClientId(senderId: number, clientId: string): Promise<MessageRow | null> {
    return this.rows(SQL.byClientId, senderId, clientId)[0] ?? null;
  }

  async byFileKey(fileKey: string): Promise<MessageRow | null> {
    return this.rows(SQL.byFileKey, fileKey)[0] ?? null;
  }

  async bySeqs(seqs: number[]): Promise<MessageRow[]> {
    return seqs.length === 0 ? [] : this.rows(SQL.bySeqs(seqs.length), ...seqs);
  }

  async readMarks(conversationId: string): Promise<ReadMarks> {
    const marks: ReadMarks = {};
    for (const r of this.db.all<{ userId: number; lastReadSeq: number }>(SQL.readMarks, conversationId)) marks[r.userId] = r.lastReadSeq;
    return marks;
  }

  async lastSeq(conversationId: string): Promise<number> {
    return this.db.get<{ seq: number | null }>(SQL.lastSeq, conversationId)?.seq ?? 0;
  }

  async messageCount(conversationId: string): Promise<number> {
    return this.db.get<{ messageCount: number }>(SQL.messageCount, conversationId)?.messageCount ?? 0;
  }

  async unreadTotal(userId: number): Promise<number> {
    return this.db.get<{ total: number }>(SQL.unreadTotal, userId)?.total ?? 0;
  }

  setMuted(conversationId: string, userId: number, muted: boolean): Promise<{ unreadCount: number; total: number } | null> {
    return this.db.write(() => {
      const row = this.db.get<{ unreadCount: number }>(SQL.setMuted, muted ? 1 : 0, conversationId, userId);
      if (!row) return null;
      return { unreadCount: row.unreadCount, total: this.db.get<{ total: number }>(SQL.unreadTotal, userId)!.total };
    });
  }

  async byId(messageId: string): Promise<MessageRow | null> {
    return this.rows(SQL.byId, messageId)[0] ?? null;
  }

  edit(messageId: string, senderId: number, content: string): Promise<ChangedMessage | null> {
    return this.db.write((): ChangedMessage | null => {
      const row = this.rows(SQL.byId, messageId)[0];
      // the author, while still a participant (a removed member is a stranger to the group, ADR 026)
      if (!row || row.senderId !== senderId || row.deletedAt || !this.db.get(SQL.isParticipant, row.conversationId, senderId)) return null;
      if (row.content === content) return { row, event: null };
      const now = new Date();
      this.db.run(SQL.edit, content, now.getTime(), row.seq);
      return { row: { ...row, content, editedAt: now }, event: this.logChange(row.conversationId, 'edited', row.seq, now) };
    });
  }

  remove(messageId: string, senderId: number): Promise<RemovedMessage | null> {
    return this.db.write((): RemovedMessage | null => {
      const row = this.rows(SQL.byId, messageId)[0];
      if (!row || row.senderId !== senderId || !this.db.get(SQL.isParticipant, row.conversationId, senderId)) return null;
      if (row.deletedAt) return { row, event: null, fileKey: null, unread: [] };
      const now = new Date();
      const lowered = this.db.all<{ userId: number; unreadCount: number; muted: number; hidden: number }>(
        `UPDATE "Participant" SET "unreadCount" = MAX("unreadCount" - 1, 0) ${SQL.uncounted}`,
        row.conversationId,
        senderId,
        row.seq,
      );
      this.db.run(SQL.tombstone, now.getTime(), row.seq);
      this.db.run(SQL.deleteReactions, row.seq);
      this.db.run(SQL.lessMessages, row.conversationId);
      const event = this.logChange(row.conversationId, 'deleted', row.seq, now);
      const ids = lowered.map((l) => l.userId);
      const totals = new Map(ids.length ? this.db.all<{ userId: number; total: number }>(SQL.unreadTotals(ids.length), ...ids).map((t) => [t.userId, t.total]) : []);
      return {
        row: { ...row, content: '', fileKey: null, fileName: null, fileSize: null, fileMime: null, deletedAt: now },
        event,
        fileKey: row.fileKey,
        unread: lowered.map((l) => ({ userId: l.userId, conversationUnread: l.unreadCount, total: totals.get(l.userId) ?? 0, quiet: Boolean(l.muted), hidden: Boolean(l.hidden) })),
      };
    });
  }

  react(messageId: string, userId: number, emoji: string, add: boolean, maxDistinct: number): Promise<ChangedMessage | 'not_found' | 'limit'> {
    return this.db.write((): ChangedMessage | 'not_found' | 'limit' => {
      const row = this.rows(SQL.byId, messageId)[0];
      if (!row || row.deletedAt || !this.db.get(SQL.isParticipant, row.conversationId, userId)) return 'not_found';
      const now = new Date();
      let changed: boolean;
      if (add) {
        const present = this.db.all<{ emoji: string }>(SQL.reactionEmoji, row.seq).map((r) => r.emoji);
        if (!present.includes(emoji) && present.length >= maxDistinct) return 'limit';
        changed = this.db.run(SQL.addReaction, row.seq, userId, emoji, now.getTime()).changes > 0;
      } else changed = this.db.run(SQL.removeReaction, row.seq, userId, emoji).changes > 0;
      return { row, event: changed ? this.logChange(row.conversationId, 'reactions', row.seq, now) : null };
    });
  }

  async reactionsOf(seqs: number[]): Promise<Map<number, ReactionSummary[]>> {
    if (seqs.length === 0) return new Map();
    return summarize(this.db.all<{ messageSeq: number; userId: number; emoji: string }>(SQL.reactionsOf(seqs.length), ...seqs));
  }

  /** One change-log row, inside the caller's transaction: its place after the log's newest. */
  private logChange(conversationId: string, kind: ChangeKind, messageSeq: number, at: Date): EventPosition {
    const last = this.db.get<{ seq: number }>(SQL.lastEventSeq)!.seq;
    const { seq } = this.db.get<{ seq: number }>(SQL.insertEvents(1), conversationId, kind, messageSeq, at.getTime())!;
    return { seq, previousSeq: last > 0 ? last : null };
  }

  async lastEventSeq(): Promise<number> {
    return this.db.get<{ seq: number }>(SQL.lastEventSeq)?.seq ?? 0;
  }

  async changesAfter(scope: ChangeScope, after: number, upTo: number | null, limit: number): Promise<StoredChange[]> {
    return this.db
      .rows<unknown[]>(changesSql(scope), after, upTo ?? NO_BOUND, ...changeScopeParams(scope), limit)
      .map(storedChange);
  }

  async search(query: SearchQuery): Promise<MessageRow[]> {
    // what is stored is found: a message acknowledged a moment ago may not be indexed yet
    await this.searchIndex.catchUp();
    const { sql, params } = sqliteSearch(query);
    return this.rows(sql, ...params);
  }

  /** Rows as arrays in column order, one literal each: about half the time of generic row objects on a page of 50. */
  private rows(sql: string, ...params: (string | number)[]): MessageRow[] {
    return this.db.rows<unknown[]>(sql, ...params).map(rowFromValues);
  }
}
