import { readForViewer } from '../modules/messages/message.mapper.js';
import type { ChatMessage, ConversationView, MessageWithReads, StoredFile, UserRef } from '../modules/types.js';

/**
 * The old service's JSON shapes. Key order is part of the contract (clients and tests compare raw
 * JSON), so every object is built literally in contract order.
 */
export type FileUrl = (file: StoredFile) => string;

export interface LegacyUser {
  username: string;
}

export interface LegacyMessage {
  id: string;
  conversation: string;
  from_user: LegacyUser;
  to_user: string[];
  content: string;
  files: string | null;
  timestamp: string;
  read: boolean;
}

export interface LegacyConversation {
  id: string;
  name: string;
  other_user: LegacyUser | null;
  last_message: LegacyMessage | null;
  /** new fields, after the old ones */
  unread_count: number;
  participants: { id: number; username: string }[];
}

export function presentMessage(message: ChatMessage, read: boolean, fileUrl: FileUrl): LegacyMessage {
  return {
    id: message.id,
    conversation: message.conversationId,
    from_user: { username: message.sender.username },
    to_user: message.recipients.map((r) => r.username),
    content: message.content,
    files: message.file ? fileUrl(message.file) : null,
    timestamp: message.createdAt,
    read,
  };
}

/** A stored message as `viewerId` sees it (its `read` depends on who looks). */
export function presentMessageFor(item: MessageWithReads, viewerId: number, fileUrl: FileUrl): LegacyMessage {
  return presentMessage(item.message, readForViewer(item.message, item.reads, viewerId), fileUrl);
}

export function presentConversation(c: ConversationView, viewerId: number, fileUrl: FileUrl): LegacyConversation {
  const other = c.isGroup ? undefined : c.participants.find((p) => p.id !== viewerId);
  return {
    id: c.id,
    name: c.name,
    other_user: other ? { username: other.username } : null,
    last_message: c.lastMessage ? presentMessageFor(c.lastMessage, viewerId, fileUrl) : null,
    unread_count: c.unreadCount,
    participants: c.participants.map(presentUser),
  };
}

/** Routes that list users also give the id. */
export function presentUser(u: UserRef): { id: number; username: string } {
  return { id: u.id, username: u.username };
}
