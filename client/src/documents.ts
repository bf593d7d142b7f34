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
          id
          name
          isGroup
          unreadCount
          muted
          lastActivityAt
          participants {
            id
            username
          }
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
      id
      name
      isGroup
      unreadCount
      muted
      lastActivityAt
      participants {
        id
        username
      }
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
