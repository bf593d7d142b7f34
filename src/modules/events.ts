import type { Bus } from '../realtime/bus.js';
import type { ChatMessage, UserRef } from './types.js';

/** Events published on `conversation:<id>`: everything a room's listeners render. */
export type ConversationEvent =
  /** previousSeq: the conversation's message before this one (null: the first), so listeners can restore the order */
  | { kind: 'message'; message: ChatMessage; previousSeq: number | null }
  | { kind: 'typing'; conversationId: string; conversationName: string; user: UserRef; typing: boolean }
  /** a message of the room edited, deleted or reacted to (its sends are `message`): the message as it is now */
  | { kind: 'changed'; change: Exclude<ChangeKind, 'added'>; message: ChatMessage }
  | { kind: 'presence'; conversationId: string; user: UserRef; action: 'join' | 'leave'; online: UserRef[] }
  /** the user may no longer see the conversation (a block in a DM, a removal from a group): their feeds of it end, their sockets in it close */
  | { kind: 'lost'; conversationId: string; userId: number; reason: 'blocked' | 'removed' }
  /** a named group's members changed (ADR 026): sent before the removed members' `lost` */
  | { kind: 'members'; conversationId: string; added: UserRef[]; removed: UserRef[] }
  /** a named group's title or admins changed: as they are now */
  | { kind: 'updated'; conversationId: string; title: string | null; admins: UserRef[] }
  | {
      kind: 'read';
      conversationId: string;
      conversationName: string;
      user: UserRef;
      lastReadSeq: number;
      lastReadMessageId: string | null;
      at: string;
    };

/** What happened to a message, in the change log (`events` subscription, legacy frames). */
export type ChangeKind = 'added' | 'edited' | 'deleted' | 'reactions';

/**
 * One change-log event, published on `events:all` after its transaction commits: the message as it
 * is after the change. `previousSeq` is the log's event before it (any conversation's; null: the
 * first), so a node restores the log's order whatever order the bus delivers in.
 */
export type ChangeEvent = MessageChange | ConversationChange;

interface LoggedChange {
  kind: 'change';
  seq: number;
  previousSeq: number | null;
  at: string;
}

export interface MessageChange extends LoggedChange {
  change: ChangeKind;
  message: ChatMessage;
}

/** What happened to a named group, in the change log (ADR 026): its members, or its title or admins. */
export type ConversationChangeKind = 'members' | 'updated';

/** A change of a named group: the group as it is after it (participants: its members then). */
export interface ConversationChange extends LoggedChange {
  change: ConversationChangeKind;
  conversation: { id: string; name: string; participants: UserRef[] };
  added: UserRef[];
  removed: UserRef[];
}

/** The conversation a change-log event belongs to. */
export const changedConversationId = (e: ChangeEvent): string => ('message' in e ? e.message.conversationId : e.conversation.id);

/** Events published on `user:<id>`: what every device of that user hears. */
export type UserEvent =
  /** `quiet`: the conversation is muted by this user, so their total did not move (nothing to notify) */
  | { kind: 'unread'; userId: number; total: number; conversationId: string; conversationUnread: number; quiet: boolean }
  | { kind: 'notification'; message: ChatMessage };

/** What a user's live stream delivers: their events, and `missed` when the link between nodes came back (some may be lost). */
export type UserStreamItem = UserEvent | { kind: 'missed' };

/** Sessions that ended (published on `sessions:all`, heard by every node): their sockets close, their caches forget them. */
export interface SessionEnded {
  kind: 'session-ended';
  userId: number;
  /** null: every session of the user (logout everywhere, a deactivated account) */
  sessionId: string | null;
  /** one session kept (a password change ends the others) */
  except: string | null;
  reason: 'logout' | 'revoked' | 'reused' | 'password_changed' | 'deactivated';
}

/** Who may see what changed (published on `access:all`, heard by every node): caches that answered "may" forget it. */
export type AccessChanged =
  | {
      kind: 'block';
      blockerId: number;
      blockedId: number;
      /** true: blocked now; false: unblocked */
      blocked: boolean;
    }
  /** a named group's members changed: its cached membership is stale */
  | { kind: 'members'; conversationId: string };

/** What an access stream delivers: changes, and `missed` when the link between nodes came back (forget everything). */
export type AccessItem = AccessChanged | { kind: 'missed' };

/** A node's link to the others came back: events published meanwhile may have been missed anywhere (on `nodes:all`). */
export interface LinkRecovered {
  kind: 'link-recovered';
  node: string;
}

/** What the bus carries: `conversation:<id>`, `user:<id>`, `sessions:all`, `access:all`, `nodes:all` and `events:all`. */
export type Topics = {
  conversation: [conversationId: string, event: ConversationEvent];
  user: [userId: number, event: UserEvent];
  sessions: [scope: 'all', event: SessionEnded];
  access: [scope: 'all', event: AccessChanged];
  nodes: [scope: 'all', event: LinkRecovered];
  events: [scope: 'all', event: ChangeEvent];
};

/** The bus as the domain uses it. */
export type EventBus = Bus<Topics>;
