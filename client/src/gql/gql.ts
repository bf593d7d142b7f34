/* eslint-disable */
import * as types from './graphql.js';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment ChatMessageFields on Message {\n    id\n    cursor\n    clientId\n    content\n    createdAt\n    conversation\n    conversationId\n    mine\n    read\n    readByAll\n    sender {\n      id\n      username\n    }\n    file {\n      url\n      name\n      size\n      mimeType\n    }\n  }\n": typeof types.ChatMessageFieldsFragmentDoc,
    "\n  fragment ChatConversationFields on Conversation {\n    id\n    name\n    kind\n    title\n    isGroup\n    unreadCount\n    muted\n    lastActivityAt\n    participants {\n      id\n      username\n    }\n    admins {\n      id\n      username\n    }\n  }\n": typeof types.ChatConversationFieldsFragmentDoc,
    "\n  mutation Register($username: String!, $password: String!) {\n    register(username: $username, password: $password) {\n      access\n      refresh\n      user {\n        id\n        username\n      }\n    }\n  }\n": typeof types.RegisterDocument,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      access\n      refresh\n      user {\n        id\n        username\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation RefreshToken($refresh: String!) {\n    refreshToken(refresh: $refresh) {\n      access\n      refresh\n    }\n  }\n": typeof types.RefreshTokenDocument,
    "\n  query Me {\n    me {\n      id\n      username\n    }\n  }\n": typeof types.MeDocument,
    "\n  query Conversations($first: Int, $after: String) {\n    conversations(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...ChatConversationFields\n          lastMessage {\n            ...ChatMessageFields\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ConversationsDocument,
    "\n  mutation StartConversation($usernames: [String!]) {\n    startConversation(usernames: $usernames) {\n      ...ChatConversationFields\n    }\n  }\n": typeof types.StartConversationDocument,
    "\n  mutation SetMuted($conversation: String!, $muted: Boolean!) {\n    setMuted(conversation: $conversation, muted: $muted) {\n      id\n      muted\n      unreadCount\n    }\n  }\n": typeof types.SetMutedDocument,
    "\n  query Messages($conversation: String!, $first: Int, $after: String) {\n    messages(conversation: $conversation, first: $first, after: $after) {\n      edges {\n        node {\n          ...ChatMessageFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.MessagesDocument,
    "\n  mutation SendMessage($conversation: String!, $content: String!, $clientId: String) {\n    sendMessage(conversation: $conversation, content: $content, clientId: $clientId) {\n      ...ChatMessageFields\n    }\n  }\n": typeof types.SendMessageDocument,
    "\n  mutation SendFile($conversation: String!, $file: File!, $content: String, $clientId: String) {\n    sendFile(conversation: $conversation, file: $file, content: $content, clientId: $clientId) {\n      ...ChatMessageFields\n    }\n  }\n": typeof types.SendFileDocument,
    "\n  mutation MarkRead($conversation: String!, $upTo: ID) {\n    markRead(conversation: $conversation, upTo: $upTo) {\n      id\n      name\n      unreadCount\n    }\n  }\n": typeof types.MarkReadDocument,
    "\n  mutation SetTyping($conversation: String!, $typing: Boolean!) {\n    setTyping(conversation: $conversation, typing: $typing)\n  }\n": typeof types.SetTypingDocument,
    "\n  subscription MessageAdded($conversation: String!, $after: String) {\n    messageAdded(conversation: $conversation, after: $after) {\n      ...ChatMessageFields\n    }\n  }\n": typeof types.MessageAddedDocument,
    "\n  subscription Typing($conversation: String!) {\n    typing(conversation: $conversation) {\n      conversation\n      typing\n      user {\n        id\n        username\n      }\n    }\n  }\n": typeof types.TypingDocument,
    "\n  subscription Presence($conversation: String!) {\n    presence(conversation: $conversation) {\n      conversation\n      kind\n      user {\n        id\n        username\n      }\n      online {\n        id\n        username\n      }\n    }\n  }\n": typeof types.PresenceDocument,
    "\n  subscription ReadReceipts($conversation: String!) {\n    readReceipts(conversation: $conversation) {\n      conversation\n      lastReadMessageId\n      at\n      user {\n        id\n        username\n      }\n    }\n  }\n": typeof types.ReadReceiptsDocument,
    "\n  subscription UnreadCount {\n    unreadCount {\n      total\n      conversationId\n      conversationUnread\n    }\n  }\n": typeof types.UnreadCountDocument,
    "\n  subscription Notifications {\n    notifications {\n      ...ChatMessageFields\n    }\n  }\n": typeof types.NotificationsDocument,
    "\n  query Conversation($name: String!) {\n    conversation(name: $name) {\n      ...ChatConversationFields\n      lastMessage {\n        ...ChatMessageFields\n      }\n    }\n  }\n": typeof types.ConversationDocument,
    "\n  mutation CreateGroup($title: String!, $usernames: [String!]!) {\n    createGroup(title: $title, usernames: $usernames) {\n      ...ChatConversationFields\n    }\n  }\n": typeof types.CreateGroupDocument,
    "\n  mutation UpdateConversation($conversation: String!, $title: String) {\n    updateConversation(conversation: $conversation, title: $title) {\n      ...ChatConversationFields\n    }\n  }\n": typeof types.UpdateConversationDocument,
    "\n  mutation AddParticipants($conversation: String!, $usernames: [String!]!) {\n    addParticipants(conversation: $conversation, usernames: $usernames) {\n      ...ChatConversationFields\n    }\n  }\n": typeof types.AddParticipantsDocument,
    "\n  mutation RemoveParticipant($conversation: String!, $username: String!) {\n    removeParticipant(conversation: $conversation, username: $username) {\n      ...ChatConversationFields\n    }\n  }\n": typeof types.RemoveParticipantDocument,
    "\n  mutation SetAdmin($conversation: String!, $username: String!, $admin: Boolean!) {\n    setAdmin(conversation: $conversation, username: $username, admin: $admin) {\n      ...ChatConversationFields\n    }\n  }\n": typeof types.SetAdminDocument,
    "\n  mutation LeaveConversation($conversation: String!) {\n    leaveConversation(conversation: $conversation)\n  }\n": typeof types.LeaveConversationDocument,
    "\n  subscription ConversationEvents($after: String) {\n    events(after: $after) {\n      __typename\n      cursor\n      conversation {\n        id\n        name\n      }\n      ... on MembershipChangedEvent {\n        added {\n          id\n          username\n        }\n        removed {\n          id\n          username\n        }\n      }\n    }\n  }\n": typeof types.ConversationEventsDocument,
};
const documents: Documents = {
    "\n  fragment ChatMessageFields on Message {\n    id\n    cursor\n    clientId\n    content\n    createdAt\n    conversation\n    conversationId\n    mine\n    read\n    readByAll\n    sender {\n      id\n      username\n    }\n    file {\n      url\n      name\n      size\n      mimeType\n    }\n  }\n": types.ChatMessageFieldsFragmentDoc,
    "\n  fragment ChatConversationFields on Conversation {\n    id\n    name\n    kind\n    title\n    isGroup\n    unreadCount\n    muted\n    lastActivityAt\n    participants {\n      id\n      username\n    }\n    admins {\n      id\n      username\n    }\n  }\n": types.ChatConversationFieldsFragmentDoc,
    "\n  mutation Register($username: String!, $password: String!) {\n    register(username: $username, password: $password) {\n      access\n      refresh\n      user {\n        id\n        username\n      }\n    }\n  }\n": types.RegisterDocument,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      access\n      refresh\n      user {\n        id\n        username\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation RefreshToken($refresh: String!) {\n    refreshToken(refresh: $refresh) {\n      access\n      refresh\n    }\n  }\n": types.RefreshTokenDocument,
    "\n  query Me {\n    me {\n      id\n      username\n    }\n  }\n": types.MeDocument,
    "\n  query Conversations($first: Int, $after: String) {\n    conversations(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...ChatConversationFields\n          lastMessage {\n            ...ChatMessageFields\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ConversationsDocument,
    "\n  mutation StartConversation($usernames: [String!]) {\n    startConversation(usernames: $usernames) {\n      ...ChatConversationFields\n    }\n  }\n": types.StartConversationDocument,
    "\n  mutation SetMuted($conversation: String!, $muted: Boolean!) {\n    setMuted(conversation: $conversation, muted: $muted) {\n      id\n      muted\n      unreadCount\n    }\n  }\n": types.SetMutedDocument,
    "\n  query Messages($conversation: String!, $first: Int, $after: String) {\n    messages(conversation: $conversation, first: $first, after: $after) {\n      edges {\n        node {\n          ...ChatMessageFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.MessagesDocument,
    "\n  mutation SendMessage($conversation: String!, $content: String!, $clientId: String) {\n    sendMessage(conversation: $conversation, content: $content, clientId: $clientId) {\n      ...ChatMessageFields\n    }\n  }\n": types.SendMessageDocument,
    "\n  mutation SendFile($conversation: String!, $file: File!, $content: String, $clientId: String) {\n    sendFile(conversation: $conversation, file: $file, content: $content, clientId: $clientId) {\n      ...ChatMessageFields\n    }\n  }\n": types.SendFileDocument,
    "\n  mutation MarkRead($conversation: String!, $upTo: ID) {\n    markRead(conversation: $conversation, upTo: $upTo) {\n      id\n      name\n      unreadCount\n    }\n  }\n": types.MarkReadDocument,
    "\n  mutation SetTyping($conversation: String!, $typing: Boolean!) {\n    setTyping(conversation: $conversation, typing: $typing)\n  }\n": types.SetTypingDocument,
    "\n  subscription MessageAdded($conversation: String!, $after: String) {\n    messageAdded(conversation: $conversation, after: $after) {\n      ...ChatMessageFields\n    }\n  }\n": types.MessageAddedDocument,
    "\n  subscription Typing($conversation: String!) {\n    typing(conversation: $conversation) {\n      conversation\n      typing\n      user {\n        id\n        username\n      }\n    }\n  }\n": types.TypingDocument,
    "\n  subscription Presence($conversation: String!) {\n    presence(conversation: $conversation) {\n      conversation\n      kind\n      user {\n        id\n        username\n      }\n      online {\n        id\n        username\n      }\n    }\n  }\n": types.PresenceDocument,
    "\n  subscription ReadReceipts($conversation: String!) {\n    readReceipts(conversation: $conversation) {\n      conversation\n      lastReadMessageId\n      at\n      user {\n        id\n        username\n      }\n    }\n  }\n": types.ReadReceiptsDocument,
    "\n  subscription UnreadCount {\n    unreadCount {\n      total\n      conversationId\n      conversationUnread\n    }\n  }\n": types.UnreadCountDocument,
    "\n  subscription Notifications {\n    notifications {\n      ...ChatMessageFields\n    }\n  }\n": types.NotificationsDocument,
    "\n  query Conversation($name: String!) {\n    conversation(name: $name) {\n      ...ChatConversationFields\n      lastMessage {\n        ...ChatMessageFields\n      }\n    }\n  }\n": types.ConversationDocument,
    "\n  mutation CreateGroup($title: String!, $usernames: [String!]!) {\n    createGroup(title: $title, usernames: $usernames) {\n      ...ChatConversationFields\n    }\n  }\n": types.CreateGroupDocument,
    "\n  mutation UpdateConversation($conversation: String!, $title: String) {\n    updateConversation(conversation: $conversation, title: $title) {\n      ...ChatConversationFields\n    }\n  }\n": types.UpdateConversationDocument,
    "\n  mutation AddParticipants($conversation: String!, $usernames: [String!]!) {\n    addParticipants(conversation: $conversation, usernames: $usernames) {\n      ...ChatConversationFields\n    }\n  }\n": types.AddParticipantsDocument,
    "\n  mutation RemoveParticipant($conversation: String!, $username: String!) {\n    removeParticipant(conversation: $conversation, username: $username) {\n      ...ChatConversationFields\n    }\n  }\n": types.RemoveParticipantDocument,
    "\n  mutation SetAdmin($conversation: String!, $username: String!, $admin: Boolean!) {\n    setAdmin(conversation: $conversation, username: $username, admin: $admin) {\n      ...ChatConversationFields\n    }\n  }\n": types.SetAdminDocument,
    "\n  mutation LeaveConversation($conversation: String!) {\n    leaveConversation(conversation: $conversation)\n  }\n": types.LeaveConversationDocument,
    "\n  subscription ConversationEvents($after: String) {\n    events(after: $after) {\n      __typename\n      cursor\n      conversation {\n        id\n        name\n      }\n      ... on MembershipChangedEvent {\n        added {\n          id\n          username\n        }\n        removed {\n          id\n          username\n        }\n      }\n    }\n  }\n": types.ConversationEventsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ChatMessageFields on Message {\n    id\n    cursor\n    clientId\n    content\n    createdAt\n    conversation\n    conversationId\n    mine\n    read\n    readByAll\n    sender {\n      id\n      username\n    }\n    file {\n      url\n      name\n      size\n      mimeType\n    }\n  }\n"): typeof import('./graphql.js').ChatMessageFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ChatConversationFields on Conversation {\n    id\n    name\n    kind\n    title\n    isGroup\n    unreadCount\n    muted\n    lastActivityAt\n    participants {\n      id\n      username\n    }\n    admins {\n      id\n      username\n    }\n  }\n"): typeof import('./graphql.js').ChatConversationFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Register($username: String!, $password: String!) {\n    register(username: $username, password: $password) {\n      access\n      refresh\n      user {\n        id\n        username\n      }\n    }\n  }\n"): typeof import('./graphql.js').RegisterDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      access\n      refresh\n      user {\n        id\n        username\n      }\n    }\n  }\n"): typeof import('./graphql.js').LoginDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshToken($refresh: String!) {\n    refreshToken(refresh: $refresh) {\n      access\n      refresh\n    }\n  }\n"): typeof import('./graphql.js').RefreshTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      username\n    }\n  }\n"): typeof import('./graphql.js').MeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Conversations($first: Int, $after: String) {\n    conversations(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...ChatConversationFields\n          lastMessage {\n            ...ChatMessageFields\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql.js').ConversationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartConversation($usernames: [String!]) {\n    startConversation(usernames: $usernames) {\n      ...ChatConversationFields\n    }\n  }\n"): typeof import('./graphql.js').StartConversationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetMuted($conversation: String!, $muted: Boolean!) {\n    setMuted(conversation: $conversation, muted: $muted) {\n      id\n      muted\n      unreadCount\n    }\n  }\n"): typeof import('./graphql.js').SetMutedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Messages($conversation: String!, $first: Int, $after: String) {\n    messages(conversation: $conversation, first: $first, after: $after) {\n      edges {\n        node {\n          ...ChatMessageFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql.js').MessagesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendMessage($conversation: String!, $content: String!, $clientId: String) {\n    sendMessage(conversation: $conversation, content: $content, clientId: $clientId) {\n      ...ChatMessageFields\n    }\n  }\n"): typeof import('./graphql.js').SendMessageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendFile($conversation: String!, $file: File!, $content: String, $clientId: String) {\n    sendFile(conversation: $conversation, file: $file, content: $content, clientId: $clientId) {\n      ...ChatMessageFields\n    }\n  }\n"): typeof import('./graphql.js').SendFileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkRead($conversation: String!, $upTo: ID) {\n    markRead(conversation: $conversation, upTo: $upTo) {\n      id\n      name\n      unreadCount\n    }\n  }\n"): typeof import('./graphql.js').MarkReadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetTyping($conversation: String!, $typing: Boolean!) {\n    setTyping(conversation: $conversation, typing: $typing)\n  }\n"): typeof import('./graphql.js').SetTypingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MessageAdded($conversation: String!, $after: String) {\n    messageAdded(conversation: $conversation, after: $after) {\n      ...ChatMessageFields\n    }\n  }\n"): typeof import('./graphql.js').MessageAddedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription Typing($conversation: String!) {\n    typing(conversation: $conversation) {\n      conversation\n      typing\n      user {\n        id\n        username\n      }\n    }\n  }\n"): typeof import('./graphql.js').TypingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription Presence($conversation: String!) {\n    presence(conversation: $conversation) {\n      conversation\n      kind\n      user {\n        id\n        username\n      }\n      online {\n        id\n        username\n      }\n    }\n  }\n"): typeof import('./graphql.js').PresenceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ReadReceipts($conversation: String!) {\n    readReceipts(conversation: $conversation) {\n      conversation\n      lastReadMessageId\n      at\n      user {\n        id\n        username\n      }\n    }\n  }\n"): typeof import('./graphql.js').ReadReceiptsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription UnreadCount {\n    unreadCount {\n      total\n      conversationId\n      conversationUnread\n    }\n  }\n"): typeof import('./graphql.js').UnreadCountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription Notifications {\n    notifications {\n      ...ChatMessageFields\n    }\n  }\n"): typeof import('./graphql.js').NotificationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Conversation($name: String!) {\n    conversation(name: $name) {\n      ...ChatConversationFields\n      lastMessage {\n        ...ChatMessageFields\n      }\n    }\n  }\n"): typeof import('./graphql.js').ConversationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateGroup($title: String!, $usernames: [String!]!) {\n    createGroup(title: $title, usernames: $usernames) {\n      ...ChatConversationFields\n    }\n  }\n"): typeof import('./graphql.js').CreateGroupDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateConversation($conversation: String!, $title: String) {\n    updateConversation(conversation: $conversation, title: $title) {\n      ...ChatConversationFields\n    }\n  }\n"): typeof import('./graphql.js').UpdateConversationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddParticipants($conversation: String!, $usernames: [String!]!) {\n    addParticipants(conversation: $conversation, usernames: $usernames) {\n      ...ChatConversationFields\n    }\n  }\n"): typeof import('./graphql.js').AddParticipantsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveParticipant($conversation: String!, $username: String!) {\n    removeParticipant(conversation: $conversation, username: $username) {\n      ...ChatConversationFields\n    }\n  }\n"): typeof import('./graphql.js').RemoveParticipantDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetAdmin($conversation: String!, $username: String!, $admin: Boolean!) {\n    setAdmin(conversation: $conversation, username: $username, admin: $admin) {\n      ...ChatConversationFields\n    }\n  }\n"): typeof import('./graphql.js').SetAdminDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LeaveConversation($conversation: String!) {\n    leaveConversation(conversation: $conversation)\n  }\n"): typeof import('./graphql.js').LeaveConversationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ConversationEvents($after: String) {\n    events(after: $after) {\n      __typename\n      cursor\n      conversation {\n        id\n        name\n      }\n      ... on MembershipChangedEvent {\n        added {\n          id\n          username\n        }\n        removed {\n          id\n          username\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').ConversationEventsDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
