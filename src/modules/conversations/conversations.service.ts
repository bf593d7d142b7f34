import { randomUUID } from 'node:crypto';
import type { Limits } from '../../config.js';
import type { Db } from '../../db/database.js';
import { DomainError, badInput, notFound } from '../../errors.js';
import { feed, type Feed } from '../../realtime/feed.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { MessageStore } from '../messages/message-store.js';
import { toChatMessage, type ConversationRef } from '../messages/message.mapper.js';
import { pageSize } from '../paging.js';
import type { ConversationView, Page, ReadMarks, UserRef, Viewer } from '../types.js';
import type { LiveEvents } from '../live-events.js';
import type { BlocksService } from '../people/blocks.service.js';
import { MembershipCache, type CachedMembership } from './membership-cache.js';
import { canonicalName, conversationKind, isGroupName, parseRoomName, participantKey } from './room-name.js';
import { plainText } from '../text.js';

/** A conversation the viewer belongs to, as the other services need it. */
export interface Membership extends ConversationRef {
  /** null when the participant set is valid but nobody has opened it yet */
  exists: boolean;
  /** a DM's participants who have blocked the other */
  blockers: number[];
}

const userRef = { id: true, username: true } as const;

/** What a stranger to a conversation is told: nothing that tells it apart from one that does not exist. */
export const strangerError = () => new DomainError('NOT_FOUND', 'Conversation not found.', { reason: 'not_participant' });

/** A DM whose other participant has blocked the viewer: the viewer is answered as a stranger (ADR 025). */
function refuseBlocked(viewer: Viewer, m: { blockers: number[] }): void {
  if (m.blockers.some((id) => id !== viewer.id)) throw strangerError();
}

export class ConversationsService {
  readonly #memberships: MembershipCache;

  constructor(
    private readonly db: Db,
    /** every message read goes through the messages module's store */
    private readonly messages: Pick<MessageStore, 'bySeqs'>,
    private readonly blocks: Pick<BlocksService, 'blockersAmong'>,
    private readonly live: Pick<LiveEvents, 'access' | 'conversation'>,
    private readonly limits: Limits,
  ) {
    this.#memberships = new MembershipCache(limits.membershipCacheSize, limits.membershipCacheTtlSeconds * 1000);
    // a block or unblock on any node: the DM of the two resolves afresh (a lost link: everything does)
    live.access({
      next: (e) => {
        if (e.kind === 'missed') return this.#memberships.clear();
        if (e.kind === 'members') return this.forget(e.conversationId);
        const pair = (m: CachedMembership) => m.participants.length === 2 && m.participants.some((p) => p.id === e.blockerId) && m.participants.some((p) => p.id === e.blockedId);
        this.#memberships.forget(pair);
      },
      error: () => undefined,
    });
  }

  /**
   * Resolves a conversation name to its participants and checks the viewer is one of them.
   * Malformed names and unknown users: BAD_USER_INPUT. A set without the viewer: NOT_FOUND (reason
   * not_participant), so a stranger learns nothing about the conversation.
   */
  async resolve(viewer: Viewer, name: string): Promise<Membership> {
    const cached = this.#memberships.get(name);
    if (cached) {
      if (!cached.participants.some((p) => p.id === viewer.id)) throw strangerError();
      refuseBlocked(viewer, cached);
      return { ...cached, exists: true };
    }
    if (isGroupName(name)) return this.resolveGroup(viewer, name);
    const parsed = parseRoomName(name, this.limits.groupMaxParticipants);
    const users =
      parsed.kind === 'ids'
        ? await this.db.user.findMany({ where: { id: { in: parsed.ids }, isActive: true }, select: userRef })
        : await this.db.user.findMany({ where: { username: { in: parsed.usernames }, isActive: true }, select: userRef });
    const wanted = parsed.kind === 'ids' ? parsed.ids.length : parsed.usernames.length;
    if (users.length !== wanted) throw badInput('Unknown user in conversation name.', 'conversation', 'unknown_user');
    if (!users.some((u) => u.id === viewer.id)) throw strangerError();
    if (users.length < 2) throw badInput('A conversation needs another participant.', 'conversation', 'invalid_room_name');
    const participants = users.sort((a, b) => a.id - b.id);
    const key = participantKey(participants.map((u) => u.id));
    const [row, blockers] = await Promise.all([
      this.db.conversation.findUnique({ where: { participantKey: key }, select: { id: true } }),
      participants.length === 2 ? this.blocks.blockersAmong(participants[0]!.id, participants[1]!.id) : Promise.resolve([]),
    ]);
    const resolved = { id: row?.id ?? '', name: canonicalName(participants), participants, blockers, exists: row !== null };
    if (row) this.#memberships.set(name, resolved);
    refuseBlocked(viewer, resolved);
    return resolved;
  }

