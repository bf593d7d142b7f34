/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

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
    "\n  mutation Register($username: String!, $password: String!) {\n    register(username: $username, password: $password) {\n      access\n      refresh\n      user {\n        id\n        username\n      }\n    }\n  }\n": typeof types.RegisterDocument,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      access\n    }\n  }\n": typeof types.LoginDocument,
    "\n  query Me {\n    me {\n      id\n      username\n    }\n  }\n": typeof types.MeDocument,
    "\n  query Typename {\n    __typename\n  }\n": typeof types.TypenameDocument,
    "\n  query UserIds {\n    users {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.UserIdsDocument,
    "\n  mutation StartConversation($usernames: [String!]) {\n    startConversation(usernames: $usernames) {\n      id\n      name\n    }\n  }\n": typeof types.StartConversationDocument,
    "\n  fragment ConversationFields on Conversation {\n    id\n    name\n    isGroup\n    participants {\n      id\n      username\n    }\n    online {\n      id\n      username\n    }\n    unreadCount\n    lastMessage {\n      content\n      sender {\n        username\n      }\n    }\n  }\n": typeof types.ConversationFieldsFragmentDoc,
    "\n  mutation StartConversationDetailed($usernames: [String!], $userIds: [ID!]) {\n    startConversation(usernames: $usernames, userIds: $userIds) {\n      ...ConversationFields\n    }\n  }\n": typeof types.StartConversationDetailedDocument,
    "\n  query ConversationDetailed($name: String!) {\n    conversation(name: $name) {\n      ...ConversationFields\n    }\n  }\n": typeof types.ConversationDetailedDocument,
    "\n  query ConversationsPage($first: Int, $after: String) {\n    conversations(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...ConversationFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ConversationsPageDocument,
    "\n  query Conversations($first: Int) {\n    conversations(first: $first) {\n      edges {\n        node {\n          name\n          unreadCount\n          participants {\n            username\n          }\n          lastMessage {\n            content\n            sender {\n              username\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ConversationsDocument,
    "\n  query ConversationIds {\n    conversations {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.ConversationIdsDocument,
    "\n  query ConversationOnline($name: String!) {\n    conversation(name: $name) {\n      id\n      online {\n        username\n      }\n    }\n  }\n": typeof types.ConversationOnlineDocument,
    "\n  query ConversationState($name: String!) {\n    conversation(name: $name) {\n      unreadCount\n      lastMessage {\n        id\n      }\n    }\n    unreadCount\n  }\n": typeof types.ConversationStateDocument,
    "\n  query ConversationUnread($name: String!) {\n    conversation(name: $name) {\n      unreadCount\n    }\n    unreadCount\n  }\n": typeof types.ConversationUnreadDocument,
    "\n  query UnreadCount {\n    unreadCount\n  }\n": typeof types.UnreadCountDocument,
    "\n  query UnreadCounts {\n    unreadCount\n    conversations(first: 10) {\n      edges {\n        node {\n          name\n          unreadCount\n        }\n      }\n    }\n  }\n": typeof types.UnreadCountsDocument,
    "\n  mutation MarkRead($conversation: String!, $upTo: ID) {\n    markRead(conversation: $conversation, upTo: $upTo) {\n      unreadCount\n    }\n  }\n": typeof types.MarkReadDocument,
    "\n  mutation SetTyping($conversation: String!, $typing: Boolean!) {\n    setTyping(conversation: $conversation, typing: $typing)\n  }\n": typeof types.SetTypingDocument,
    "\n  fragment GroupFields on Conversation {\n    id\n    name\n    kind\n    isGroup\n    title\n    admins {\n      username\n    }\n    participants {\n      username\n    }\n  }\n": typeof types.GroupFieldsFragmentDoc,
    "\n  mutation CreateGroup($title: String!, $usernames: [String!]!) {\n    createGroup(title: $title, usernames: $usernames) {\n      ...GroupFields\n      unreadCount\n      muted\n    }\n  }\n": typeof types.CreateGroupDocument,
    "\n  mutation StartConversationKind($usernames: [String!]) {\n    startConversation(usernames: $usernames) {\n      ...GroupFields\n    }\n  }\n": typeof types.StartConversationKindDocument,
    "\n  query Group($name: String!) {\n    conversation(name: $name) {\n      ...GroupFields\n      unreadCount\n      muted\n    }\n    unreadCount\n  }\n": typeof types.GroupDocument,
    "\n  query ConversationKinds {\n    conversations(first: 50) {\n      edges {\n        node {\n          name\n          kind\n          title\n          unreadCount\n        }\n      }\n    }\n  }\n": typeof types.ConversationKindsDocument,
    "\n  mutation UpdateConversation($conversation: String!, $title: String) {\n    updateConversation(conversation: $conversation, title: $title) {\n      ...GroupFields\n    }\n  }\n": typeof types.UpdateConversationDocument,
    "\n  mutation AddParticipants($conversation: String!, $usernames: [String!]!) {\n    addParticipants(conversation: $conversation, usernames: $usernames) {\n      ...GroupFields\n    }\n  }\n": typeof types.AddParticipantsDocument,
    "\n  mutation RemoveParticipant($conversation: String!, $username: String!) {\n    removeParticipant(conversation: $conversation, username: $username) {\n      ...GroupFields\n    }\n  }\n": typeof types.RemoveParticipantDocument,
    "\n  mutation SetAdmin($conversation: String!, $username: String!, $admin: Boolean!) {\n    setAdmin(conversation: $conversation, username: $username, admin: $admin) {\n      ...GroupFields\n    }\n  }\n": typeof types.SetAdminDocument,
    "\n  mutation LeaveConversation($conversation: String!) {\n    leaveConversation(conversation: $conversation)\n  }\n": typeof types.LeaveConversationDocument,
    "\n  subscription GroupEvents($conversation: String, $after: String) {\n    events(conversation: $conversation, after: $after) {\n      __typename\n      cursor\n      conversation {\n        name\n      }\n      ... on MessageAddedEvent {\n        message {\n          id\n          content\n        }\n      }\n      ... on MembershipChangedEvent {\n        added {\n          username\n        }\n        removed {\n          username\n        }\n      }\n      ... on ConversationUpdatedEvent {\n        conversation {\n          title\n          admins {\n            username\n          }\n        }\n      }\n    }\n  }\n": typeof types.GroupEventsDocument,
    "\n  subscription MessageAdded($conversation: String!, $after: String) {\n    messageAdded(conversation: $conversation, after: $after) {\n      id\n      content\n      conversation\n      sender {\n        username\n      }\n    }\n  }\n": typeof types.MessageAddedDocument,
    "\n  subscription MessageAddedCursor($conversation: String!, $after: String) {\n    messageAdded(conversation: $conversation, after: $after) {\n      id\n      cursor\n      content\n    }\n  }\n": typeof types.MessageAddedCursorDocument,
    "\n  subscription MessageAddedContent($conversation: String!) {\n    messageAdded(conversation: $conversation) {\n      content\n    }\n  }\n": typeof types.MessageAddedContentDocument,
    "\n  subscription MessageAddedIdContent($conversation: String!) {\n    messageAdded(conversation: $conversation) {\n      id\n      content\n    }\n  }\n": typeof types.MessageAddedIdContentDocument,
    "\n  subscription MessageAddedIdContentAfter($conversation: String!, $after: String) {\n    messageAdded(conversation: $conversation, after: $after) {\n      id\n      content\n    }\n  }\n": typeof types.MessageAddedIdContentAfterDocument,
    "\n  subscription MessageAddedFrom($conversation: String!, $after: String) {\n    messageAdded(conversation: $conversation, after: $after) {\n      content\n      sender {\n        username\n      }\n    }\n  }\n": typeof types.MessageAddedFromDocument,
    "\n  subscription MessageAddedRead($conversation: String!) {\n    messageAdded(conversation: $conversation) {\n      id\n      content\n      sender {\n        username\n      }\n      read\n    }\n  }\n": typeof types.MessageAddedReadDocument,
    "\n  subscription MessageAddedFile($conversation: String!, $after: String) {\n    messageAdded(conversation: $conversation, after: $after) {\n      ...FileMessageFields\n    }\n  }\n": typeof types.MessageAddedFileDocument,
    "\n  subscription PresenceKind($conversation: String!) {\n    presence(conversation: $conversation) {\n      kind\n    }\n  }\n": typeof types.PresenceKindDocument,
    "\n  subscription Presence($conversation: String!) {\n    presence(conversation: $conversation) {\n      kind\n      conversation\n      user {\n        username\n      }\n      online {\n        username\n      }\n    }\n  }\n": typeof types.PresenceDocument,
    "\n  subscription Typing($conversation: String!) {\n    typing(conversation: $conversation) {\n      conversation\n      user {\n        username\n      }\n      typing\n    }\n  }\n": typeof types.TypingDocument,
    "\n  subscription TypingUser($conversation: String!) {\n    typing(conversation: $conversation) {\n      user {\n        username\n      }\n      typing\n    }\n  }\n": typeof types.TypingUserDocument,
    "\n  subscription ReadReceipts($conversation: String!) {\n    readReceipts(conversation: $conversation) {\n      conversation\n      user {\n        username\n      }\n      lastReadMessageId\n    }\n  }\n": typeof types.ReadReceiptsDocument,
    "\n  subscription UnreadCountEvents {\n    unreadCount {\n      total\n      conversationId\n      conversationUnread\n    }\n  }\n": typeof types.UnreadCountEventsDocument,
    "\n  subscription UnreadCountTotals {\n    unreadCount {\n      total\n      conversationUnread\n    }\n  }\n": typeof types.UnreadCountTotalsDocument,
    "\n  subscription Notifications {\n    notifications {\n      content\n      conversation\n      sender {\n        username\n      }\n    }\n  }\n": typeof types.NotificationsDocument,
    "\n  subscription NotificationIds {\n    notifications {\n      id\n      content\n    }\n  }\n": typeof types.NotificationIdsDocument,
    "\n  subscription Events($conversation: String, $after: String) {\n    events(conversation: $conversation, after: $after) {\n      __typename\n      cursor\n      conversation {\n        name\n      }\n      ... on MessageAddedEvent {\n        message {\n          id\n          content\n        }\n      }\n      ... on MessageEditedEvent {\n        message {\n          id\n          content\n          editedAt\n        }\n      }\n      ... on MessageDeletedEvent {\n        message {\n          id\n          content\n          deletedAt\n        }\n      }\n      ... on ReactionsChangedEvent {\n        message {\n          id\n          reactions {\n            emoji\n            count\n            mine\n          }\n        }\n      }\n    }\n  }\n": typeof types.EventsDocument,
    "\n  mutation SendMessage($conversation: String!, $content: String!, $clientId: String) {\n    sendMessage(conversation: $conversation, content: $content, clientId: $clientId) {\n      id\n      cursor\n      content\n    }\n  }\n": typeof types.SendMessageDocument,
    "\n  mutation SendMessageId($conversation: String!, $content: String!) {\n    sendMessage(conversation: $conversation, content: $content) {\n      id\n    }\n  }\n": typeof types.SendMessageIdDocument,
    "\n  fragment MessageFields on Message {\n    id\n    clientId\n    conversation\n    sender {\n      id\n      username\n    }\n    content\n    createdAt\n    readByAll\n    cursor\n  }\n": typeof types.MessageFieldsFragmentDoc,
    "\n  mutation SendMessageDetailed($conversation: String!, $content: String!, $clientId: String) {\n    sendMessage(conversation: $conversation, content: $content, clientId: $clientId) {\n      ...MessageFields\n    }\n  }\n": typeof types.SendMessageDetailedDocument,
    "\n  query MessagesPageDetailed($conversation: String!, $first: Int, $after: String) {\n    messages(conversation: $conversation, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...MessageFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n": typeof types.MessagesPageDetailedDocument,
    "\n  query MessagesPage($conversation: String!, $after: String) {\n    messages(conversation: $conversation, first: 100, after: $after) {\n      edges {\n        node {\n          id\n          cursor\n          content\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.MessagesPageDocument,
    "\n  query MessageHistory($conversation: String!) {\n    messages(conversation: $conversation) {\n      edges {\n        node {\n          id\n          content\n        }\n      }\n    }\n  }\n": typeof types.MessageHistoryDocument,
    "\n  query MessageIds($conversation: String!, $first: Int) {\n    messages(conversation: $conversation, first: $first) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.MessageIdsDocument,
    "\n  query MessageContents($conversation: String!, $first: Int) {\n    messages(conversation: $conversation, first: $first) {\n      edges {\n        node {\n          content\n        }\n      }\n    }\n  }\n": typeof types.MessageContentsDocument,
    "\n  query MessageReadState($conversation: String!, $first: Int) {\n    messages(conversation: $conversation, first: $first) {\n      edges {\n        node {\n          content\n          readByAll\n        }\n      }\n    }\n  }\n": typeof types.MessageReadStateDocument,
    "\n  mutation SendFile($conversation: String!, $file: File!, $content: String) {\n    sendFile(conversation: $conversation, file: $file, content: $content) {\n      id\n      content\n      file {\n        url\n        name\n        size\n        mimeType\n      }\n    }\n  }\n": typeof types.SendFileDocument,
    "\n  fragment FileMessageFields on Message {\n    id\n    cursor\n    clientId\n    content\n    file {\n      url\n      name\n      size\n      mimeType\n    }\n  }\n": typeof types.FileMessageFieldsFragmentDoc,
    "\n  mutation SendFileDetailed($conversation: String!, $file: File!, $content: String, $clientId: String) {\n    sendFile(conversation: $conversation, file: $file, content: $content, clientId: $clientId) {\n      ...FileMessageFields\n    }\n  }\n": typeof types.SendFileDetailedDocument,
    "\n  query SearchMessages($query: String!, $conversation: String, $first: Int, $after: String) {\n    searchMessages(query: $query, conversation: $conversation, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          content\n          conversation\n          sender {\n            username\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.SearchMessagesDocument,
    "\n  mutation EditMessage($id: ID!, $content: String!) {\n    editMessage(id: $id, content: $content) {\n      id\n      content\n      editedAt\n      deletedAt\n      file {\n        name\n      }\n    }\n  }\n": typeof types.EditMessageDocument,
    "\n  mutation DeleteMessage($id: ID!) {\n    deleteMessage(id: $id) {\n      id\n      content\n      editedAt\n      deletedAt\n      file {\n        name\n      }\n    }\n  }\n": typeof types.DeleteMessageDocument,
    "\n  mutation AddReaction($messageId: ID!, $emoji: String!) {\n    addReaction(messageId: $messageId, emoji: $emoji) {\n      id\n      reactions {\n        emoji\n        count\n        mine\n      }\n    }\n  }\n": typeof types.AddReactionDocument,
    "\n  mutation RemoveReaction($messageId: ID!, $emoji: String!) {\n    removeReaction(messageId: $messageId, emoji: $emoji) {\n      id\n      reactions {\n        emoji\n        count\n        mine\n      }\n    }\n  }\n": typeof types.RemoveReactionDocument,
    "\n  mutation Reply($conversation: String!, $content: String!, $replyTo: ID) {\n    sendMessage(conversation: $conversation, content: $content, replyTo: $replyTo) {\n      id\n      content\n      replyTo {\n        id\n        content\n        deletedAt\n        sender {\n          username\n        }\n      }\n    }\n  }\n": typeof types.ReplyDocument,
    "\n  query Thread($conversation: String!) {\n    messages(conversation: $conversation, first: 50) {\n      edges {\n        node {\n          id\n          content\n          deletedAt\n          replyTo {\n            id\n            content\n            deletedAt\n          }\n          reactions {\n            emoji\n            count\n            mine\n          }\n        }\n      }\n    }\n  }\n": typeof types.ThreadDocument,
    "\n  mutation SetMuted($conversation: String!, $muted: Boolean!) {\n    setMuted(conversation: $conversation, muted: $muted) {\n      name\n      muted\n      unreadCount\n    }\n  }\n": typeof types.SetMutedDocument,
    "\n  query ConversationMuted($name: String!) {\n    conversation(name: $name) {\n      muted\n      unreadCount\n    }\n    unreadCount\n  }\n": typeof types.ConversationMutedDocument,
    "\n  mutation BlockUser($username: String!) {\n    blockUser(username: $username) {\n      username\n      blocked\n    }\n  }\n": typeof types.BlockUserDocument,
    "\n  mutation UnblockUser($username: String!) {\n    unblockUser(username: $username) {\n      username\n      blocked\n    }\n  }\n": typeof types.UnblockUserDocument,
    "\n  query ParticipantsBlocked($name: String!) {\n    conversation(name: $name) {\n      participants {\n        username\n        blocked\n      }\n    }\n  }\n": typeof types.ParticipantsBlockedDocument,
    "\n  query UsersLastSeen($search: String!) {\n    users(search: $search, first: 10) {\n      edges {\n        node {\n          username\n          lastSeenAt\n        }\n      }\n    }\n  }\n": typeof types.UsersLastSeenDocument,
};
const documents: Documents = {
    "\n  mutation Register($username: String!, $password: String!) {\n    register(username: $username, password: $password) {\n      access\n      refresh\n      user {\n        id\n        username\n      }\n    }\n  }\n": types.RegisterDocument,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      access\n    }\n  }\n": types.LoginDocument,
    "\n  query Me {\n    me {\n      id\n      username\n    }\n  }\n": types.MeDocument,
    "\n  query Typename {\n    __typename\n  }\n": types.TypenameDocument,
    "\n  query UserIds {\n    users {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.UserIdsDocument,
    "\n  mutation StartConversation($usernames: [String!]) {\n    startConversation(usernames: $usernames) {\n      id\n      name\n    }\n  }\n": types.StartConversationDocument,
    "\n  fragment ConversationFields on Conversation {\n    id\n    name\n    isGroup\n    participants {\n      id\n      username\n    }\n    online {\n      id\n      username\n    }\n    unreadCount\n    lastMessage {\n      content\n      sender {\n        username\n      }\n    }\n  }\n": types.ConversationFieldsFragmentDoc,
    "\n  mutation StartConversationDetailed($usernames: [String!], $userIds: [ID!]) {\n    startConversation(usernames: $usernames, userIds: $userIds) {\n      ...ConversationFields\n    }\n  }\n": types.StartConversationDetailedDocument,
    "\n  query ConversationDetailed($name: String!) {\n    conversation(name: $name) {\n      ...ConversationFields\n    }\n  }\n": types.ConversationDetailedDocument,
    "\n  query ConversationsPage($first: Int, $after: String) {\n    conversations(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...ConversationFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ConversationsPageDocument,
    "\n  query Conversations($first: Int) {\n    conversations(first: $first) {\n      edges {\n        node {\n          name\n          unreadCount\n          participants {\n            username\n          }\n          lastMessage {\n            content\n            sender {\n              username\n            }\n          }\n        }\n      }\n    }\n  }\n": types.ConversationsDocument,
    "\n  query ConversationIds {\n    conversations {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.ConversationIdsDocument,
    "\n  query ConversationOnline($name: String!) {\n    conversation(name: $name) {\n      id\n      online {\n        username\n      }\n    }\n  }\n": types.ConversationOnlineDocument,
    "\n  query ConversationState($name: String!) {\n    conversation(name: $name) {\n      unreadCount\n      lastMessage {\n        id\n      }\n    }\n    unreadCount\n  }\n": types.ConversationStateDocument,
    "\n  query ConversationUnread($name: String!) {\n    conversation(name: $name) {\n      unreadCount\n    }\n    unreadCount\n  }\n": types.ConversationUnreadDocument,
    "\n  query UnreadCount {\n    unreadCount\n  }\n": types.UnreadCountDocument,
    "\n  query UnreadCounts {\n    unreadCount\n    conversations(first: 10) {\n      edges {\n        node {\n          name\n          unreadCount\n        }\n      }\n    }\n  }\n": types.UnreadCountsDocument,
    "\n  mutation MarkRead($conversation: String!, $upTo: ID) {\n    markRead(conversation: $conversation, upTo: $upTo) {\n      unreadCount\n    }\n  }\n": types.MarkReadDocument,
    "\n  mutation SetTyping($conversation: String!, $typing: Boolean!) {\n    setTyping(conversation: $conversation, typing: $typing)\n  }\n": types.SetTypingDocument,
    "\n  fragment GroupFields on Conversation {\n    id\n    name\n    kind\n    isGroup\n    title\n    admins {\n      username\n    }\n    participants {\n      username\n    }\n  }\n": types.GroupFieldsFragmentDoc,
    "\n  mutation CreateGroup($title: String!, $usernames: [String!]!) {\n    createGroup(title: $title, usernames: $usernames) {\n      ...GroupFields\n      unreadCount\n      muted\n    }\n  }\n": types.CreateGroupDocument,
    "\n  mutation StartConversationKind($usernames: [String!]) {\n    startConversation(usernames: $usernames) {\n      ...GroupFields\n    }\n  }\n": types.StartConversationKindDocument,
    "\n  query Group($name: String!) {\n    conversation(name: $name) {\n      ...GroupFields\n      unreadCount\n      muted\n    }\n    unreadCount\n  }\n": types.GroupDocument,
    "\n  query ConversationKinds {\n    conversations(first: 50) {\n      edges {\n        node {\n          name\n          kind\n          title\n          unreadCount\n        }\n      }\n    }\n  }\n": types.ConversationKindsDocument,
    "\n  mutation UpdateConversation($conversation: String!, $title: String) {\n    updateConversation(conversation: $conversation, title: $title) {\n      ...GroupFields\n    }\n  }\n": types.UpdateConversationDocument,
    "\n  mutation AddParticipants($conversation: String!, $usernames: [String!]!) {\n    addParticipants(conversation: $conversation, usernames: $usernames) {\n      ...GroupFields\n    }\n  }\n": types.AddParticipantsDocument,
    "\n  mutation RemoveParticipant($conversation: String!, $username: String!) {\n    removeParticipant(conversation: $conversation, username: $username) {\n      ...GroupFields\n    }\n  }\n": types.RemoveParticipantDocument,
    "\n  mutation SetAdmin($conversation: String!, $username: String!, $admin: Boolean!) {\n    setAdmin(conversation: $conversation, username: $username, admin: $admin) {\n      ...GroupFields\n    }\n  }\n": types.SetAdminDocument,
    "\n  mutation LeaveConversation($conversation: String!) {\n    leaveConversation(conversation: $conversation)\n  }\n": types.LeaveConversationDocument,
    "\n  subscription GroupEvents($conversation: String, $after: String) {\n    events(conversation: $conversation, after: $after) {\n      __typename\n      cursor\n      conversation {\n        name\n      }\n      ... on MessageAddedEvent {\n        message {\n          id\n          content\n        }\n      }\n      ... on MembershipChangedEvent {\n        added {\n          username\n        }\n        removed {\n          username\n        }\n      }\n      ... on ConversationUpdatedEvent {\n        conversation {\n          title\n          admins {\n            username\n          }\n        }\n      }\n    }\n  }\n": types.GroupEventsDocument,
    "\n  subscription MessageAdded($conversation: String!, $after: String) {\n    messageAdded(conversation: $conversation, after: $after) {\n      id\n      content\n      conversation\n      sender {\n        username\n      }\n    }\n  }\n": types.MessageAddedDocument,
    "\n  subscription MessageAddedCursor($conversation: String!, $after: String) {\n    messageAdded(conversation: $conversation, after: $after) {\n      id\n      cursor\n      content\n    }\n  }\n": types.MessageAddedCursorDocument,
    "\n  subscription MessageAddedContent($conversation: String!) {\n    messageAdded(conversation: $conversation) {\n      content\n    }\n  }\n": types.MessageAddedContentDocument,
    "\n  subscription MessageAddedIdContent($conversation: String!) {\n    messageAdded(conversation: $conversation) {\n      id\n      content\n    }\n  }\n": types.MessageAddedIdContentDocument,
    "\n  subscription MessageAddedIdContentAfter($conversation: String!, $after: String) {\n    messageAdded(conversation: $conversation, after: $after) {\n      id\n      content\n    }\n  }\n": types.MessageAddedIdContentAfterDocument,
    "\n  subscription MessageAddedFrom($conversation: String!, $after: String) {\n    messageAdded(conversation: $conversation, after: $after) {\n      content\n      sender {\n        username\n      }\n    }\n  }\n": types.MessageAddedFromDocument,
    "\n  subscription MessageAddedRead($conversation: String!) {\n    messageAdded(conversation: $conversation) {\n      id\n      content\n      sender {\n        username\n      }\n      read\n    }\n  }\n": types.MessageAddedReadDocument,
    "\n  subscription MessageAddedFile($conversation: String!, $after: String) {\n    messageAdded(conversation: $conversation, after: $after) {\n      ...FileMessageFields\n    }\n  }\n": types.MessageAddedFileDocument,
    "\n  subscription PresenceKind($conversation: String!) {\n    presence(conversation: $conversation) {\n      kind\n    }\n  }\n": types.PresenceKindDocument,
    "\n  subscription Presence($conversation: String!) {\n    presence(conversation: $conversation) {\n      kind\n      conversation\n      user {\n        username\n      }\n      online {\n        username\n      }\n    }\n  }\n": types.PresenceDocument,
    "\n  subscription Typing($conversation: String!) {\n    typing(conversation: $conversation) {\n      conversation\n      user {\n        username\n      }\n      typing\n    }\n  }\n": types.TypingDocument,
    "\n  subscription TypingUser($conversation: String!) {\n    typing(conversation: $conversation) {\n      user {\n        username\n      }\n      typing\n    }\n  }\n": types.TypingUserDocument,
    "\n  subscription ReadReceipts($conversation: String!) {\n    readReceipts(conversation: $conversation) {\n      conversation\n      user {\n        username\n      }\n      lastReadMessageId\n    }\n  }\n": types.ReadReceiptsDocument,
    "\n  subscription UnreadCountEvents {\n    unreadCount {\n      total\n      conversationId\n      conversationUnread\n    }\n  }\n": types.UnreadCountEventsDocument,
    "\n  subscription UnreadCountTotals {\n    unreadCount {\n      total\n      conversationUnread\n    }\n  }\n": types.UnreadCountTotalsDocument,
    "\n  subscription Notifications {\n    notifications {\n      content\n      conversation\n      sender {\n        username\n      }\n    }\n  }\n": types.NotificationsDocument,
    "\n  subscription NotificationIds {\n    notifications {\n      id\n      content\n    }\n  }\n": types.NotificationIdsDocument,
    "\n  subscription Events($conversation: String, $after: String) {\n    events(conversation: $conversation, after: $after) {\n      __typename\n      cursor\n      conversation {\n        name\n      }\n      ... on MessageAddedEvent {\n        message {\n          id\n          content\n        }\n      }\n      ... on MessageEditedEvent {\n        message {\n          id\n          content\n          editedAt\n        }\n      }\n      ... on MessageDeletedEvent {\n        message {\n          id\n          content\n          deletedAt\n        }\n      }\n      ... on ReactionsChangedEvent {\n        message {\n          id\n          reactions {\n            emoji\n            count\n            mine\n          }\n        }\n      }\n    }\n  }\n": types.EventsDocument,
    "\n  mutation SendMessage($conversation: String!, $content: String!, $clientId: String) {\n    sendMessage(conversation: $conversation, content: $content, clientId: $clientId) {\n      id\n      cursor\n      content\n    }\n  }\n": types.SendMessageDocument,
    "\n  mutation SendMessageId($conversation: String!, $content: String!) {\n    sendMessage(conversation: $conversation, content: $content) {\n      id\n    }\n  }\n": types.SendMessageIdDocument,
    "\n  fragment MessageFields on Message {\n    id\n    clientId\n    conversation\n    sender {\n      id\n      username\n    }\n    content\n    createdAt\n    readByAll\n    cursor\n  }\n": types.MessageFieldsFragmentDoc,
    "\n  mutation SendMessageDetailed($conversation: String!, $content: String!, $clientId: String) {\n    sendMessage(conversation: $conversation, content: $content, clientId: $clientId) {\n      ...MessageFields\n    }\n  }\n": types.SendMessageDetailedDocument,
    "\n  query MessagesPageDetailed($conversation: String!, $first: Int, $after: String) {\n    messages(conversation: $conversation, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...MessageFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n": types.MessagesPageDetailedDocument,
    "\n  query MessagesPage($conversation: String!, $after: String) {\n    messages(conversation: $conversation, first: 100, after: $after) {\n      edges {\n        node {\n          id\n          cursor\n          content\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.MessagesPageDocument,
    "\n  query MessageHistory($conversation: String!) {\n    messages(conversation: $conversation) {\n      edges {\n        node {\n          id\n          content\n        }\n      }\n    }\n  }\n": types.MessageHistoryDocument,
    "\n  query MessageIds($conversation: String!, $first: Int) {\n    messages(conversation: $conversation, first: $first) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.MessageIdsDocument,
    "\n  query MessageContents($conversation: String!, $first: Int) {\n    messages(conversation: $conversation, first: $first) {\n      edges {\n        node {\n          content\n        }\n      }\n    }\n  }\n": types.MessageContentsDocument,
    "\n  query MessageReadState($conversation: String!, $first: Int) {\n    messages(conversation: $conversation, first: $first) {\n      edges {\n        node {\n          content\n          readByAll\n        }\n      }\n    }\n  }\n": types.MessageReadStateDocument,
    "\n  mutation SendFile($conversation: String!, $file: File!, $content: String) {\n    sendFile(conversation: $conversation, file: $file, content: $content) {\n      id\n      content\n      file {\n        url\n        name\n        size\n        mimeType\n      }\n    }\n  }\n": types.SendFileDocument,
    "\n  fragment FileMessageFields on Message {\n    id\n    cursor\n    clientId\n    content\n    file {\n      url\n      name\n      size\n      mimeType\n    }\n  }\n": types.FileMessageFieldsFragmentDoc,
    "\n  mutation SendFileDetailed($conversation: String!, $file: File!, $content: String, $clientId: String) {\n    sendFile(conversation: $conversation, file: $file, content: $content, clientId: $clientId) {\n      ...FileMessageFields\n    }\n  }\n": types.SendFileDetailedDocument,
    "\n  query SearchMessages($query: String!, $conversation: String, $first: Int, $after: String) {\n    searchMessages(query: $query, conversation: $conversation, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          content\n          conversation\n          sender {\n            username\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.SearchMessagesDocument,
    "\n  mutation EditMessage($id: ID!, $content: String!) {\n    editMessage(id: $id, content: $content) {\n      id\n      content\n      editedAt\n      deletedAt\n      file {\n        name\n      }\n    }\n  }\n": types.EditMessageDocument,
    "\n  mutation DeleteMessage($id: ID!) {\n    deleteMessage(id: $id) {\n      id\n      content\n      editedAt\n      deletedAt\n      file {\n        name\n      }\n    }\n  }\n": types.DeleteMessageDocument,
    "\n  mutation AddReaction($messageId: ID!, $emoji: String!) {\n    addReaction(messageId: $messageId, emoji: $emoji) {\n      id\n      reactions {\n        emoji\n        count\n        mine\n      }\n    }\n  }\n": types.AddReactionDocument,
    "\n  mutation RemoveReaction($messageId: ID!, $emoji: String!) {\n    removeReaction(messageId: $messageId, emoji: $emoji) {\n      id\n      reactions {\n        emoji\n        count\n        mine\n      }\n    }\n  }\n": types.RemoveReactionDocument,
    "\n  mutation Reply($conversation: String!, $content: String!, $replyTo: ID) {\n    sendMessage(conversation: $conversation, content: $content, replyTo: $replyTo) {\n      id\n      content\n      replyTo {\n        id\n        content\n        deletedAt\n        sender {\n          username\n        }\n      }\n    }\n  }\n": types.ReplyDocument,
    "\n  query Thread($conversation: String!) {\n    messages(conversation: $conversation, first: 50) {\n      edges {\n        node {\n          id\n          content\n          deletedAt\n          replyTo {\n            id\n            content\n            deletedAt\n          }\n          reactions {\n            emoji\n            count\n            mine\n          }\n        }\n      }\n    }\n  }\n": types.ThreadDocument,
    "\n  mutation SetMuted($conversation: String!, $muted: Boolean!) {\n    setMuted(conversation: $conversation, muted: $muted) {\n      name\n      muted\n      unreadCount\n    }\n  }\n": types.SetMutedDocument,
    "\n  query ConversationMuted($name: String!) {\n    conversation(name: $name) {\n      muted\n      unreadCount\n    }\n    unreadCount\n  }\n": types.ConversationMutedDocument,
    "\n  mutation BlockUser($username: String!) {\n    blockUser(username: $username) {\n      username\n      blocked\n    }\n  }\n": types.BlockUserDocument,
    "\n  mutation UnblockUser($username: String!) {\n    unblockUser(username: $username) {\n      username\n      blocked\n    }\n  }\n": types.UnblockUserDocument,
    "\n  query ParticipantsBlocked($name: String!) {\n    conversation(name: $name) {\n      participants {\n        username\n        blocked\n      }\n    }\n  }\n": types.ParticipantsBlockedDocument,
    "\n  query UsersLastSeen($search: String!) {\n    users(search: $search, first: 10) {\n      edges {\n        node {\n          username\n          lastSeenAt\n        }\n      }\n    }\n  }\n": types.UsersLastSeenDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Register($username: String!, $password: String!) {\n    register(username: $username, password: $password) {\n      access\n      refresh\n      user {\n        id\n        username\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Register($username: String!, $password: String!) {\n    register(username: $username, password: $password) {\n      access\n      refresh\n      user {\n        id\n        username\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      access\n    }\n  }\n"): (typeof documents)["\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      access\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      username\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      username\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Typename {\n    __typename\n  }\n"): (typeof documents)["\n  query Typename {\n    __typename\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UserIds {\n    users {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query UserIds {\n    users {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartConversation($usernames: [String!]) {\n    startConversation(usernames: $usernames) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation StartConversation($usernames: [String!]) {\n    startConversation(usernames: $usernames) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConversationFields on Conversation {\n    id\n    name\n    isGroup\n    participants {\n      id\n      username\n    }\n    online {\n      id\n      username\n    }\n    unreadCount\n    lastMessage {\n      content\n      sender {\n        username\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ConversationFields on Conversation {\n    id\n    name\n    isGroup\n    participants {\n      id\n      username\n    }\n    online {\n      id\n      username\n    }\n    unreadCount\n    lastMessage {\n      content\n      sender {\n        username\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartConversationDetailed($usernames: [String!], $userIds: [ID!]) {\n    startConversation(usernames: $usernames, userIds: $userIds) {\n      ...ConversationFields\n    }\n  }\n"): (typeof documents)["\n  mutation StartConversationDetailed($usernames: [String!], $userIds: [ID!]) {\n    startConversation(usernames: $usernames, userIds: $userIds) {\n      ...ConversationFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConversationDetailed($name: String!) {\n    conversation(name: $name) {\n      ...ConversationFields\n    }\n  }\n"): (typeof documents)["\n  query ConversationDetailed($name: String!) {\n    conversation(name: $name) {\n      ...ConversationFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConversationsPage($first: Int, $after: String) {\n    conversations(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...ConversationFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConversationsPage($first: Int, $after: String) {\n    conversations(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...ConversationFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Conversations($first: Int) {\n    conversations(first: $first) {\n      edges {\n        node {\n          name\n          unreadCount\n          participants {\n            username\n          }\n          lastMessage {\n            content\n            sender {\n              username\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Conversations($first: Int) {\n    conversations(first: $first) {\n      edges {\n        node {\n          name\n          unreadCount\n          participants {\n            username\n          }\n          lastMessage {\n            content\n            sender {\n              username\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConversationIds {\n    conversations {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConversationIds {\n    conversations {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConversationOnline($name: String!) {\n    conversation(name: $name) {\n      id\n      online {\n        username\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConversationOnline($name: String!) {\n    conversation(name: $name) {\n      id\n      online {\n        username\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConversationState($name: String!) {\n    conversation(name: $name) {\n      unreadCount\n      lastMessage {\n        id\n      }\n    }\n    unreadCount\n  }\n"): (typeof documents)["\n  query ConversationState($name: String!) {\n    conversation(name: $name) {\n      unreadCount\n      lastMessage {\n        id\n      }\n    }\n    unreadCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConversationUnread($name: String!) {\n    conversation(name: $name) {\n      unreadCount\n    }\n    unreadCount\n  }\n"): (typeof documents)["\n  query ConversationUnread($name: String!) {\n    conversation(name: $name) {\n      unreadCount\n    }\n    unreadCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnreadCount {\n    unreadCount\n  }\n"): (typeof documents)["\n  query UnreadCount {\n    unreadCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnreadCounts {\n    unreadCount\n    conversations(first: 10) {\n      edges {\n        node {\n          name\n          unreadCount\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query UnreadCounts {\n    unreadCount\n    conversations(first: 10) {\n      edges {\n        node {\n          name\n          unreadCount\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkRead($conversation: String!, $upTo: ID) {\n    markRead(conversation: $conversation, upTo: $upTo) {\n      unreadCount\n    }\n  }\n"): (typeof documents)["\n  mutation MarkRead($conversation: String!, $upTo: ID) {\n    markRead(conversation: $conversation, upTo: $upTo) {\n      unreadCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetTyping($conversation: String!, $typing: Boolean!) {\n    setTyping(conversation: $conversation, typing: $typing)\n  }\n"): (typeof documents)["\n  mutation SetTyping($conversation: String!, $typing: Boolean!) {\n    setTyping(conversation: $conversation, typing: $typing)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment GroupFields on Conversation {\n    id\n    name\n    kind\n    isGroup\n    title\n    admins {\n      username\n    }\n    participants {\n      username\n    }\n  }\n"): (typeof documents)["\n  fragment GroupFields on Conversation {\n    id\n    name\n    kind\n    isGroup\n    title\n    admins {\n      username\n    }\n    participants {\n      username\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateGroup($title: String!, $usernames: [String!]!) {\n    createGroup(title: $title, usernames: $usernames) {\n      ...GroupFields\n      unreadCount\n      muted\n    }\n  }\n"): (typeof documents)["\n  mutation CreateGroup($title: String!, $usernames: [String!]!) {\n    createGroup(title: $title, usernames: $usernames) {\n      ...GroupFields\n      unreadCount\n      muted\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartConversationKind($usernames: [String!]) {\n    startConversation(usernames: $usernames) {\n      ...GroupFields\n    }\n  }\n"): (typeof documents)["\n  mutation StartConversationKind($usernames: [String!]) {\n    startConversation(usernames: $usernames) {\n      ...GroupFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Group($name: String!) {\n    conversation(name: $name) {\n      ...GroupFields\n      unreadCount\n      muted\n    }\n    unreadCount\n  }\n"): (typeof documents)["\n  query Group($name: String!) {\n    conversation(name: $name) {\n      ...GroupFields\n      unreadCount\n      muted\n    }\n    unreadCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConversationKinds {\n    conversations(first: 50) {\n      edges {\n        node {\n          name\n          kind\n          title\n          unreadCount\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConversationKinds {\n    conversations(first: 50) {\n      edges {\n        node {\n          name\n          kind\n          title\n          unreadCount\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateConversation($conversation: String!, $title: String) {\n    updateConversation(conversation: $conversation, title: $title) {\n      ...GroupFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateConversation($conversation: String!, $title: String) {\n    updateConversation(conversation: $conversation, title: $title) {\n      ...GroupFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddParticipants($conversation: String!, $usernames: [String!]!) {\n    addParticipants(conversation: $conversation, usernames: $usernames) {\n      ...GroupFields\n    }\n  }\n"): (typeof documents)["\n  mutation AddParticipants($conversation: String!, $usernames: [String!]!) {\n    addParticipants(conversation: $conversation, usernames: $usernames) {\n      ...GroupFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveParticipant($conversation: String!, $username: String!) {\n    removeParticipant(conversation: $conversation, username: $username) {\n      ...GroupFields\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveParticipant($conversation: String!, $username: String!) {\n    removeParticipant(conversation: $conversation, username: $username) {\n      ...GroupFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetAdmin($conversation: String!, $username: String!, $admin: Boolean!) {\n    setAdmin(conversation: $conversation, username: $username, admin: $admin) {\n      ...GroupFields\n    }\n  }\n"): (typeof documents)["\n  mutation SetAdmin($conversation: String!, $username: String!, $admin: Boolean!) {\n    setAdmin(conversation: $conversation, username: $username, admin: $admin) {\n      ...GroupFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LeaveConversation($conversation: String!) {\n    leaveConversation(conversation: $conversation)\n  }\n"): (typeof documents)["\n  mutation LeaveConversation($conversation: String!) {\n    leaveConversation(conversation: $conversation)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription GroupEvents($conversation: String, $after: String) {\n    events(conversation: $conversation, after: $after) {\n      __typename\n      cursor\n      conversation {\n        name\n      }\n      ... on MessageAddedEvent {\n        message {\n          id\n          content\n        }\n      }\n      ... on MembershipChangedEvent {\n        added {\n          username\n        }\n        removed {\n          username\n        }\n      }\n      ... on ConversationUpdatedEvent {\n        conversation {\n          title\n          admins {\n            username\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription GroupEvents($conversation: String, $after: String) {\n    events(conversation: $conversation, after: $after) {\n      __typename\n      cursor\n      conversation {\n        name\n      }\n      ... on MessageAddedEvent {\n        message {\n          id\n          content\n        }\n      }\n      ... on MembershipChangedEvent {\n        added {\n          username\n        }\n        removed {\n          username\n        }\n      }\n      ... on ConversationUpdatedEvent {\n        conversation {\n          title\n          admins {\n            username\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MessageAdded($conversation: String!, $after: String) {\n    messageAdded(conversation: $conversation, after: $after) {\n      id\n      content\n      conversation\n      sender {\n        username\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription MessageAdded($conversation: String!, $after: String) {\n    messageAdded(conversation: $conversation, after: $after) {\n      id\n      content\n      conversation\n      sender {\n        username\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MessageAddedCursor($conversation: String!, $after: String) {\n    messageAdded(conversation: $conversation, after: $after) {\n      id\n      cursor\n      content\n    }\n  }\n"): (typeof documents)["\n  subscription MessageAddedCursor($conversation: String!, $after: String) {\n    messageAdded(conversation: $conversation, after: $after) {\n      id\n      cursor\n      content\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MessageAddedContent($conversation: String!) {\n    messageAdded(conversation: $conversation) {\n      content\n    }\n  }\n"): (typeof documents)["\n  subscription MessageAddedContent($conversation: String!) {\n    messageAdded(conversation: $conversation) {\n      content\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MessageAddedIdContent($conversation: String!) {\n    messageAdded(conversation: $conversation) {\n      id\n      content\n    }\n  }\n"): (typeof documents)["\n  subscription MessageAddedIdContent($conversation: String!) {\n    messageAdded(conversation: $conversation) {\n      id\n      content\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MessageAddedIdContentAfter($conversation: String!, $after: String) {\n    messageAdded(conversation: $conversation, after: $after) {\n      id\n      content\n    }\n  }\n"): (typeof documents)["\n  subscription MessageAddedIdContentAfter($conversation: String!, $after: String) {\n    messageAdded(conversation: $conversation, after: $after) {\n      id\n      content\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MessageAddedFrom($conversation: String!, $after: String) {\n    messageAdded(conversation: $conversation, after: $after) {\n      content\n      sender {\n        username\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription MessageAddedFrom($conversation: String!, $after: String) {\n    messageAdded(conversation: $conversation, after: $after) {\n      content\n      sender {\n        username\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MessageAddedRead($conversation: String!) {\n    messageAdded(conversation: $conversation) {\n      id\n      content\n      sender {\n        username\n      }\n      read\n    }\n  }\n"): (typeof documents)["\n  subscription MessageAddedRead($conversation: String!) {\n    messageAdded(conversation: $conversation) {\n      id\n      content\n      sender {\n        username\n      }\n      read\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MessageAddedFile($conversation: String!, $after: String) {\n    messageAdded(conversation: $conversation, after: $after) {\n      ...FileMessageFields\n    }\n  }\n"): (typeof documents)["\n  subscription MessageAddedFile($conversation: String!, $after: String) {\n    messageAdded(conversation: $conversation, after: $after) {\n      ...FileMessageFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PresenceKind($conversation: String!) {\n    presence(conversation: $conversation) {\n      kind\n    }\n  }\n"): (typeof documents)["\n  subscription PresenceKind($conversation: String!) {\n    presence(conversation: $conversation) {\n      kind\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription Presence($conversation: String!) {\n    presence(conversation: $conversation) {\n      kind\n      conversation\n      user {\n        username\n      }\n      online {\n        username\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription Presence($conversation: String!) {\n    presence(conversation: $conversation) {\n      kind\n      conversation\n      user {\n        username\n      }\n      online {\n        username\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription Typing($conversation: String!) {\n    typing(conversation: $conversation) {\n      conversation\n      user {\n        username\n      }\n      typing\n    }\n  }\n"): (typeof documents)["\n  subscription Typing($conversation: String!) {\n    typing(conversation: $conversation) {\n      conversation\n      user {\n        username\n      }\n      typing\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription TypingUser($conversation: String!) {\n    typing(conversation: $conversation) {\n      user {\n        username\n      }\n      typing\n    }\n  }\n"): (typeof documents)["\n  subscription TypingUser($conversation: String!) {\n    typing(conversation: $conversation) {\n      user {\n        username\n      }\n      typing\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ReadReceipts($conversation: String!) {\n    readReceipts(conversation: $conversation) {\n      conversation\n      user {\n        username\n      }\n      lastReadMessageId\n    }\n  }\n"): (typeof documents)["\n  subscription ReadReceipts($conversation: String!) {\n    readReceipts(conversation: $conversation) {\n      conversation\n      user {\n        username\n      }\n      lastReadMessageId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription UnreadCountEvents {\n    unreadCount {\n      total\n      conversationId\n      conversationUnread\n    }\n  }\n"): (typeof documents)["\n  subscription UnreadCountEvents {\n    unreadCount {\n      total\n      conversationId\n      conversationUnread\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription UnreadCountTotals {\n    unreadCount {\n      total\n      conversationUnread\n    }\n  }\n"): (typeof documents)["\n  subscription UnreadCountTotals {\n    unreadCount {\n      total\n      conversationUnread\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription Notifications {\n    notifications {\n      content\n      conversation\n      sender {\n        username\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription Notifications {\n    notifications {\n      content\n      conversation\n      sender {\n        username\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription NotificationIds {\n    notifications {\n      id\n      content\n    }\n  }\n"): (typeof documents)["\n  subscription NotificationIds {\n    notifications {\n      id\n      content\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription Events($conversation: String, $after: String) {\n    events(conversation: $conversation, after: $after) {\n      __typename\n      cursor\n      conversation {\n        name\n      }\n      ... on MessageAddedEvent {\n        message {\n          id\n          content\n        }\n      }\n      ... on MessageEditedEvent {\n        message {\n          id\n          content\n          editedAt\n        }\n      }\n      ... on MessageDeletedEvent {\n        message {\n          id\n          content\n          deletedAt\n        }\n      }\n      ... on ReactionsChangedEvent {\n        message {\n          id\n          reactions {\n            emoji\n            count\n            mine\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription Events($conversation: String, $after: String) {\n    events(conversation: $conversation, after: $after) {\n      __typename\n      cursor\n      conversation {\n        name\n      }\n      ... on MessageAddedEvent {\n        message {\n          id\n          content\n        }\n      }\n      ... on MessageEditedEvent {\n        message {\n          id\n          content\n          editedAt\n        }\n      }\n      ... on MessageDeletedEvent {\n        message {\n          id\n          content\n          deletedAt\n        }\n      }\n      ... on ReactionsChangedEvent {\n        message {\n          id\n          reactions {\n            emoji\n            count\n            mine\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendMessage($conversation: String!, $content: String!, $clientId: String) {\n    sendMessage(conversation: $conversation, content: $content, clientId: $clientId) {\n      id\n      cursor\n      content\n    }\n  }\n"): (typeof documents)["\n  mutation SendMessage($conversation: String!, $content: String!, $clientId: String) {\n    sendMessage(conversation: $conversation, content: $content, clientId: $clientId) {\n      id\n      cursor\n      content\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendMessageId($conversation: String!, $content: String!) {\n    sendMessage(conversation: $conversation, content: $content) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation SendMessageId($conversation: String!, $content: String!) {\n    sendMessage(conversation: $conversation, content: $content) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MessageFields on Message {\n    id\n    clientId\n    conversation\n    sender {\n      id\n      username\n    }\n    content\n    createdAt\n    readByAll\n    cursor\n  }\n"): (typeof documents)["\n  fragment MessageFields on Message {\n    id\n    clientId\n    conversation\n    sender {\n      id\n      username\n    }\n    content\n    createdAt\n    readByAll\n    cursor\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendMessageDetailed($conversation: String!, $content: String!, $clientId: String) {\n    sendMessage(conversation: $conversation, content: $content, clientId: $clientId) {\n      ...MessageFields\n    }\n  }\n"): (typeof documents)["\n  mutation SendMessageDetailed($conversation: String!, $content: String!, $clientId: String) {\n    sendMessage(conversation: $conversation, content: $content, clientId: $clientId) {\n      ...MessageFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MessagesPageDetailed($conversation: String!, $first: Int, $after: String) {\n    messages(conversation: $conversation, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...MessageFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query MessagesPageDetailed($conversation: String!, $first: Int, $after: String) {\n    messages(conversation: $conversation, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...MessageFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MessagesPage($conversation: String!, $after: String) {\n    messages(conversation: $conversation, first: 100, after: $after) {\n      edges {\n        node {\n          id\n          cursor\n          content\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query MessagesPage($conversation: String!, $after: String) {\n    messages(conversation: $conversation, first: 100, after: $after) {\n      edges {\n        node {\n          id\n          cursor\n          content\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MessageHistory($conversation: String!) {\n    messages(conversation: $conversation) {\n      edges {\n        node {\n          id\n          content\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MessageHistory($conversation: String!) {\n    messages(conversation: $conversation) {\n      edges {\n        node {\n          id\n          content\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MessageIds($conversation: String!, $first: Int) {\n    messages(conversation: $conversation, first: $first) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MessageIds($conversation: String!, $first: Int) {\n    messages(conversation: $conversation, first: $first) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MessageContents($conversation: String!, $first: Int) {\n    messages(conversation: $conversation, first: $first) {\n      edges {\n        node {\n          content\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MessageContents($conversation: String!, $first: Int) {\n    messages(conversation: $conversation, first: $first) {\n      edges {\n        node {\n          content\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MessageReadState($conversation: String!, $first: Int) {\n    messages(conversation: $conversation, first: $first) {\n      edges {\n        node {\n          content\n          readByAll\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MessageReadState($conversation: String!, $first: Int) {\n    messages(conversation: $conversation, first: $first) {\n      edges {\n        node {\n          content\n          readByAll\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendFile($conversation: String!, $file: File!, $content: String) {\n    sendFile(conversation: $conversation, file: $file, content: $content) {\n      id\n      content\n      file {\n        url\n        name\n        size\n        mimeType\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SendFile($conversation: String!, $file: File!, $content: String) {\n    sendFile(conversation: $conversation, file: $file, content: $content) {\n      id\n      content\n      file {\n        url\n        name\n        size\n        mimeType\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FileMessageFields on Message {\n    id\n    cursor\n    clientId\n    content\n    file {\n      url\n      name\n      size\n      mimeType\n    }\n  }\n"): (typeof documents)["\n  fragment FileMessageFields on Message {\n    id\n    cursor\n    clientId\n    content\n    file {\n      url\n      name\n      size\n      mimeType\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendFileDetailed($conversation: String!, $file: File!, $content: String, $clientId: String) {\n    sendFile(conversation: $conversation, file: $file, content: $content, clientId: $clientId) {\n      ...FileMessageFields\n    }\n  }\n"): (typeof documents)["\n  mutation SendFileDetailed($conversation: String!, $file: File!, $content: String, $clientId: String) {\n    sendFile(conversation: $conversation, file: $file, content: $content, clientId: $clientId) {\n      ...FileMessageFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchMessages($query: String!, $conversation: String, $first: Int, $after: String) {\n    searchMessages(query: $query, conversation: $conversation, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          content\n          conversation\n          sender {\n            username\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query SearchMessages($query: String!, $conversation: String, $first: Int, $after: String) {\n    searchMessages(query: $query, conversation: $conversation, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          content\n          conversation\n          sender {\n            username\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EditMessage($id: ID!, $content: String!) {\n    editMessage(id: $id, content: $content) {\n      id\n      content\n      editedAt\n      deletedAt\n      file {\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation EditMessage($id: ID!, $content: String!) {\n    editMessage(id: $id, content: $content) {\n      id\n      content\n      editedAt\n      deletedAt\n      file {\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteMessage($id: ID!) {\n    deleteMessage(id: $id) {\n      id\n      content\n      editedAt\n      deletedAt\n      file {\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteMessage($id: ID!) {\n    deleteMessage(id: $id) {\n      id\n      content\n      editedAt\n      deletedAt\n      file {\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddReaction($messageId: ID!, $emoji: String!) {\n    addReaction(messageId: $messageId, emoji: $emoji) {\n      id\n      reactions {\n        emoji\n        count\n        mine\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AddReaction($messageId: ID!, $emoji: String!) {\n    addReaction(messageId: $messageId, emoji: $emoji) {\n      id\n      reactions {\n        emoji\n        count\n        mine\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveReaction($messageId: ID!, $emoji: String!) {\n    removeReaction(messageId: $messageId, emoji: $emoji) {\n      id\n      reactions {\n        emoji\n        count\n        mine\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveReaction($messageId: ID!, $emoji: String!) {\n    removeReaction(messageId: $messageId, emoji: $emoji) {\n      id\n      reactions {\n        emoji\n        count\n        mine\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Reply($conversation: String!, $content: String!, $replyTo: ID) {\n    sendMessage(conversation: $conversation, content: $content, replyTo: $replyTo) {\n      id\n      content\n      replyTo {\n        id\n        content\n        deletedAt\n        sender {\n          username\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Reply($conversation: String!, $content: String!, $replyTo: ID) {\n    sendMessage(conversation: $conversation, content: $content, replyTo: $replyTo) {\n      id\n      content\n      replyTo {\n        id\n        content\n        deletedAt\n        sender {\n          username\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Thread($conversation: String!) {\n    messages(conversation: $conversation, first: 50) {\n      edges {\n        node {\n          id\n          content\n          deletedAt\n          replyTo {\n            id\n            content\n            deletedAt\n          }\n          reactions {\n            emoji\n            count\n            mine\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Thread($conversation: String!) {\n    messages(conversation: $conversation, first: 50) {\n      edges {\n        node {\n          id\n          content\n          deletedAt\n          replyTo {\n            id\n            content\n            deletedAt\n          }\n          reactions {\n            emoji\n            count\n            mine\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetMuted($conversation: String!, $muted: Boolean!) {\n    setMuted(conversation: $conversation, muted: $muted) {\n      name\n      muted\n      unreadCount\n    }\n  }\n"): (typeof documents)["\n  mutation SetMuted($conversation: String!, $muted: Boolean!) {\n    setMuted(conversation: $conversation, muted: $muted) {\n      name\n      muted\n      unreadCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConversationMuted($name: String!) {\n    conversation(name: $name) {\n      muted\n      unreadCount\n    }\n    unreadCount\n  }\n"): (typeof documents)["\n  query ConversationMuted($name: String!) {\n    conversation(name: $name) {\n      muted\n      unreadCount\n    }\n    unreadCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BlockUser($username: String!) {\n    blockUser(username: $username) {\n      username\n      blocked\n    }\n  }\n"): (typeof documents)["\n  mutation BlockUser($username: String!) {\n    blockUser(username: $username) {\n      username\n      blocked\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnblockUser($username: String!) {\n    unblockUser(username: $username) {\n      username\n      blocked\n    }\n  }\n"): (typeof documents)["\n  mutation UnblockUser($username: String!) {\n    unblockUser(username: $username) {\n      username\n      blocked\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ParticipantsBlocked($name: String!) {\n    conversation(name: $name) {\n      participants {\n        username\n        blocked\n      }\n    }\n  }\n"): (typeof documents)["\n  query ParticipantsBlocked($name: String!) {\n    conversation(name: $name) {\n      participants {\n        username\n        blocked\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsersLastSeen($search: String!) {\n    users(search: $search, first: 10) {\n      edges {\n        node {\n          username\n          lastSeenAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query UsersLastSeen($search: String!) {\n    users(search: $search, first: 10) {\n      edges {\n        node {\n          username\n          lastSeenAt\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;