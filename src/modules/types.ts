/**
 * Domain objects shared by services, events and every transport's presenters. Events cross the bus
 * (and Redis), so everything here is plain JSON: dates are ISO-8601 strings.
 */
export interface UserRef {
  id: number;
  username: string;
}

/** The authenticated caller. */
export type Viewer = UserRef;

export interface StoredFile {
  key: string;
  name: string;
  size: number;
  mimeType: string;
}

export interface ChatMessage {
  id: string;
  /** insertion order within the whole database; the cursor key */
  seq: number;
  conversationId: string;
  conversationName: string;
  sender: UserRef;
  /** every participant but the sender, in id order */
  recipients: UserRef[];
  content: string;
  clientId: string | null;
  file: StoredFile | null;
  createdAt: string;
  /** null unless edited */
  editedAt: string | null;
  /** a tombstone: content "" and file null */
  deletedAt: string | null;
  /** the seq of the message this one answers (same conversation) */
  replyToSeq: number | null;
  /** one entry per emoji in first-used order, with who used it; absent: not loaded with the message (read on demand) */
  reactions?: ReactionSummary[];
}

export interface ReactionSummary {
  emoji: string;
  userIds: number[];
}

/** userId → newest message seq that user has read; absent users have read nothing. */
export type ReadMarks = Record<number, number>;

/** A message with the read marks of its conversation taken when it was loaded. */
export interface MessageWithReads {
  message: ChatMessage;
  reads: ReadMarks;
}

export interface ConversationView {
  id: string;
  name: string;
  participants: UserRef[];
  isGroup: boolean;
  /** DIRECT: two people's participant set; GROUP: an id-group or a named group */
  kind: 'DIRECT' | 'GROUP';
  /** a named group's title (null: a participant set) */
  title: string | null;
  /** a named group's admins, in standing order (participant sets have none) */
  admins: UserRef[];
  createdAt: string;
  lastActivityAt: string;
  lastMessage: MessageWithReads | null;
  /** the viewer's unread count in this conversation */
  unreadCount: number;
  /** muted by the viewer: left out of their unread total and notifications */
  muted: boolean;
}

/** A conversation as an event names it: what every viewer sees alike; the rest is read when asked for. */
export interface ConversationStub {
  stub: true;
  id: string;
  name: string;
  participants: UserRef[];
  isGroup: boolean;
}

export interface Page<T> {
  items: T[];
  hasMore: boolean;
}
