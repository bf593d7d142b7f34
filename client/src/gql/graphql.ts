/* eslint-disable */
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO-8601 instant in UTC, e.g. 2026-11-24T10:21:50.123Z. */
  DateTime: { input: string; output: string; }
  /** A file sent with the GraphQL multipart request spec (the Upload that Apollo and urql upload clients send). */
  File: { input: Blob; output: Blob; }
};

/** simplejwt-compatible tokens: send `access` as `Authorization: Bearer <access>`; trade `refresh` for new tokens. */
export type AuthPayload = {
  __typename?: 'AuthPayload';
  access: Scalars['String']['output'];
  refresh: Scalars['String']['output'];
  user: User;
};

/** A change of a message or of a named group, from the durable change log: pass its `cursor` as `after` to `events` to resume after it. */
export type ChatEvent = {
  conversation: Conversation;
  cursor: Scalars['String']['output'];
};

/** A conversation: a participant set (a DM, name: sorted usernames; an id-group, name: sorted ids), or a named group (name: `g-…`) whose members change (createGroup). */
export type Conversation = {
  __typename?: 'Conversation';
  /** A named group's admins (who may change its title and members); none for DMs and id-groups. */
  admins: Array<User>;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  isGroup: Scalars['Boolean']['output'];
  kind: ConversationKind;
  lastActivityAt: Scalars['DateTime']['output'];
  lastMessage?: Maybe<Message>;
  /** Muted by the viewer (setMuted): its unread count goes on, but it is left out of the viewer's total (the `unreadCount` query, the `unreadCount` subscription's `total`) and of notifications. */
  muted: Scalars['Boolean']['output'];
  name: Scalars['String']['output'];
  /** Participants with at least one live connection to this conversation (but users the viewer has blocked). */
  online: Array<User>;
  participants: Array<User>;
  /** A named group's title; null for DMs and id-groups. */
  title?: Maybe<Scalars['String']['output']>;
  /** The viewer's unread messages here. */
  unreadCount: Scalars['Int']['output'];
};

export type ConversationConnection = {
  __typename?: 'ConversationConnection';
  edges: Array<ConversationEdge>;
  pageInfo: PageInfo;
};

export type ConversationEdge = {
  __typename?: 'ConversationEdge';
  cursor: Scalars['String']['output'];
  node: Conversation;
};

/** DIRECT: two people (name: their sorted usernames). GROUP: an id-group (name: sorted ids) or a named group (name: `g-…`, from createGroup). */
export type ConversationKind =
  | 'DIRECT'
  | 'GROUP';

/** A named group's title or admins changed: read them from `conversation`. */
export type ConversationUpdatedEvent = ChatEvent & {
  __typename?: 'ConversationUpdatedEvent';
  conversation: Conversation;
  cursor: Scalars['String']['output'];
};

export type FileInfo = {
  __typename?: 'FileInfo';
  /** Detected from the content, not from the client. */
  mimeType: Scalars['String']['output'];
  /** The uploader's file name (metadata only). */
  name: Scalars['String']['output'];
  size: Scalars['Int']['output'];
  /** A signed download URL; it expires (FILE_URL_TTL_SECONDS) and works without a header, e.g. in <img src>. */
  url: Scalars['String']['output'];
};

/** A named group's members changed (created, added, removed, left): who came and who went. A removed member gets it too, as their last event of that conversation. */
export type MembershipChangedEvent = ChatEvent & {
  __typename?: 'MembershipChangedEvent';
  added: Array<User>;
  conversation: Conversation;
  cursor: Scalars['String']['output'];
  removed: Array<User>;
};

export type Message = {
  __typename?: 'Message';
  clientId?: Maybe<Scalars['String']['output']>;
  content: Scalars['String']['output'];
  /** The canonical conversation name. */
  conversation: Scalars['String']['output'];
  conversationId: Scalars['ID']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** Pass as `after` to `messages` (older pages) or to `messageAdded` (resume after this message). */
  cursor: Scalars['String']['output'];
  /** When it was deleted: a deleted message stays in history as a tombstone (content "", file null). */
  deletedAt?: Maybe<Scalars['DateTime']['output']>;
  /** When it was last edited; null unless edited. */
  editedAt?: Maybe<Scalars['DateTime']['output']>;
  file?: Maybe<FileInfo>;
  id: Scalars['ID']['output'];
  /** The viewer sent it. */
  mine: Scalars['Boolean']['output'];
  /** One entry per emoji, in the order each was first used (of the reactions still there). */
  reactions: Array<Reaction>;
  /** For a message to the viewer: the viewer read it. For one the viewer sent: every recipient read it. */
  read: Scalars['Boolean']['output'];
  /** Every recipient has read it. */
  readByAll: Scalars['Boolean']['output'];
  /** The message this one answers (its tombstone if it was deleted); null when it answers none. */
  replyTo?: Maybe<Message>;
  sender: User;
};

/** A message was sent. */
export type MessageAddedEvent = ChatEvent & {
  __typename?: 'MessageAddedEvent';
  conversation: Conversation;
  cursor: Scalars['String']['output'];
  message: Message;
};

export type MessageConnection = {
  __typename?: 'MessageConnection';
  edges: Array<MessageEdge>;
  pageInfo: PageInfo;
};

/** A message was deleted: `message` is its tombstone (`deletedAt` set, content "", no file). */
export type MessageDeletedEvent = ChatEvent & {
  __typename?: 'MessageDeletedEvent';
  conversation: Conversation;
  cursor: Scalars['String']['output'];
  message: Message;
};

