import type { Bus } from '../realtime/bus.js';
import type { ChatMessage, UserRef } from './types.js';

/** Events published on `conversation:<id>`: everything a room's listeners render. */
export type ConversationEvent =
  /** previousSeq: the conversation's message before this one (null: the first), so listeners can restore the order */
  | { kind: 'message'; message: ChatMessage; previousSeq: number | null }
  | { kind: 'typing'; conversationId: string; conversationName: string; user: UserRef; typing: boolean }
  | { kind: 'presence'; conversationId: string; user: UserRef; action: 'join' | 'leave'; online: UserRef[] }
  | {
      kind: 'read';
      conversationId: string;
      conversationName: string;
      user: UserRef;
      lastReadSeq: number;
      lastReadMessageId: string | null;
      at: string;
    };

/** Events published on `user:<id>`: what every device of that user hears. */
export type UserEvent =
  | { kind: 'unread'; userId: number; total: number; conversationId: string; conversationUnread: number }
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

/** A node's link to the others came back: events published meanwhile may have been missed anywhere (on `nodes:all`). */
export interface LinkRecovered {
  kind: 'link-recovered';
  node: string;
}

/** What the bus carries: `conversation:<id>`, `user:<id>`, `sessions:all` and `nodes:all`. */
export type Topics = {
  conversation: [conversationId: string, event: ConversationEvent];
  user: [userId: number, event: UserEvent];
  sessions: [scope: 'all', event: SessionEnded];
  nodes: [scope: 'all', event: LinkRecovered];
};

/** The bus as the domain uses it. */
export type EventBus = Bus<Topics>;
