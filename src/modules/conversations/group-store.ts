import type { EventPosition } from '../messages/message-store.js';
import { MESSAGE_SQL, time } from '../messages/message-sql.js';
import type { UserRef } from '../types.js';
import { sql, type Script, type ScriptRunner } from './group-script.js';

/** A member of a conversation, in standing order (who joined first, then the lowest id). */
export interface GroupMember extends UserRef {
  admin: boolean;
  joinedAt: Date;
}

/** A conversation as its membership changes see it (read under the transaction's lock). */
export interface GroupState {
  id: string;
  name: string;
  title: string | null;
  /** a named group (ADR 026); otherwise a participant set, whose members never change */
  named: boolean;
  lastMessageSeq: number;
  members: GroupMember[];
}

/** What a change does: who joins and leaves, whose admin flag moves, the new title, and what the log says. */
export interface GroupChange {
  add?: UserRef[];
  remove?: UserRef[];
  admins?: { userId: number; admin: boolean }[];
  title?: string;
  /** the change-log event (members: the added and removed; updated: title or admins) */
  log: 'members' | 'updated';
}

/** A committed change: the group after it, its change-log position, and the removed members' unread totals. */
export interface AppliedChange {
  state: GroupState;
  change: GroupChange;
  event: EventPosition;
  at: Date;
  /** removed user id → their unread total without this conversation */
  totals: Map<number, number>;
}

const SQL = {
  conversation: `SELECT "id", "name", "title", "participantKey", "lastMessageSeq" FROM "Conversation" WHERE "id" = ?`,
  members: `SELECT p."userId", u."username", p."admin", p."joinedAt" FROM "Participant" p JOIN "User" u ON u."id" = p."userId" WHERE p."conversationId" = ?`,
  createConversation: `INSERT INTO "Conversation" ("id", "participantKey", "name", "title", "createdAt", "lastActivityAt", "messageCount") VALUES (?, ?, ?, ?, ?, ?, 0)`,
  /** a new member: read up to the newest message (their count starts at 0; the history stays readable, ADR 026) */
  join: `INSERT INTO "Participant" ("conversationId", "userId", "lastReadSeq", "unreadCount", "muted", "hidden", "admin", "joinedAt") VALUES (?, ?, ?, 0, false, false, ?, ?)`,
  leave: `DELETE FROM "Participant" WHERE "conversationId" = ? AND "userId" = ?`,
  /** admin (1) or not (0): a number, which both databases take for a boolean */
  setAdmin: `UPDATE "Participant" SET "admin" = ? WHERE "conversationId" = ? AND "userId" = ?`,
  setTitle: `UPDATE "Conversation" SET "title" = ? WHERE "id" = ?`,
  logEvent: `INSERT INTO "ChatEvent" ("conversationId", "kind", "detail", "removedUserId", "createdAt") VALUES (?, ?, ?, ?, ?) RETURNING "seq"`,
} as const;

/** The detail a `members` event keeps in the log: who was added and who removed (usernames as they were). */
export interface MembersDetail {
  added: UserRef[];
  removed: UserRef[];
}

export function parseMembersDetail(detail: string | null): MembersDetail {
  const parsed = detail ? (JSON.parse(detail) as Partial<MembersDetail>) : {};
  return { added: parsed.added ?? [], removed: parsed.removed ?? [] };
}

/**
 * Membership changes of conversations, each one transaction with its change-log event (ADR 026): the
 * change log's lock and the conversation's row first, as a send takes them, so a send and a join are
 * ordered (the joiner's read mark is the newest message at that point, exactly).
 */
export class GroupStore {
  constructor(private readonly runner: ScriptRunner) {}

  /** A new named group of `members` (the first of them its admin), with its `members` event. */
  create(group: { id: string; name: string; title: string; members: UserRef[] }): Promise<AppliedChange> {
    return this.runner.run(function* (): Script<AppliedChange> {
      yield { lock: 'change-log' };
      const at = new Date();
      yield sql(SQL.createConversation, group.id, `g:${group.id}`, group.name, group.title, at, at);
      for (const [i, m] of group.members.entries()) yield sql(SQL.join, group.id, m.id, 0, i === 0 ? 1 : 0, at);
      const change: GroupChange = { add: group.members, log: 'members' };
      const event = yield* logged(group.id, change, at);
      return { state: (yield* readState(group.id, false))!, change, event, at, totals: new Map() };
    });
  }

  /**
   * Reads the conversation under the lock, lets `decide` say what changes (it throws to refuse, or
   * returns null when nothing would change), applies it and logs it. null: no such conversation, or
   * nothing changed.
   */
  change(conversationId: string, decide: (state: GroupState) => GroupChange | null): Promise<AppliedChange | { state: GroupState | null; unchanged: true }> {
    return this.runner.run(function* (): Script<AppliedChange | { state: GroupState | null; unchanged: true }> {
      yield { lock: 'change-log' };
      const before = yield* readState(conversationId, true);
      const change = before ? decide(before) : null;
      if (!before || !change) return { state: before, unchanged: true };
      const at = new Date();
      for (const u of change.remove ?? []) yield sql(SQL.leave, conversationId, u.id);
      for (const u of change.add ?? []) yield sql(SQL.join, conversationId, u.id, before.lastMessageSeq, 0, at);
      for (const a of change.admins ?? []) yield sql(SQL.setAdmin, a.admin ? 1 : 0, conversationId, a.userId);
      if (change.title !== undefined) yield sql(SQL.setTitle, change.title, conversationId);
      const event = yield* logged(conversationId, change, at);
      const removed = (change.remove ?? []).map((u) => u.id);
      const totals = new Map<number, number>();
      if (removed.length > 0) {
        for (const t of yield sql(MESSAGE_SQL.unreadTotals(removed.length), ...removed)) totals.set(Number(t.userId), Number(t.total));
        for (const id of removed) if (!totals.has(id)) totals.set(id, 0);
      }
      return { state: (yield* readState(conversationId, false))!, change, event, at, totals };
    });
  }
}

function* readState(conversationId: string, forUpdate: boolean): Script<GroupState | null> {
  const [c] = yield { ...sql(SQL.conversation, conversationId), forUpdate };
  if (!c) return null;
  const members = (yield sql(SQL.members, conversationId))
    .map((r) => ({ id: Number(r.userId), username: String(r.username), admin: Boolean(r.admin), joinedAt: time(r.joinedAt)! }))
    .sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime() || a.id - b.id);
  return {
    id: String(c.id),
    name: String(c.name),
    title: c.title == null ? null : String(c.title),
    named: String(c.participantKey).startsWith('g:'),
    lastMessageSeq: c.lastMessageSeq == null ? 0 : Number(c.lastMessageSeq),
    members,
  };
}

/** The change's log row, after the log's newest (the lock is held): its position in the chain. */
function* logged(conversationId: string, change: GroupChange, at: Date): Script<EventPosition> {
  const [last] = yield sql(MESSAGE_SQL.lastEventSeq);
  const detail: MembersDetail | null = change.log === 'members' ? { added: (change.add ?? []).map(ref), removed: (change.remove ?? []).map(ref) } : null;
  const removedUserId = change.remove?.length === 1 ? change.remove[0]!.id : null;
  const [row] = yield sql(SQL.logEvent, conversationId, change.log, detail ? JSON.stringify(detail) : null, removedUserId, at);
  const previous = Number(last?.seq ?? 0);
  return { seq: Number(row!.seq), previousSeq: previous > 0 ? previous : null };
}

const ref = (u: UserRef): UserRef => ({ id: u.id, username: u.username });
