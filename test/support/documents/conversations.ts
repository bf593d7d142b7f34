import { graphql } from '../../gql/index.js';

/** Conversations, the viewer's list of them, and unread counts. */

export const StartConversationDocument = graphql(`
  mutation StartConversation($usernames: [String!]) {
    startConversation(usernames: $usernames) {
      id
      name
    }
  }
`);

/** Every field of a conversation, as the conversation tests compare them. */
export const ConversationFieldsFragment = graphql(`
  fragment ConversationFields on Conversation {
    id
    name
    isGroup
    participants {
      id
      username
    }
    online {
      id
      username
    }
    unreadCount
    lastMessage {
      content
      sender {
        username
      }
    }
  }
`);

export const StartConversationDetailedDocument = graphql(`
  mutation StartConversationDetailed($usernames: [String!], $userIds: [ID!]) {
    startConversation(usernames: $usernames, userIds: $userIds) {
      ...ConversationFields
    }
  }
`);

export const ConversationDetailedDocument = graphql(`
  query ConversationDetailed($name: String!) {
    conversation(name: $name) {
      ...ConversationFields
    }
  }
`);

export const ConversationsPageDocument = graphql(`
  query ConversationsPage($first: Int, $after: String) {
    conversations(first: $first, after: $after) {
      edges {
        cursor
        node {
          ...ConversationFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const ConversationsDocument = graphql(`
  query Conversations($first: Int) {
    conversations(first: $first) {
      edges {
        node {
          name
          unreadCount
          participants {
            username
          }
          lastMessage {
            content
            sender {
              username
            }
          }
        }
      }
    }
  }
`);

export const ConversationIdsDocument = graphql(`
  query ConversationIds {
    conversations {
      edges {
        node {
          id
        }
      }
    }
  }
`);

export const ConversationOnlineDocument = graphql(`
  query ConversationOnline($name: String!) {
    conversation(name: $name) {
      id
      online {
        username
      }
    }
  }
`);

/** What a refused call must leave unchanged: a conversation's unread state and its last message. */
export const ConversationStateDocument = graphql(`
  query ConversationState($name: String!) {
    conversation(name: $name) {
      unreadCount
      lastMessage {
        id
      }
    }
    unreadCount
  }
`);

/** The viewer's unread count of one conversation and in total. */
export const ConversationUnreadDocument = graphql(`
  query ConversationUnread($name: String!) {
    conversation(name: $name) {
      unreadCount
    }
    unreadCount
  }
`);

export const UnreadCountDocument = graphql(`
  query UnreadCount {
    unreadCount
  }
`);

/** The total and each of the viewer's first ten conversations' unread counts. */
export const UnreadCountsDocument = graphql(`
  query UnreadCounts {
    unreadCount
    conversations(first: 10) {
      edges {
        node {
          name
          unreadCount
        }
      }
    }
  }
`);

export const MarkReadDocument = graphql(`
  mutation MarkRead($conversation: String!, $upTo: ID) {
    markRead(conversation: $conversation, upTo: $upTo) {
      unreadCount
    }
  }
`);

export const SetTypingDocument = graphql(`
  mutation SetTyping($conversation: String!, $typing: Boolean!) {
    setTyping(conversation: $conversation, typing: $typing)
  }
`);