export type MessageEdge = {
  __typename?: 'MessageEdge';
  cursor: Scalars['String']['output'];
  node: Message;
};

/** A message was edited: `message` as it is now (`editedAt` set). */
export type MessageEditedEvent = ChatEvent & {
  __typename?: 'MessageEditedEvent';
  conversation: Conversation;
  cursor: Scalars['String']['output'];
  message: Message;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Adds users to a named group (admins). They can read its whole history, send and subscribe at once; their unread count starts at 0. */
  addParticipants: Conversation;
  /** Puts one emoji of the viewer on a message of one of their conversations (again: nothing changes). */
  addReaction: Message;
  /** Blocks the user (idempotent): they cannot open or write to a DM with the viewer (answered as for a conversation that does not exist), and the viewer no longer sees their typing or presence. In groups both stay members; `User.blocked` lets the client hide them. The blocked user is never told. */
  blockUser: User;
  /** Sets a new password (the current one proves it is you) and ends every other session. */
  changePassword: Scalars['Boolean']['output'];
  /** A named group of the viewer (its first admin) and the named users: its `name` (`g-…`) is its own, whoever joins or leaves, and works wherever a conversation name does (the legacy socket route too). */
  createGroup: Conversation;
  /** Closes the account (the password proves it is you): nobody can log in as it any more, and every session and socket ends. */
  deactivateAccount: Scalars['Boolean']['output'];
  /** Deletes one of the viewer's messages: it stays in history as a tombstone (content "", file null, deletedAt set), its file is removed, and unread counts it leaves are lowered. Returns the tombstone (again, if it is deleted already). */
  deleteMessage: Message;
  /** Changes the text of one of the viewer's messages (or a file's caption): the same limits as a send. Anyone else's message, or one that does not exist, is NOT_FOUND. */
  editMessage: Message;
  /** The viewer leaves a named group (DMs and id-groups cannot be left: mute or block instead). If they were its last admin, the longest-standing member becomes admin; the last member to leave closes it. */
  leaveConversation: Scalars['Boolean']['output'];
  login: AuthPayload;
  /** Ends this session: its refresh token stops working and its sockets close, on every node. */
  logout: Scalars['Boolean']['output'];
  /** Ends every session of the viewer, this one included. */
  logoutEverywhere: Scalars['Boolean']['output'];
  /** Marks messages read up to `upTo` (default: all) for the viewer. */
  markRead: Conversation;
  /** A new pair for a refresh token. The refresh token given is retired (keep the new one): presented again later it ends the whole session (within REFRESH_REUSE_GRACE_SECONDS it gets the current pair again, for an answer that was lost). */
  refreshToken: AuthPayload;
  register: AuthPayload;
  /** Removes a member from a named group (admins): their subscriptions to it end and their sockets in it close, on every node; it leaves their unread total. */
  removeParticipant: Conversation;
  /** Takes the viewer's emoji off a message (not there: nothing changes). */
  removeReaction: Message;
  /** Stores a file (multipart request) with optional text, then delivers it like any message. */
  sendFile: Message;
  /** Stores then delivers a text message. A retry with the same clientId returns the first message. */
  sendMessage: Message;
  /** Makes a member of a named group an admin, or not (admins). A group keeps at least one admin. */
  setAdmin: Conversation;
  /** Mutes (or unmutes) the conversation for the viewer: it keeps its own unread count, but leaves the viewer's total and `notifications` (and the legacy notification socket). Every device of the viewer gets the new total. */
  setMuted: Conversation;
  /** Tells the other participants the viewer is (or stopped) typing. Not stored. A `true` lasts TYPING_TTL_SECONDS (default 6) unless sent again; it also ends when the viewer's message arrives and when their last connection to the conversation closes (subscribers then get `typing: false`). */
  setTyping: Scalars['Boolean']['output'];
  /** Opens (or returns the existing) conversation of the viewer and the named users. */
  startConversation: Conversation;
  /** Undoes blockUser (idempotent). */
  unblockUser: User;
  /** A named group's new title (admins). */
  updateConversation: Conversation;
};


export type MutationAddParticipantsArgs = {
  conversation: Scalars['String']['input'];
  usernames: Array<Scalars['String']['input']>;
};


export type MutationAddReactionArgs = {
  emoji: Scalars['String']['input'];
  messageId: Scalars['ID']['input'];
};


export type MutationBlockUserArgs = {
  username: Scalars['String']['input'];
};


export type MutationChangePasswordArgs = {
  newPassword: Scalars['String']['input'];
  oldPassword: Scalars['String']['input'];
};


export type MutationCreateGroupArgs = {
  title: Scalars['String']['input'];
  usernames: Array<Scalars['String']['input']>;
};


export type MutationDeactivateAccountArgs = {
  password: Scalars['String']['input'];
};


export type MutationDeleteMessageArgs = {
  id: Scalars['ID']['input'];
};


export type MutationEditMessageArgs = {
  content: Scalars['String']['input'];
  id: Scalars['ID']['input'];
};


export type MutationLeaveConversationArgs = {
  conversation: Scalars['String']['input'];
};


export type MutationLoginArgs = {
  password: Scalars['String']['input'];
  username: Scalars['String']['input'];
};


export type MutationMarkReadArgs = {
  conversation: Scalars['String']['input'];
  upTo?: InputMaybe<Scalars['ID']['input']>;
};


export type MutationRefreshTokenArgs = {
  refresh: Scalars['String']['input'];
};