  /** A named group (ADR 026): its current members; nobody else learns anything (not even that it exists). */
  private async resolveGroup(viewer: Viewer, name: string): Promise<Membership> {
    const row = await this.db.conversation.findUnique({
      where: { name },
      select: { id: true, participants: { select: { user: { select: userRef } } } },
    });
    const participants = (row?.participants ?? []).map((p) => p.user).sort((a, b) => a.id - b.id);
    if (!row || !participants.some((p) => p.id === viewer.id)) throw strangerError();
    const resolved = { id: row.id, name, participants, blockers: [] };
    this.#memberships.set(name, resolved);
    return { ...resolved, exists: true };
  }

  /** Drops what this node cached of the conversation's members (they changed). */
  forget(conversationId: string): void {
    this.#memberships.forget((m) => m.id === conversationId);
  }

  /**
   * `inner` (a feed of the conversation, checked for the viewer) for as long as the viewer may see the
   * conversation: when that ends (a block in a DM, a removal from a group), on any node, it ends with
   * NOT_FOUND, as a subscription to a conversation that does not exist is refused. A feed that ends by
   * itself on a removal (the change log's: it delivers the removal first) leaves `removed` out of `ends`.
   */
  whileMember<T>(viewer: Viewer, conv: ConversationRef, inner: Feed<T>, ends: ReadonlyArray<'blocked' | 'removed'> = ['blocked', 'removed']): Feed<T> {
    return feed((sink) => {
      const watch = this.live.conversation(conv, {
        next: (e) => {
          if (e.kind === 'lost' && e.userId === viewer.id && ends.includes(e.reason)) sink.error(strangerError());
        },
        error: () => undefined,
      });
      const stop = inner.open(sink);
      return () => {
        stop();
        watch.detach();
      };
    }, this.limits.subscriptionBacklogMax);
  }

  /** resolve() and create the conversation if nobody has yet (every write path opens it this way). */
  async open(viewer: Viewer, name: string): Promise<Membership> {
    const m = await this.resolve(viewer, name);
    if (m.exists) return m;
    // created while a block stands: the blocked participant's row is hidden from the start
    const hidden = m.participants.filter((p) => m.blockers.some((b) => b !== p.id)).map((p) => p.id);
    const created = { ...(await this.create(m.participants, hidden)), blockers: m.blockers };
    this.#memberships.set(name, created);
    return created;
  }

  async start(viewer: Viewer, input: { usernames?: string[] | null; userIds?: number[] | null }): Promise<ConversationView> {
    const usernames = [...new Set(input.usernames ?? [])].map((u) => plainText(u, 'usernames'));
    const userIds = input.userIds ?? [];
    if (userIds.some((id) => !Number.isSafeInteger(id) || id < 1)) throw badInput('userIds must be user ids.', 'userIds', 'invalid');
    if (usernames.length === 0 && userIds.length === 0) {
      throw badInput('Name at least one other participant.', 'usernames', 'required');
    }
    const named = usernames.length
      ? await this.db.user.findMany({ where: { username: { in: usernames }, isActive: true }, select: { id: true } })
      : [];
    if (named.length !== usernames.length) throw badInput('Unknown username.', 'usernames', 'unknown_user');
    const ids = new Set([viewer.id, ...named.map((u) => u.id), ...userIds]);
    const m = await this.open(viewer, [...ids].join('_'));
    return this.viewFor(viewer, m.id);
  }

