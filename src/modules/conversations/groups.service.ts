import { randomUUID } from 'node:crypto';
import type { Limits } from '../../config.js';
import { DomainError, badInput } from '../../errors.js';
import type { EventBus } from '../events.js';
import type { RateLimits } from '../limits/rate-limits.js';
import { plainText } from '../text.js';
import type { ConversationView, UserRef, Viewer } from '../types.js';
import { strangerError, type ConversationsService } from './conversations.service.js';
import type { AppliedChange, GroupChange, GroupMember, GroupState, GroupStore } from './group-store.js';
import { isGroupName, newGroupName } from './room-name.js';
import type { UsersService } from '../users/users.service.js';

const forbidden = (what: string) => new DomainError('FORBIDDEN', `Only the group's admins can ${what}.`, { reason: 'not_admin' });
const participantSet = () =>
  badInput('This conversation is its participant set (a DM or an id-group): its members cannot change. Create a named group (createGroup) instead.', 'conversation', 'participant_set');

/** Letters, marks, numbers, punctuation, symbols and spaces: no control or format characters in a title. */
const TITLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]+$/u;

/**
 * Named groups (ADR 026): created with a title, then members added and removed by admins, admins
 * named, and left by anyone. Each change is one transaction with its change-log event (GroupStore),
 * told after it commits: to every node's membership cache, to the change log's followers, to the
 * room (legacy frames), and to each removed member (their feeds of it end, their sockets close, their
 * total drops). DMs and id-groups are their participant sets and never change.
 */
export class GroupsService {
  constructor(
    private readonly users: Pick<UsersService, 'byUsernames'>,
    private readonly store: GroupStore,
    private readonly conversations: Pick<ConversationsService, 'resolve' | 'viewFor' | 'forget'>,
    private readonly bus: EventBus,
    private readonly rateLimits: RateLimits,
    private readonly limits: Pick<Limits, 'groupMaxParticipants' | 'conversationTitleMaxLength'>,
  ) {}

  /** A new named group of the viewer (its first admin) and the named users. */
  async create(viewer: Viewer, input: { title: string; usernames: string[] }): Promise<ConversationView> {
    const title = this.checkedTitle(input.title);
    const others = (await this.usersNamed(input.usernames)).filter((u) => u.id !== viewer.id);
    if (others.length + 1 > this.limits.groupMaxParticipants) throw this.tooMany();
    await this.rateLimits.consume('signals', viewer.id);
    const id = randomUUID();
    const applied = await this.store.create({ id, name: newGroupName(), title, members: [{ id: viewer.id, username: viewer.username }, ...others] });
    this.told(applied);
    return this.conversations.viewFor(viewer, id);
  }

  /** A new title (admins); no title: the group as it is. */
  async update(viewer: Viewer, input: { conversation: string; title?: string | null }): Promise<ConversationView> {
    const title = input.title == null ? null : this.checkedTitle(input.title);
    return this.changed(viewer, input.conversation, (s) => {
      if (title === null) {
        member(viewer, s);
        return null;
      }
      adminOf(viewer, s, 'change the title');
      return s.title === title ? null : { title, log: 'updated' };
    });
  }

  /** Adds users (admins); those already members are left as they are. They see the history at once. */
  async add(viewer: Viewer, input: { conversation: string; usernames: string[] }): Promise<ConversationView> {
    const users = await this.usersNamed(input.usernames);
    return this.changed(viewer, input.conversation, (s) => {
      adminOf(viewer, s, 'add participants');
      const joining = users.filter((u) => !s.members.some((m) => m.id === u.id));
      if (joining.length === 0) return null;
      if (s.members.length + joining.length > this.limits.groupMaxParticipants) throw this.tooMany();
      return { add: joining, log: 'members' };
    });
  }

  /** Removes a member (admins; removing oneself is leaving). */
  async remove(viewer: Viewer, input: { conversation: string; username: string }): Promise<ConversationView> {
    const [user] = await this.usersNamed([input.username]);
    if (user!.id === viewer.id) throw badInput('To remove yourself, leave the conversation (leaveConversation).', 'username', 'self');
    return this.changed(viewer, input.conversation, (s) => {
      adminOf(viewer, s, 'remove participants');
      const target = s.members.find((m) => m.id === user!.id);
      if (!target) throw badInput(`${user!.username} is not a participant.`, 'username', 'not_participant');
      return withoutMember(s, target);
    });
  }

  /** Makes a member an admin, or not (admins); a group always keeps one admin. */
  async setAdmin(viewer: Viewer, input: { conversation: string; username: string; admin: boolean }): Promise<ConversationView> {
    const [user] = await this.usersNamed([input.username]);
    return this.changed(viewer, input.conversation, (s) => {
      adminOf(viewer, s, 'name admins');
      const target = s.members.find((m) => m.id === user!.id);
      if (!target) throw badInput(`${user!.username} is not a participant.`, 'username', 'not_participant');
      if (target.admin === input.admin) return null;
      if (!input.admin && s.members.filter((m) => m.admin).length === 1) {
        throw badInput('A group keeps at least one admin: name another first.', 'admin', 'last_admin');
      }
      return { admins: [{ userId: target.id, admin: input.admin }], log: 'updated' };
    });
  }