export type MutationRegisterArgs = {
  password: Scalars['String']['input'];
  username: Scalars['String']['input'];
};


export type MutationRemoveParticipantArgs = {
  conversation: Scalars['String']['input'];
  username: Scalars['String']['input'];
};


export type MutationRemoveReactionArgs = {
  emoji: Scalars['String']['input'];
  messageId: Scalars['ID']['input'];
};


export type MutationSendFileArgs = {
  clientId?: InputMaybe<Scalars['String']['input']>;
  content?: InputMaybe<Scalars['String']['input']>;
  conversation: Scalars['String']['input'];
  file: Scalars['File']['input'];
  replyTo?: InputMaybe<Scalars['ID']['input']>;
};


export type MutationSendMessageArgs = {
  clientId?: InputMaybe<Scalars['String']['input']>;
  content: Scalars['String']['input'];
  conversation: Scalars['String']['input'];
  replyTo?: InputMaybe<Scalars['ID']['input']>;
};


export type MutationSetAdminArgs = {
  admin: Scalars['Boolean']['input'];
  conversation: Scalars['String']['input'];
  username: Scalars['String']['input'];
};


export type MutationSetMutedArgs = {
  conversation: Scalars['String']['input'];
  muted: Scalars['Boolean']['input'];
};


export type MutationSetTypingArgs = {
  conversation: Scalars['String']['input'];
  typing: Scalars['Boolean']['input'];
};


export type MutationStartConversationArgs = {
  userIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  usernames?: InputMaybe<Array<Scalars['String']['input']>>;
};


export type MutationUnblockUserArgs = {
  username: Scalars['String']['input'];
};


export type MutationUpdateConversationArgs = {
  conversation: Scalars['String']['input'];
  title?: InputMaybe<Scalars['String']['input']>;
};

/** Relay-style page information. */
export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

export type PresenceEvent = {
  __typename?: 'PresenceEvent';
  conversation: Scalars['String']['output'];
  kind: PresenceKind;
  /** Everyone online in the conversation after this event. */
  online: Array<User>;
  /** Who joined or left; null in the snapshot. */
  user?: Maybe<User>;
};

export type PresenceKind =
  | 'JOIN'
  | 'LEAVE'
  | 'SNAPSHOT';

export type Query = {
  __typename?: 'Query';
  /** null when the conversation does not exist or the viewer is not a participant. */
  conversation?: Maybe<Conversation>;
  /** The viewer's conversations, most recent activity first. */
  conversations: ConversationConnection;
  me: User;
  /** History, newest first. `after` is a cursor from a previous page (older messages follow). */
  messages: MessageConnection;
  /** The viewer's messages that contain every word of `query` (anywhere in the text: whole words, prefixes and parts of words, in any script), newest first, from all of the viewer's conversations or the one named. `after` is a cursor from a previous page. At most 200 characters and 8 words. */
  searchMessages: MessageConnection;
  /** The viewer's unread messages over all conversations. */
  unreadCount: Scalars['Int']['output'];
  /** Active users in username order; `search` is a username prefix. */
  users: UserConnection;
};


export type QueryConversationArgs = {
  name: Scalars['String']['input'];
};


export type QueryConversationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryMessagesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  conversation: Scalars['String']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QuerySearchMessagesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  conversation?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  query: Scalars['String']['input'];
};


export type QueryUsersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
};

/** One emoji on a message: how many used it, and whether the viewer did. */
export type Reaction = {
  __typename?: 'Reaction';
  count: Scalars['Int']['output'];
  emoji: Scalars['String']['output'];
  /** The viewer used it. */
  mine: Scalars['Boolean']['output'];
};

/** A message's reactions changed: `message.reactions` as they are now. */
export type ReactionsChangedEvent = ChatEvent & {
  __typename?: 'ReactionsChangedEvent';
  conversation: Conversation;
  cursor: Scalars['String']['output'];
  message: Message;
};

export type ReadReceipt = {
  __typename?: 'ReadReceipt';
  at: Scalars['DateTime']['output'];
  conversation: Scalars['String']['output'];
  /** The newest message they have read. */
  lastReadMessageId?: Maybe<Scalars['ID']['output']>;
  /** Who read. */
  user: User;
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Every change of a message the viewer can see (sent, edited, deleted, reactions) and of their named groups (members, title, admins), in one conversation or all of the viewer's, in the order they happened. A member removed from a group gets that change as their last event of it (with `conversation`, the subscription then ends with NOT_FOUND). With `after` (an event's cursor), first every change after it from the database, then live ones: no gap and no duplicate, across disconnects and restarts. */
  events: ChatEvent;
  /** New messages in a conversation. With `after` (a message cursor), first every message after it, then live ones: no gap, no duplicate. */
  messageAdded: Message;
  /** New messages to the viewer in any of the viewer's conversations. */
  notifications: Message;
  /** Who is online in a conversation: a SNAPSHOT first, then JOIN/LEAVE. The subscription itself counts as a connection (one per tab), so the viewer is online while it lasts. */
  presence: PresenceEvent;
  readReceipts: ReadReceipt;
  /** The other participants' typing indicators: `typing: false` also comes when a typing state ends by itself (see setTyping). */
  typing: TypingEvent;
  /** The viewer's unread counts: the current total first, then each change, on every device. */
  unreadCount: UnreadCountEvent;
};


export type SubscriptionEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  conversation?: InputMaybe<Scalars['String']['input']>;
};


export type SubscriptionMessageAddedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  conversation: Scalars['String']['input'];
};