  /**
   * The viewer's conversation by name, or null when it does not exist or is not theirs. A malformed
   * name or an unknown user is still BAD_USER_INPUT (as everywhere else), and a failure stays a failure.
   */
  async find(viewer: Viewer, name: string): Promise<ConversationView | null> {
    let m: Membership;
    try {
      m = await this.resolve(viewer, name);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'NOT_FOUND') return null;
      throw e;
    }
    return m.exists ? this.viewFor(viewer, m.id) : null;
  }

  /** The viewer's conversation by name; NOT_FOUND when nobody has opened it yet or it is not theirs. */
  async get(viewer: Viewer, name: string): Promise<ConversationView> {
    const m = await this.resolve(viewer, name);
    if (!m.exists) throw notFound('Conversation not found.');
    return this.viewFor(viewer, m.id);
  }

  /** Every conversation of the viewer, most recent activity first (the legacy list has no pages). */
  async listAll(viewer: Viewer): Promise<ConversationView[]> {
    const all: ConversationView[] = [];
    let after: { at: Date; id: string } | null = null;
    for (;;) {
      const page = await this.list(viewer, { first: this.limits.pageMaxSize, after });
      all.push(...page.items);
      const last = page.items.at(-1);
      if (!page.hasMore || !last) return all;
      after = { at: new Date(last.lastActivityAt), id: last.id };
    }
  }

  async list(viewer: Viewer, input: { first?: number | null; after?: { at: Date; id: string } | null }): Promise<Page<ConversationView>> {
    const after = input.after;
    const first = pageSize(input.first, this.limits);
    const rows = await this.db.conversation.findMany({
      where: {
        // a DM whose other participant blocked the viewer is not theirs to see
        participants: { some: { userId: viewer.id, hidden: false } },
        ...(after ? { OR: [{ lastActivityAt: { lt: after.at } }, { lastActivityAt: after.at, id: { lt: after.id } }] } : {}),
      },
      orderBy: [{ lastActivityAt: 'desc' }, { id: 'desc' }],
      take: first + 1,
      select: { id: true },
    });
    const views = await this.viewsFor(viewer, rows.slice(0, first).map((r) => r.id));
    return { items: views, hasMore: rows.length > first };
  }

  /** Loads full views (participants, read marks, last message, the viewer's unread count) in a few queries. */
  async viewsFor(viewer: Viewer, ids: string[]): Promise<ConversationView[]> {
    if (ids.length === 0) return [];
    const convs = await this.db.conversation.findMany({
      where: { id: { in: ids } },
      include: { participants: { include: { user: { select: userRef } }, orderBy: [{ joinedAt: 'asc' }, { userId: 'asc' }] } },
    });
    const lastSeqs = convs.map((c) => c.lastMessageSeq).filter((s): s is number => s != null);
    const lastMessages = new Map((await this.messages.bySeqs(lastSeqs)).map((m) => [m.conversationId, m]));
    const byId = new Map(
      convs.map((c) => {
        const participants = c.participants.map((p) => p.user).sort((a, b) => a.id - b.id);
        const reads: ReadMarks = Object.fromEntries(c.participants.map((p) => [p.userId, p.lastReadSeq]));
        const ref = { id: c.id, name: c.name, participants };
        const last = lastMessages.get(c.id);
        const mine = c.participants.find((p) => p.userId === viewer.id);
        const view: ConversationView = {
          id: c.id,
          name: c.name,
          participants,
          isGroup: conversationKind(c.name, participants.length) === 'GROUP',
          kind: conversationKind(c.name, participants.length),
          title: c.title,
          admins: c.participants.filter((p) => p.admin).map((p) => p.user),
          createdAt: c.createdAt.toISOString(),
          lastActivityAt: c.lastActivityAt.toISOString(),
          lastMessage: last ? { message: toChatMessage(last, ref), reads } : null,
          unreadCount: mine?.unreadCount ?? 0,
          muted: mine?.muted ?? false,
        };
        return [c.id, view];
      }),
    );
    return ids.map((id) => byId.get(id)).filter((v): v is ConversationView => v !== undefined);
  }

  /** The conversations' participants (in id order) and read marks, by id: what a page of messages from several needs. */
  async membersOf(ids: string[]): Promise<Map<string, { ref: ConversationRef; reads: ReadMarks }>> {
    if (ids.length === 0) return new Map();
    const convs = await this.db.conversation.findMany({
      where: { id: { in: ids } },
      select: { id: true, name: true, participants: { select: { userId: true, lastReadSeq: true, user: { select: userRef } } } },
    });
    return new Map(
      convs.map((c) => [
        c.id,
        {
          ref: { id: c.id, name: c.name, participants: c.participants.map((p) => p.user).sort((a, b) => a.id - b.id) },
          reads: Object.fromEntries(c.participants.map((p) => [p.userId, p.lastReadSeq])) as ReadMarks,
        },
      ]),
    );
  }

  /** What a conversation is for anyone (no viewer's unread count): for a conversation an event names. */
  async summary(id: string): Promise<Omit<ConversationView, 'unreadCount' | 'muted'>> {
    const [view] = await this.viewsFor({ id: 0, username: '' }, [id]);
    if (!view) throw notFound('Conversation not found.');
    return view;
  }

  async viewFor(viewer: Viewer, id: string): Promise<ConversationView> {
    const [view] = await this.viewsFor(viewer, [id]);
    if (!view || !view.participants.some((p) => p.id === viewer.id)) throw notFound('Conversation not found.');
    return view;
  }

  private async create(participants: UserRef[], hidden: number[]): Promise<Omit<Membership, 'blockers'>> {
    const id = randomUUID();
    const name = canonicalName(participants);
    const now = new Date();
    try {
      await this.db.conversation.create({
        data: {
          id,
          participantKey: participantKey(participants.map((p) => p.id)),
          name,
          createdAt: now,
          lastActivityAt: now,
          participants: { create: participants.map((p) => ({ userId: p.id, joinedAt: now, hidden: hidden.includes(p.id) })) },
        },
      });
      return { id, name, participants, exists: true };
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      // Another request created it first: use theirs.
      const row = await this.db.conversation.findUniqueOrThrow({
        where: { participantKey: participantKey(participants.map((p) => p.id)) },
        select: { id: true },
      });
      return { id: row.id, name, participants, exists: true };
    }
  }
}
