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

/** What the bus carries: `conversation:<id>`, `user:<id>` and `sessions:all`. */
export type Topics = {
  conversation: [conversationId: string, event: ConversationEvent];
  user: [userId: number, event: UserEvent];
  sessions: [scope: 'all', event: SessionEnded];
};

/** The bus as the domain uses it. */
export type EventBus = Bus<Topics>;