export type SubscriptionPresenceArgs = {
  conversation: Scalars['String']['input'];
};


export type SubscriptionReadReceiptsArgs = {
  conversation: Scalars['String']['input'];
};


export type SubscriptionTypingArgs = {
  conversation: Scalars['String']['input'];
};

export type TypingEvent = {
  __typename?: 'TypingEvent';
  conversation: Scalars['String']['output'];
  typing: Scalars['Boolean']['output'];
  user: User;
};

export type UnreadCountEvent = {
  __typename?: 'UnreadCountEvent';
  /** The conversation whose count changed; null in the first event. */
  conversationId?: Maybe<Scalars['ID']['output']>;
  conversationUnread?: Maybe<Scalars['Int']['output']>;
  /** The viewer's unread messages over all conversations. */
  total: Scalars['Int']['output'];
};

export type User = {
  __typename?: 'User';
  /** Blocked by the viewer (blockUser). Private: the blocked user is never told. */
  blocked: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  /** When the user's last connection closed (a WebSocket, either dialect, on any node): null while they are connected, if they never were, or if the viewer may not know (only the user and those who share a conversation with them may; never someone who blocked them). */
  lastSeenAt?: Maybe<Scalars['DateTime']['output']>;
  username: Scalars['String']['output'];
};

export type UserConnection = {
  __typename?: 'UserConnection';
  edges: Array<UserEdge>;
  pageInfo: PageInfo;
};

export type UserEdge = {
  __typename?: 'UserEdge';
  cursor: Scalars['String']['output'];
  node: User;
};

export type ChatMessageFieldsFragment = { __typename?: 'Message', id: string, cursor: string, clientId?: string | null, content: string, createdAt: string, conversation: string, conversationId: string, mine: boolean, read: boolean, readByAll: boolean, sender: { __typename?: 'User', id: string, username: string }, file?: { __typename?: 'FileInfo', url: string, name: string, size: number, mimeType: string } | null };

export type ChatConversationFieldsFragment = { __typename?: 'Conversation', id: string, name: string, kind: ConversationKind, title?: string | null, isGroup: boolean, unreadCount: number, muted: boolean, lastActivityAt: string, participants: Array<{ __typename?: 'User', id: string, username: string }>, admins: Array<{ __typename?: 'User', id: string, username: string }> };

export type RegisterMutationVariables = Exact<{
  username: Scalars['String']['input'];
  password: Scalars['String']['input'];
}>;


export type RegisterMutation = { __typename?: 'Mutation', register: { __typename?: 'AuthPayload', access: string, refresh: string, user: { __typename?: 'User', id: string, username: string } } };

export type LoginMutationVariables = Exact<{
  username: Scalars['String']['input'];
  password: Scalars['String']['input'];
}>;


export type LoginMutation = { __typename?: 'Mutation', login: { __typename?: 'AuthPayload', access: string, refresh: string, user: { __typename?: 'User', id: string, username: string } } };

export type RefreshTokenMutationVariables = Exact<{
  refresh: Scalars['String']['input'];
}>;


export type RefreshTokenMutation = { __typename?: 'Mutation', refreshToken: { __typename?: 'AuthPayload', access: string, refresh: string } };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { __typename?: 'Query', me: { __typename?: 'User', id: string, username: string } };

