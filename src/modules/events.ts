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

/** What the bus carries: `conversation:<id>` and `user:<id>`. */
export type Topics = {
  conversation: [conversationId: string, event: ConversationEvent];
  user: [userId: number, event: UserEvent];
};

/** The bus as the domain uses it. */
export type EventBus = Bus<Topics>;
