import { graphql } from './gql/index.js';

/**
 * Ready-made typed documents for the common operations (the client uses the auth and send ones
 * itself). Compiled by `npm run codegen` into src/gql/ from ../schema.graphql: the generated
 * `graphql()` looks each one up by its exact text, so edit here, then regenerate.
 */

export const ChatMessageFields = graphql(`
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
`);

/** A conversation as a list shows it: a named group's title and admins too (null and none for the rest). */
export const ChatConversationFields = graphql(`
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
`);

export const RegisterDocument = graphql(`
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
`);

export const LoginDocument = graphql(`
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
`);

export const RefreshTokenDocument = graphql(`
  mutation RefreshToken($refresh: String!) {
    refreshToken(refresh: $refresh) {
      access
      refresh
    }
  }
`);

export const MeDocument = graphql(`
  query Me {
    me {
      id
      username
    }
  }
`);

export const ConversationsDocument = graphql(`
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
`);

export const StartConversationDocument = graphql(`
  mutation StartConversation($usernames: [String!]) {
    startConversation(usernames: $usernames) {
      ...ChatConversationFields
    }
  }
`);

/** Mutes (or unmutes) a conversation for the viewer: its count stays, it leaves the total and notifications. */
export const SetMutedDocument = graphql(`
  mutation SetMuted($conversation: String!, $muted: Boolean!) {
    setMuted(conversation: $conversation, muted: $muted) {
      id
      muted
      unreadCount
    }
  }
`);

export const MessagesDocument = graphql(`
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
`);

export const SendMessageDocument = graphql(`
  mutation SendMessage($conversation: String!, $content: String!, $clientId: String) {
    sendMessage(conversation: $conversation, content: $content, clientId: $clientId) {
      ...ChatMessageFields
    }
  }
`);

export const SendFileDocument = graphql(`
  mutation SendFile($conversation: String!, $file: File!, $content: String, $clientId: String) {
    sendFile(conversation: $conversation, file: $file, content: $content, clientId: $clientId) {
      ...ChatMessageFields
    }
  }
`);

export const MarkReadDocument = graphql(`
  mutation MarkRead($conversation: String!, $upTo: ID) {
    markRead(conversation: $conversation, upTo: $upTo) {
      id
      name
      unreadCount
    }
  }
`);

export const SetTypingDocument = graphql(`
  mutation SetTyping($conversation: String!, $typing: Boolean!) {
    setTyping(conversation: $conversation, typing: $typing)
  }
`);

export const MessageAddedDocument = graphql(`
  subscription MessageAdded($conversation: String!, $after: String) {
    messageAdded(conversation: $conversation, after: $after) {
      ...ChatMessageFields
    }
  }
`);

export const TypingDocument = graphql(`
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
`);

export const PresenceDocument = graphql(`
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
`);

export const ReadReceiptsDocument = graphql(`
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
`);

export const UnreadCountDocument = graphql(`
  subscription UnreadCount {
    unreadCount {
      total
      conversationId
      conversationUnread
    }
  }
`);

export const NotificationsDocument = graphql(`
  subscription Notifications {
    notifications {
      ...ChatMessageFields
    }
  }
`);

/** One conversation of the viewer (null when they are not, or no longer, a participant). */
export const ConversationDocument = graphql(`
  query Conversation($name: String!) {
    conversation(name: $name) {
      ...ChatConversationFields
      lastMessage {
        ...ChatMessageFields
      }
    }
  }
`);

/** A named group of the viewer (its first admin) and the named users. */
export const CreateGroupDocument = graphql(`
  mutation CreateGroup($title: String!, $usernames: [String!]!) {
    createGroup(title: $title, usernames: $usernames) {
      ...ChatConversationFields
    }
  }
`);

export const UpdateConversationDocument = graphql(`
  mutation UpdateConversation($conversation: String!, $title: String) {
    updateConversation(conversation: $conversation, title: $title) {
      ...ChatConversationFields
    }
  }
`);

export const AddParticipantsDocument = graphql(`
  mutation AddParticipants($conversation: String!, $usernames: [String!]!) {
    addParticipants(conversation: $conversation, usernames: $usernames) {
      ...ChatConversationFields
    }
  }
`);

export const RemoveParticipantDocument = graphql(`
  mutation RemoveParticipant($conversation: String!, $username: String!) {
    removeParticipant(conversation: $conversation, username: $username) {
      ...ChatConversationFields
    }
  }
`);

export const SetAdminDocument = graphql(`
  mutation SetAdmin($conversation: String!, $username: String!, $admin: Boolean!) {
    setAdmin(conversation: $conversation, username: $username, admin: $admin) {
      ...ChatConversationFields
    }
  }
`);

export const LeaveConversationDocument = graphql(`
  mutation LeaveConversation($conversation: String!) {
    leaveConversation(conversation: $conversation)
  }
`);

/**
 * Changes of the viewer's named groups (members, title, admins), across all their conversations;
 * message changes come on it too (only their cursor is selected). Resumed by the client with `after`.
 */
export const ConversationEventsDocument = graphql(`
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
`);
