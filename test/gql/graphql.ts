/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
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
  File: { input: File; output: File; }
};

/** simplejwt-compatible tokens: send `access` as `Authorization: Bearer <access>`; trade `refresh` for new tokens. */
export type AuthPayload = {
  __typename?: 'AuthPayload';
  access: Scalars['String']['output'];
  refresh: Scalars['String']['output'];
  user: User;
};

/** A participant set: a two-person conversation (name: sorted usernames) or a group (name: sorted ids). */
export type Conversation = {
  __typename?: 'Conversation';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  isGroup: Scalars['Boolean']['output'];
  lastActivityAt: Scalars['DateTime']['output'];
  lastMessage?: Maybe<Message>;
  name: Scalars['String']['output'];
  /** Participants with at least one live connection to this conversation. */
  online: Array<User>;
  participants: Array<User>;
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
  file?: Maybe<FileInfo>;
  id: Scalars['ID']['output'];
  /** The viewer sent it. */
  mine: Scalars['Boolean']['output'];
  /** For a message to the viewer: the viewer read it. For one the viewer sent: every recipient read it. */
  read: Scalars['Boolean']['output'];
  /** Every recipient has read it. */
  readByAll: Scalars['Boolean']['output'];
  sender: User;
};

export type MessageConnection = {
  __typename?: 'MessageConnection';
  edges: Array<MessageEdge>;
  pageInfo: PageInfo;
};

export type MessageEdge = {
  __typename?: 'MessageEdge';
  cursor: Scalars['String']['output'];
  node: Message;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Sets a new password (the current one proves it is you) and ends every other session. */
  changePassword: Scalars['Boolean']['output'];
  /** Closes the account (the password proves it is you): nobody can log in as it any more, and every session and socket ends. */
  deactivateAccount: Scalars['Boolean']['output'];
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
  /** Stores a file (multipart request) with optional text, then delivers it like any message. */
  sendFile: Message;
  /** Stores then delivers a text message. A retry with the same clientId returns the first message. */
  sendMessage: Message;
  /** Tells the other participants the viewer is (or stopped) typing. Not stored. */
  setTyping: Scalars['Boolean']['output'];
  /** Opens (or returns the existing) conversation of the viewer and the named users. */
  startConversation: Conversation;
};


export type MutationChangePasswordArgs = {
  newPassword: Scalars['String']['input'];
  oldPassword: Scalars['String']['input'];
};


export type MutationDeactivateAccountArgs = {
  password: Scalars['String']['input'];
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


export type MutationSendFileArgs = {
  clientId?: InputMaybe<Scalars['String']['input']>;
  content?: InputMaybe<Scalars['String']['input']>;
  conversation: Scalars['String']['input'];
  file: Scalars['File']['input'];
};


export type MutationSendMessageArgs = {
  clientId?: InputMaybe<Scalars['String']['input']>;
  content: Scalars['String']['input'];
  conversation: Scalars['String']['input'];
};


export type MutationSetTypingArgs = {
  conversation: Scalars['String']['input'];
  typing: Scalars['Boolean']['input'];
};


export type MutationStartConversationArgs = {
  userIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  usernames?: InputMaybe<Array<Scalars['String']['input']>>;
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


export type QueryUsersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
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
  /** New messages in a conversation. With `after` (a message cursor), first every message after it, then live ones: no gap, no duplicate. */
  messageAdded: Message;
  /** New messages to the viewer in any of the viewer's conversations. */
  notifications: Message;
  /** Who is online in a conversation: a SNAPSHOT first, then JOIN/LEAVE. The subscription itself counts as a connection (one per tab), so the viewer is online while it lasts. */
  presence: PresenceEvent;
  readReceipts: ReadReceipt;
  /** The other participants' typing indicators. */
  typing: TypingEvent;
  /** The viewer's unread counts: the current total first, then each change, on every device. */
  unreadCount: UnreadCountEvent;
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
  id: Scalars['ID']['output'];
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

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { __typename?: 'Query', me: { __typename?: 'User', id: string, username: string } };

export type ConversationsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type ConversationsQuery = { __typename?: 'Query', conversations: { __typename?: 'ConversationConnection', edges: Array<{ __typename?: 'ConversationEdge', node: { __typename?: 'Conversation', name: string, unreadCount: number, participants: Array<{ __typename?: 'User', username: string }>, lastMessage?: { __typename?: 'Message', content: string, sender: { __typename?: 'User', username: string } } | null } }> } };

export type StartConversationMutationVariables = Exact<{
  usernames?: InputMaybe<Array<Scalars['String']['input']> | Scalars['String']['input']>;
}>;


export type StartConversationMutation = { __typename?: 'Mutation', startConversation: { __typename?: 'Conversation', id: string, name: string } };

export type SendMessageMutationVariables = Exact<{
  conversation: Scalars['String']['input'];
  content: Scalars['String']['input'];
  clientId?: InputMaybe<Scalars['String']['input']>;
}>;


export type SendMessageMutation = { __typename?: 'Mutation', sendMessage: { __typename?: 'Message', id: string, cursor: string, content: string } };

export type SendFileMutationVariables = Exact<{
  conversation: Scalars['String']['input'];
  file: Scalars['File']['input'];
  content?: InputMaybe<Scalars['String']['input']>;
}>;


export type SendFileMutation = { __typename?: 'Mutation', sendFile: { __typename?: 'Message', id: string, content: string, file?: { __typename?: 'FileInfo', url: string, name: string, size: number, mimeType: string } | null } };

export type MessageAddedSubscriptionVariables = Exact<{
  conversation: Scalars['String']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type MessageAddedSubscription = { __typename?: 'Subscription', messageAdded: { __typename?: 'Message', id: string, content: string, conversation: string, sender: { __typename?: 'User', username: string } } };


export const MeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const ConversationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Conversations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"conversations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"unreadCount"}},{"kind":"Field","name":{"kind":"Name","value":"participants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"username"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastMessage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConversationsQuery, ConversationsQueryVariables>;
export const StartConversationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartConversation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"usernames"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startConversation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"usernames"},"value":{"kind":"Variable","name":{"kind":"Name","value":"usernames"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<StartConversationMutation, StartConversationMutationVariables>;
export const SendMessageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SendMessage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"conversation"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"content"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"clientId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendMessage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"conversation"},"value":{"kind":"Variable","name":{"kind":"Name","value":"conversation"}}},{"kind":"Argument","name":{"kind":"Name","value":"content"},"value":{"kind":"Variable","name":{"kind":"Name","value":"content"}}},{"kind":"Argument","name":{"kind":"Name","value":"clientId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"clientId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"content"}}]}}]}}]} as unknown as DocumentNode<SendMessageMutation, SendMessageMutationVariables>;
export const SendFileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SendFile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"conversation"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"file"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"File"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"content"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendFile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"conversation"},"value":{"kind":"Variable","name":{"kind":"Name","value":"conversation"}}},{"kind":"Argument","name":{"kind":"Name","value":"file"},"value":{"kind":"Variable","name":{"kind":"Name","value":"file"}}},{"kind":"Argument","name":{"kind":"Name","value":"content"},"value":{"kind":"Variable","name":{"kind":"Name","value":"content"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"file"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"mimeType"}}]}}]}}]}}]} as unknown as DocumentNode<SendFileMutation, SendFileMutationVariables>;
export const MessageAddedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"MessageAdded"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"conversation"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"messageAdded"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"conversation"},"value":{"kind":"Variable","name":{"kind":"Name","value":"conversation"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"conversation"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}}]}}]} as unknown as DocumentNode<MessageAddedSubscription, MessageAddedSubscriptionVariables>;