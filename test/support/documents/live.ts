import { graphql } from '../../gql/index.js';

/** Subscriptions (graphql-ws). */

export const MessageAddedDocument = graphql(`
  subscription MessageAdded($conversation: String!, $after: String) {
    messageAdded(conversation: $conversation, after: $after) {
      id
      content
      conversation
      sender {
        username
      }
    }
  }
`);

export const MessageAddedCursorDocument = graphql(`
  subscription MessageAddedCursor($conversation: String!, $after: String) {
    messageAdded(conversation: $conversation, after: $after) {
      id
      cursor
      content
    }
  }
`);

export const MessageAddedContentDocument = graphql(`
  subscription MessageAddedContent($conversation: String!) {
    messageAdded(conversation: $conversation) {
      content
    }
  }
`);

export const MessageAddedIdContentDocument = graphql(`
  subscription MessageAddedIdContent($conversation: String!) {
    messageAdded(conversation: $conversation) {
      id
      content
    }
  }
`);

export const MessageAddedIdContentAfterDocument = graphql(`
  subscription MessageAddedIdContentAfter($conversation: String!, $after: String) {
    messageAdded(conversation: $conversation, after: $after) {
      id
      content
    }
  }
`);

export const MessageAddedFromDocument = graphql(`
  subscription MessageAddedFrom($conversation: String!, $after: String) {
    messageAdded(conversation: $conversation, after: $after) {
      content
      sender {
        username
      }
    }
  }
`);

export const MessageAddedReadDocument = graphql(`
  subscription MessageAddedRead($conversation: String!) {
    messageAdded(conversation: $conversation) {
      id
      content
      sender {
        username
      }
      read
    }
  }
`);

export const MessageAddedFileDocument = graphql(`
  subscription MessageAddedFile($conversation: String!, $after: String) {
    messageAdded(conversation: $conversation, after: $after) {
      ...FileMessageFields
    }
  }
`);

export const PresenceKindDocument = graphql(`
  subscription PresenceKind($conversation: String!) {
    presence(conversation: $conversation) {
      kind
    }
  }
`);

export const PresenceDocument = graphql(`
  subscription Presence($conversation: String!) {
    presence(conversation: $conversation) {
      kind
      conversation
      user {
        username
      }
      online {
        username
      }
    }
  }
`);

export const TypingDocument = graphql(`
  subscription Typing($conversation: String!) {
    typing(conversation: $conversation) {
      conversation
      user {
        username
      }
      typing
    }
  }
`);

/** Who is typing, without the conversation: what the multi-node test compares. */
export const TypingUserDocument = graphql(`
  subscription TypingUser($conversation: String!) {
    typing(conversation: $conversation) {
      user {
        username
      }
      typing
    }
  }
`);

export const ReadReceiptsDocument = graphql(`
  subscription ReadReceipts($conversation: String!) {
    readReceipts(conversation: $conversation) {
      conversation
      user {
        username
      }
      lastReadMessageId
    }
  }
`);

export const UnreadCountEventsDocument = graphql(`
  subscription UnreadCountEvents {
    unreadCount {
      total
      conversationId
      conversationUnread
    }
  }
`);

export const UnreadCountTotalsDocument = graphql(`
  subscription UnreadCountTotals {
    unreadCount {
      total
      conversationUnread
    }
  }
`);

export const NotificationsDocument = graphql(`
  subscription Notifications {
    notifications {
      content
      conversation
      sender {
        username
      }
    }
  }
`);

export const NotificationIdsDocument = graphql(`
  subscription NotificationIds {
    notifications {
      id
      content
    }
  }
`);

/** The change log (`events`): every kind, with what each carries. */
export const EventsDocument = graphql(`
  subscription Events($conversation: String, $after: String) {
    events(conversation: $conversation, after: $after) {
      __typename
      cursor
      conversation {
        name
      }
      ... on MessageAddedEvent {
        message {
          id
          content
        }
      }
      ... on MessageEditedEvent {
        message {
          id
          content
          editedAt
        }
      }
      ... on MessageDeletedEvent {
        message {
          id
          content
          deletedAt
        }
      }
      ... on ReactionsChangedEvent {
        message {
          id
          reactions {
            emoji
            count
            mine
          }
        }
      }
    }
  }
`);