export type ConversationsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ConversationsQuery = { __typename?: 'Query', conversations: { __typename?: 'ConversationConnection', edges: Array<{ __typename?: 'ConversationEdge', cursor: string, node: { __typename?: 'Conversation', id: string, name: string, kind: ConversationKind, title?: string | null, isGroup: boolean, unreadCount: number, muted: boolean, lastActivityAt: string, lastMessage?: { __typename?: 'Message', id: string, cursor: string, clientId?: string | null, content: string, createdAt: string, conversation: string, conversationId: string, mine: boolean, read: boolean, readByAll: boolean, sender: { __typename?: 'User', id: string, username: string }, file?: { __typename?: 'FileInfo', url: string, name: string, size: number, mimeType: string } | null } | null, participants: Array<{ __typename?: 'User', id: string, username: string }>, admins: Array<{ __typename?: 'User', id: string, username: string }> } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type StartConversationMutationVariables = Exact<{
  usernames?: InputMaybe<Array<Scalars['String']['input']> | Scalars['String']['input']>;
}>;


export type StartConversationMutation = { __typename?: 'Mutation', startConversation: { __typename?: 'Conversation', id: string, name: string, kind: ConversationKind, title?: string | null, isGroup: boolean, unreadCount: number, muted: boolean, lastActivityAt: string, participants: Array<{ __typename?: 'User', id: string, username: string }>, admins: Array<{ __typename?: 'User', id: string, username: string }> } };

export type SetMutedMutationVariables = Exact<{
  conversation: Scalars['String']['input'];
  muted: Scalars['Boolean']['input'];
}>;


export type SetMutedMutation = { __typename?: 'Mutation', setMuted: { __typename?: 'Conversation', id: string, muted: boolean, unreadCount: number } };

export type MessagesQueryVariables = Exact<{
  conversation: Scalars['String']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type MessagesQuery = { __typename?: 'Query', messages: { __typename?: 'MessageConnection', edges: Array<{ __typename?: 'MessageEdge', node: { __typename?: 'Message', id: string, cursor: string, clientId?: string | null, content: string, createdAt: string, conversation: string, conversationId: string, mine: boolean, read: boolean, readByAll: boolean, sender: { __typename?: 'User', id: string, username: string }, file?: { __typename?: 'FileInfo', url: string, name: string, size: number, mimeType: string } | null } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type SendMessageMutationVariables = Exact<{
  conversation: Scalars['String']['input'];
  content: Scalars['String']['input'];
  clientId?: InputMaybe<Scalars['String']['input']>;
}>;


export type SendMessageMutation = { __typename?: 'Mutation', sendMessage: { __typename?: 'Message', id: string, cursor: string, clientId?: string | null, content: string, createdAt: string, conversation: string, conversationId: string, mine: boolean, read: boolean, readByAll: boolean, sender: { __typename?: 'User', id: string, username: string }, file?: { __typename?: 'FileInfo', url: string, name: string, size: number, mimeType: string } | null } };

export type SendFileMutationVariables = Exact<{
  conversation: Scalars['String']['input'];
  file: Scalars['File']['input'];
  content?: InputMaybe<Scalars['String']['input']>;
  clientId?: InputMaybe<Scalars['String']['input']>;
}>;


export type SendFileMutation = { __typename?: 'Mutation', sendFile: { __typename?: 'Message', id: string, cursor: string, clientId?: string | null, content: string, createdAt: string, conversation: string, conversationId: string, mine: boolean, read: boolean, readByAll: boolean, sender: { __typename?: 'User', id: string, username: string }, file?: { __typename?: 'FileInfo', url: string, name: string, size: number, mimeType: string } | null } };

export type MarkReadMutationVariables = Exact<{
  conversation: Scalars['String']['input'];
  upTo?: InputMaybe<Scalars['ID']['input']>;
}>;


export type MarkReadMutation = { __typename?: 'Mutation', markRead: { __typename?: 'Conversation', id: string, name: string, unreadCount: number } };

export type SetTypingMutationVariables = Exact<{
  conversation: Scalars['String']['input'];
  typing: Scalars['Boolean']['input'];
}>;


export type SetTypingMutation = { __typename?: 'Mutation', setTyping: boolean };

export type MessageAddedSubscriptionVariables = Exact<{
  conversation: Scalars['String']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type MessageAddedSubscription = { __typename?: 'Subscription', messageAdded: { __typename?: 'Message', id: string, cursor: string, clientId?: string | null, content: string, createdAt: string, conversation: string, conversationId: string, mine: boolean, read: boolean, readByAll: boolean, sender: { __typename?: 'User', id: string, username: string }, file?: { __typename?: 'FileInfo', url: string, name: string, size: number, mimeType: string } | null } };

export type TypingSubscriptionVariables = Exact<{
  conversation: Scalars['String']['input'];
}>;


export type TypingSubscription = { __typename?: 'Subscription', typing: { __typename?: 'TypingEvent', conversation: string, typing: boolean, user: { __typename?: 'User', id: string, username: string } } };

export type PresenceSubscriptionVariables = Exact<{
  conversation: Scalars['String']['input'];
}>;


export type PresenceSubscription = { __typename?: 'Subscription', presence: { __typename?: 'PresenceEvent', conversation: string, kind: PresenceKind, user?: { __typename?: 'User', id: string, username: string } | null, online: Array<{ __typename?: 'User', id: string, username: string }> } };

export type ReadReceiptsSubscriptionVariables = Exact<{
  conversation: Scalars['String']['input'];
}>;


export type ReadReceiptsSubscription = { __typename?: 'Subscription', readReceipts: { __typename?: 'ReadReceipt', conversation: string, lastReadMessageId?: string | null, at: string, user: { __typename?: 'User', id: string, username: string } } };

export type UnreadCountSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type UnreadCountSubscription = { __typename?: 'Subscription', unreadCount: { __typename?: 'UnreadCountEvent', total: number, conversationId?: string | null, conversationUnread?: number | null } };

export type NotificationsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type NotificationsSubscription = { __typename?: 'Subscription', notifications: { __typename?: 'Message', id: string, cursor: string, clientId?: string | null, content: string, createdAt: string, conversation: string, conversationId: string, mine: boolean, read: boolean, readByAll: boolean, sender: { __typename?: 'User', id: string, username: string }, file?: { __typename?: 'FileInfo', url: string, name: string, size: number, mimeType: string } | null } };

export type ConversationQueryVariables = Exact<{
  name: Scalars['String']['input'];
}>;


export type ConversationQuery = { __typename?: 'Query', conversation?: { __typename?: 'Conversation', id: string, name: string, kind: ConversationKind, title?: string | null, isGroup: boolean, unreadCount: number, muted: boolean, lastActivityAt: string, lastMessage?: { __typename?: 'Message', id: string, cursor: string, clientId?: string | null, content: string, createdAt: string, conversation: string, conversationId: string, mine: boolean, read: boolean, readByAll: boolean, sender: { __typename?: 'User', id: string, username: string }, file?: { __typename?: 'FileInfo', url: string, name: string, size: number, mimeType: string } | null } | null, participants: Array<{ __typename?: 'User', id: string, username: string }>, admins: Array<{ __typename?: 'User', id: string, username: string }> } | null };

export type CreateGroupMutationVariables = Exact<{
  title: Scalars['String']['input'];
  usernames: Array<Scalars['String']['input']> | Scalars['String']['input'];
}>;


export type CreateGroupMutation = { __typename?: 'Mutation', createGroup: { __typename?: 'Conversation', id: string, name: string, kind: ConversationKind, title?: string | null, isGroup: boolean, unreadCount: number, muted: boolean, lastActivityAt: string, participants: Array<{ __typename?: 'User', id: string, username: string }>, admins: Array<{ __typename?: 'User', id: string, username: string }> } };

export type UpdateConversationMutationVariables = Exact<{
  conversation: Scalars['String']['input'];
  title?: InputMaybe<Scalars['String']['input']>;
}>;


export type UpdateConversationMutation = { __typename?: 'Mutation', updateConversation: { __typename?: 'Conversation', id: string, name: string, kind: ConversationKind, title?: string | null, isGroup: boolean, unreadCount: number, muted: boolean, lastActivityAt: string, participants: Array<{ __typename?: 'User', id: string, username: string }>, admins: Array<{ __typename?: 'User', id: string, username: string }> } };

export type AddParticipantsMutationVariables = Exact<{
  conversation: Scalars['String']['input'];
  usernames: Array<Scalars['String']['input']> | Scalars['String']['input'];
}>;


export type AddParticipantsMutation = { __typename?: 'Mutation', addParticipants: { __typename?: 'Conversation', id: string, name: string, kind: ConversationKind, title?: string | null, isGroup: boolean, unreadCount: number, muted: boolean, lastActivityAt: string, participants: Array<{ __typename?: 'User', id: string, username: string }>, admins: Array<{ __typename?: 'User', id: string, username: string }> } };

export type RemoveParticipantMutationVariables = Exact<{
  conversation: Scalars['String']['input'];
  username: Scalars['String']['input'];
}>;


export type RemoveParticipantMutation = { __typename?: 'Mutation', removeParticipant: { __typename?: 'Conversation', id: string, name: string, kind: ConversationKind, title?: string | null, isGroup: boolean, unreadCount: number, muted: boolean, lastActivityAt: string, participants: Array<{ __typename?: 'User', id: string, username: string }>, admins: Array<{ __typename?: 'User', id: string, username: string }> } };

export type SetAdminMutationVariables = Exact<{
  conversation: Scalars['String']['input'];
  username: Scalars['String']['input'];
  admin: Scalars['Boolean']['input'];
}>;


export type SetAdminMutation = { __typename?: 'Mutation', setAdmin: { __typename?: 'Conversation', id: string, name: string, kind: ConversationKind, title?: string | null, isGroup: boolean, unreadCount: number, muted: boolean, lastActivityAt: string, participants: Array<{ __typename?: 'User', id: string, username: string }>, admins: Array<{ __typename?: 'User', id: string, username: string }> } };

export type LeaveConversationMutationVariables = Exact<{
  conversation: Scalars['String']['input'];
}>;


export type LeaveConversationMutation = { __typename?: 'Mutation', leaveConversation: boolean };

export type ConversationEventsSubscriptionVariables = Exact<{
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ConversationEventsSubscription = { __typename?: 'Subscription', events:
    | { __typename: 'ConversationUpdatedEvent', cursor: string, conversation: { __typename?: 'Conversation', id: string, name: string } }
    | { __typename: 'MembershipChangedEvent', cursor: string, added: Array<{ __typename?: 'User', id: string, username: string }>, removed: Array<{ __typename?: 'User', id: string, username: string }>, conversation: { __typename?: 'Conversation', id: string, name: string } }
    | { __typename: 'MessageAddedEvent', cursor: string, conversation: { __typename?: 'Conversation', id: string, name: string } }
    | { __typename: 'MessageDeletedEvent', cursor: string, conversation: { __typename?: 'Conversation', id: string, name: string } }
    | { __typename: 'MessageEditedEvent', cursor: string, conversation: { __typename?: 'Conversation', id: string, name: string } }
    | { __typename: 'ReactionsChangedEvent', cursor: string, conversation: { __typename?: 'Conversation', id: string, name: string } }
   };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ChatMessageFieldsFragmentDoc = new TypedDocumentString(`
    fragment ChatMessageFields on Message {
  id
  cursor
  clientId
  content
  createdAt
  conversation
  conversationId
  mine
  read
  readByAll
  sender {
    id
    username
  }
  file {
    url
    name
    size
    mimeType
  }
}
    `, {"fragmentName":"ChatMessageFields"}) as unknown as TypedDocumentString<ChatMessageFieldsFragment, unknown>;
export const ChatConversationFieldsFragmentDoc = new TypedDocumentString(`
    fragment ChatConversationFields on Conversation {
  id
  name
  kind
  title
  isGroup
  unreadCount
  muted
  lastActivityAt
  participants {
    id
    username
  }
  admins {
    id
    username
  }
}
    `, {"fragmentName":"ChatConversationFields"}) as unknown as TypedDocumentString<ChatConversationFieldsFragment, unknown>;
export const RegisterDocument = new TypedDocumentString(`
    mutation Register($username: String!, $password: String!) {
  register(username: $username, password: $password) {
    access
    refresh
    user {
      id
      username
    }
  }
}
    `) as unknown as TypedDocumentString<RegisterMutation, RegisterMutationVariables>;
export const LoginDocument = new TypedDocumentString(`
    mutation Login($username: String!, $password: String!) {
  login(username: $username, password: $password) {
    access
    refresh
    user {
      id
      username
    }
  }
}
    `) as unknown as TypedDocumentString<LoginMutation, LoginMutationVariables>;
export const RefreshTokenDocument = new TypedDocumentString(`
    mutation RefreshToken($refresh: String!) {
  refreshToken(refresh: $refresh) {
    access
    refresh
  }
}
    `) as unknown as TypedDocumentString<RefreshTokenMutation, RefreshTokenMutationVariables>;
export const MeDocument = new TypedDocumentString(`
    query Me {
  me {
    id
    username
  }
}
    `) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const ConversationsDocument = new TypedDocumentString(`
    query Conversations($first: Int, $after: String) {
  conversations(first: $first, after: $after) {
    edges {
      cursor
      node {
        ...ChatConversationFields
        lastMessage {
          ...ChatMessageFields
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment ChatMessageFields on Message {
  id
  cursor
  clientId
  content
  createdAt
  conversation
  conversationId
  mine
  read
  readByAll
  sender {
    id
    username
  }
  file {
    url
    name
    size
    mimeType
  }
}
fragment ChatConversationFields on Conversation {
  id
  name
  kind
  title
  isGroup
  unreadCount
  muted
  lastActivityAt
  participants {
    id
    username
  }
  admins {
    id
    username
  }
}`) as unknown as TypedDocumentString<ConversationsQuery, ConversationsQueryVariables>;
export const StartConversationDocument = new TypedDocumentString(`
    mutation StartConversation($usernames: [String!]) {
  startConversation(usernames: $usernames) {
    ...ChatConversationFields
  }
}
    fragment ChatConversationFields on Conversation {
  id
  name
  kind
  title
  isGroup
  unreadCount
  muted
  lastActivityAt
  participants {
    id
    username
  }
  admins {
    id
    username
  }
}`) as unknown as TypedDocumentString<StartConversationMutation, StartConversationMutationVariables>;
export const SetMutedDocument = new TypedDocumentString(`
    mutation SetMuted($conversation: String!, $muted: Boolean!) {
  setMuted(conversation: $conversation, muted: $muted) {
    id
    muted
    unreadCount
  }
}
    `) as unknown as TypedDocumentString<SetMutedMutation, SetMutedMutationVariables>;
export const MessagesDocument = new TypedDocumentString(`
    query Messages($conversation: String!, $first: Int, $after: String) {
  messages(conversation: $conversation, first: $first, after: $after) {
    edges {
      node {
        ...ChatMessageFields
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment ChatMessageFields on Message {
  id
  cursor
  clientId
  content
  createdAt
  conversation
  conversationId
  mine
  read
  readByAll
  sender {
    id
    username
  }
  file {
    url
    name
    size
    mimeType
  }
}`) as unknown as TypedDocumentString<MessagesQuery, MessagesQueryVariables>;
export const SendMessageDocument = new TypedDocumentString(`
    mutation SendMessage($conversation: String!, $content: String!, $clientId: String) {
  sendMessage(conversation: $conversation, content: $content, clientId: $clientId) {
    ...ChatMessageFields
  }
}
    fragment ChatMessageFields on Message {
  id
  cursor
  clientId
  content
  createdAt
  conversation
  conversationId
  mine
  read
  readByAll
  sender {
    id
    username
  }
  file {
    url
    name
    size
    mimeType
  }
}`) as unknown as TypedDocumentString<SendMessageMutation, SendMessageMutationVariables>;
export const SendFileDocument = new TypedDocumentString(`
    mutation SendFile($conversation: String!, $file: File!, $content: String, $clientId: String) {
  sendFile(
    conversation: $conversation
    file: $file
    content: $content
    clientId: $clientId
  ) {
    ...ChatMessageFields
  }
}
    fragment ChatMessageFields on Message {
  id
  cursor
  clientId
  content
  createdAt
  conversation
  conversationId
  mine
  read
  readByAll
  sender {
    id
    username
  }
  file {
    url
    name
    size
    mimeType
  }
}`) as unknown as TypedDocumentString<SendFileMutation, SendFileMutationVariables>;
export const MarkReadDocument = new TypedDocumentString(`
    mutation MarkRead($conversation: String!, $upTo: ID) {
  markRead(conversation: $conversation, upTo: $upTo) {
    id
    name
    unreadCount
  }
}
    `) as unknown as TypedDocumentString<MarkReadMutation, MarkReadMutationVariables>;
export const SetTypingDocument = new TypedDocumentString(`
    mutation SetTyping($conversation: String!, $typing: Boolean!) {
  setTyping(conversation: $conversation, typing: $typing)
}
    `) as unknown as TypedDocumentString<SetTypingMutation, SetTypingMutationVariables>;
export const MessageAddedDocument = new TypedDocumentString(`
    subscription MessageAdded($conversation: String!, $after: String) {
  messageAdded(conversation: $conversation, after: $after) {
    ...ChatMessageFields
  }
}
    fragment ChatMessageFields on Message {
  id
  cursor
  clientId
  content
  createdAt
  conversation
  conversationId
  mine
  read
  readByAll
  sender {
    id
    username
  }
  file {
    url
    name
    size
    mimeType
  }
}`) as unknown as TypedDocumentString<MessageAddedSubscription, MessageAddedSubscriptionVariables>;
export const TypingDocument = new TypedDocumentString(`
    subscription Typing($conversation: String!) {
  typing(conversation: $conversation) {
    conversation
    typing
    user {
      id
      username
    }
  }
}
    `) as unknown as TypedDocumentString<TypingSubscription, TypingSubscriptionVariables>;
export const PresenceDocument = new TypedDocumentString(`
    subscription Presence($conversation: String!) {
  presence(conversation: $conversation) {
    conversation
    kind
    user {
      id
      username
    }
    online {
      id
      username
    }
  }
}
    `) as unknown as TypedDocumentString<PresenceSubscription, PresenceSubscriptionVariables>;
export const ReadReceiptsDocument = new TypedDocumentString(`
    subscription ReadReceipts($conversation: String!) {
  readReceipts(conversation: $conversation) {
    conversation
    lastReadMessageId
    at
    user {
      id
      username
    }
  }
}
    `) as unknown as TypedDocumentString<ReadReceiptsSubscription, ReadReceiptsSubscriptionVariables>;
export const UnreadCountDocument = new TypedDocumentString(`
    subscription UnreadCount {
  unreadCount {
    total
    conversationId
    conversationUnread
  }
}
    `) as unknown as TypedDocumentString<UnreadCountSubscription, UnreadCountSubscriptionVariables>;
export const NotificationsDocument = new TypedDocumentString(`
    subscription Notifications {
  notifications {
    ...ChatMessageFields
  }
}
    fragment ChatMessageFields on Message {
  id
  cursor
  clientId
  content
  createdAt
  conversation
  conversationId
  mine
  read
  readByAll
  sender {
    id
    username
  }
  file {
    url
    name
    size
    mimeType
  }
}`) as unknown as TypedDocumentString<NotificationsSubscription, NotificationsSubscriptionVariables>;
export const ConversationDocument = new TypedDocumentString(`
    query Conversation($name: String!) {
  conversation(name: $name) {
    ...ChatConversationFields
    lastMessage {
      ...ChatMessageFields
    }
  }
}
    fragment ChatMessageFields on Message {
  id
  cursor
  clientId
  content
  createdAt
  conversation
  conversationId
  mine
  read
  readByAll
  sender {
    id
    username
  }
  file {
    url
    name
    size
    mimeType
  }
}
fragment ChatConversationFields on Conversation {
  id
  name
  kind
  title
  isGroup
  unreadCount
  muted
  lastActivityAt
  participants {
    id
    username
  }
  admins {
    id
    username
  }
}`) as unknown as TypedDocumentString<ConversationQuery, ConversationQueryVariables>;
export const CreateGroupDocument = new TypedDocumentString(`
    mutation CreateGroup($title: String!, $usernames: [String!]!) {
  createGroup(title: $title, usernames: $usernames) {
    ...ChatConversationFields
  }
}
    fragment ChatConversationFields on Conversation {
  id
  name
  kind
  title
  isGroup
  unreadCount
  muted
  lastActivityAt
  participants {
    id
    username
  }
  admins {
    id
    username
  }
}`) as unknown as TypedDocumentString<CreateGroupMutation, CreateGroupMutationVariables>;
export const UpdateConversationDocument = new TypedDocumentString(`
    mutation UpdateConversation($conversation: String!, $title: String) {
  updateConversation(conversation: $conversation, title: $title) {
    ...ChatConversationFields
  }
}
    fragment ChatConversationFields on Conversation {
  id
  name
  kind
  title
  isGroup
  unreadCount
  muted
  lastActivityAt
  participants {
    id
    username
  }
  admins {
    id
    username
  }
}`) as unknown as TypedDocumentString<UpdateConversationMutation, UpdateConversationMutationVariables>;
export const AddParticipantsDocument = new TypedDocumentString(`
    mutation AddParticipants($conversation: String!, $usernames: [String!]!) {
  addParticipants(conversation: $conversation, usernames: $usernames) {
    ...ChatConversationFields
  }
}
    fragment ChatConversationFields on Conversation {
  id
  name
  kind
  title
  isGroup
  unreadCount
  muted
  lastActivityAt
  participants {
    id
    username
  }
  admins {
    id
    username
  }
}`) as unknown as TypedDocumentString<AddParticipantsMutation, AddParticipantsMutationVariables>;
export const RemoveParticipantDocument = new TypedDocumentString(`
    mutation RemoveParticipant($conversation: String!, $username: String!) {
  removeParticipant(conversation: $conversation, username: $username) {
    ...ChatConversationFields
  }
}
    fragment ChatConversationFields on Conversation {
  id
  name
  kind
  title
  isGroup
  unreadCount
  muted
  lastActivityAt
  participants {
    id
    username
  }
  admins {
    id
    username
  }
}`) as unknown as TypedDocumentString<RemoveParticipantMutation, RemoveParticipantMutationVariables>;
export const SetAdminDocument = new TypedDocumentString(`
    mutation SetAdmin($conversation: String!, $username: String!, $admin: Boolean!) {
  setAdmin(conversation: $conversation, username: $username, admin: $admin) {
    ...ChatConversationFields
  }
}
    fragment ChatConversationFields on Conversation {
  id
  name
  kind
  title
  isGroup
  unreadCount
  muted
  lastActivityAt
  participants {
    id
    username
  }
  admins {
    id
    username
  }
}`) as unknown as TypedDocumentString<SetAdminMutation, SetAdminMutationVariables>;
export const LeaveConversationDocument = new TypedDocumentString(`
    mutation LeaveConversation($conversation: String!) {
  leaveConversation(conversation: $conversation)
}
    `) as unknown as TypedDocumentString<LeaveConversationMutation, LeaveConversationMutationVariables>;
export const ConversationEventsDocument = new TypedDocumentString(`
    subscription ConversationEvents($after: String) {
  events(after: $after) {
    __typename
    cursor
    conversation {
      id
      name
    }
    ... on MembershipChangedEvent {
      added {
        id
        username
      }
      removed {
        id
        username
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConversationEventsSubscription, ConversationEventsSubscriptionVariables>;