  /** The viewer leaves the group: admin passes on if they were the last; the last member closes it. */
  async leave(viewer: Viewer, input: { conversation: string }): Promise<boolean> {
    await this.changeOf(viewer, input.conversation, (s) => withoutMember(s, member(viewer, s)));
    return true;
  }

  /** The change, then the group as the viewer sees it now. */
  private async changed(viewer: Viewer, name: string, decide: (s: GroupState) => GroupChange | null): Promise<ConversationView> {
    const id = await this.changeOf(viewer, name, decide);
    return this.conversations.viewFor(viewer, id);
  }

  /** Checks the viewer may see the conversation, applies `decide` under the lock, tells it; the conversation's id. */
  private async changeOf(viewer: Viewer, name: string, decide: (s: GroupState) => GroupChange | null): Promise<string> {
    const m = await this.conversations.resolve(viewer, plainText(name, 'conversation'));
    if (!isGroupName(m.name)) throw participantSet();
    await this.rateLimits.consume('signals', viewer.id);
    const result = await this.store.change(m.id, (s) => {
      // what the cache said may be older than this: the lock's view decides
      member(viewer, s);
      return decide(s);
    });
    if ('unchanged' in result) return m.id;
    this.told(result);
    return m.id;
  }

  /** A committed change, told to every node, to the log's followers, to the room and to each removed member. */
  private told(applied: AppliedChange): void {
    const { state, change, event } = applied;
    const id = state.id;
    this.conversations.forget(id);
    this.bus.publish('access', 'all', { kind: 'members', conversationId: id });
    const added = change.add ?? [];
    const removed = change.remove ?? [];
    const participants = state.members.map(ref).sort((a, b) => a.id - b.id);
    this.bus.publish('events', 'all', {
      kind: 'change',
      seq: event.seq,
      previousSeq: event.previousSeq,
      change: change.log,
      conversation: { id, name: state.name, participants },
      added: added.map(ref),
      removed: removed.map(ref),
      at: applied.at.toISOString(),
    });
    if (change.log === 'members') this.bus.publish('conversation', id, { kind: 'members', conversationId: id, added: added.map(ref), removed: removed.map(ref) });
    if (change.title !== undefined || (change.admins?.length ?? 0) > 0) {
      this.bus.publish('conversation', id, { kind: 'updated', conversationId: id, title: state.title, admins: state.members.filter((m) => m.admin).map(ref) });
    }
    for (const u of removed) {
      this.bus.publish('conversation', id, { kind: 'lost', conversationId: id, userId: u.id, reason: 'removed' });
      this.bus.publish('user', u.id, { kind: 'unread', userId: u.id, total: applied.totals.get(u.id) ?? 0, conversationId: id, conversationUnread: 0, quiet: false });
    }
  }

  /** Active users by username, each once; an unknown one is refused. */
  private async usersNamed(usernames: string[]): Promise<UserRef[]> {
    const names = [...new Set(usernames.map((u) => plainText(u, 'usernames')))];
    if (names.length > this.limits.groupMaxParticipants) throw this.tooMany();
    if (names.length === 0) return [];
    const users = await this.users.byUsernames(names);
    if (users.length !== names.length) throw badInput('Unknown username.', 'usernames', 'unknown_user');
    return users;
  }

  private checkedTitle(raw: string): string {
    const title = plainText(raw, 'title').trim();
    const length = [...title].length;
    if (length === 0 || length > this.limits.conversationTitleMaxLength || !TITLE.test(title)) {
      throw badInput(`A title is 1 to ${this.limits.conversationTitleMaxLength} characters of plain text.`, 'title', 'invalid_title');
    }
    return title;
  }

  private tooMany(): DomainError {
    return badInput(`A conversation has at most ${this.limits.groupMaxParticipants} participants.`, 'usernames', 'too_many_participants');
  }
}

const ref = (u: UserRef): UserRef => ({ id: u.id, username: u.username });

/** The viewer as a member of the group read under the lock; a stranger is told nothing. */
function member(viewer: Viewer, s: GroupState): GroupMember {
  const me = s.members.find((m) => m.id === viewer.id);
  if (!me) throw strangerError();
  return me;
}

function adminOf(viewer: Viewer, s: GroupState, what: string): void {
  if (!member(viewer, s).admin) throw forbidden(what);
}

/** `leaving` goes; if they were the last admin, the longest-standing member left is admin now. */
function withoutMember(s: GroupState, leaving: GroupMember): GroupChange {
  const rest = s.members.filter((m) => m.id !== leaving.id);
  const heir = leaving.admin && !rest.some((m) => m.admin) ? rest[0] : undefined;
  return { remove: [leaving], admins: heir ? [{ userId: heir.id, admin: true }] : [], log: 'members' };
}
