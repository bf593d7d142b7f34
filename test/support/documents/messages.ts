import { graphql } from '../../gql/index.js';

/** Sending messages and files, and reading history. */

export const SendMessageDocument = graphql(`
  mutation SendMessage($conversation: String!, $content: String!, $clientId: String) {
    sendMessage(conversation: $conversation, content: $content, clientId: $clientId) {
      id
      cursor
      content
    }
  }
`);

/** A send that answers with the id alone (floods: no need to read each text back). */
export const SendMessageIdDocument = graphql(`
  mutation SendMessageId($conversation: String!, $content: String!) {
    sendMessage(conversation: $conversation, content: $content) {
      id
    }
  }
`);

/** Every field of a message, as the message tests compare them. */
export const MessageFieldsFragment = graphql(`
  fragment MessageFields on Message {
    id
    clientId
    conversation
    sender {
      id
      username
    }
    content
    createdAt
    readByAll
    cursor
  }
`);

export const SendMessageDetailedDocument = graphql(`
  mutation SendMessageDetailed($conversation: String!, $content: String!, $clientId: String) {
    sendMessage(conversation: $conversation, content: $content, clientId: $clientId) {
      ...MessageFields
    }
  }
`);

export const MessagesPageDetailedDocument = graphql(`
  query MessagesPageDetailed($conversation: String!, $first: Int, $after: String) {
    messages(conversation: $conversation, first: $first, after: $after) {
      edges {
        cursor
        node {
          ...MessageFields
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
`);

/** One page of 100 for walking a whole history. */
export const MessagesPageDocument = graphql(`
  query MessagesPage($conversation: String!, $after: String) {
    messages(conversation: $conversation, first: 100, after: $after) {
      edges {
        node {
          id
          cursor
          content
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** The default page of a history, ids and texts. */
export const MessageHistoryDocument = graphql(`
  query MessageHistory($conversation: String!) {
    messages(conversation: $conversation) {
      edges {
        node {
          id
          content
        }
      }
    }
  }
`);

export const MessageIdsDocument = graphql(`
  query MessageIds($conversation: String!, $first: Int) {
    messages(conversation: $conversation, first: $first) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

export const MessageContentsDocument = graphql(`
  query MessageContents($conversation: String!, $first: Int) {
    messages(conversation: $conversation, first: $first) {
      edges {
        node {
          content
        }
      }
    }
  }
`);

export const MessageReadStateDocument = graphql(`
  query MessageReadState($conversation: String!, $first: Int) {
    messages(conversation: $conversation, first: $first) {
      edges {
        node {
          content
          readByAll
        }
      }
    }
  }
`);

export const SendFileDocument = graphql(`
  mutation SendFile($conversation: String!, $file: File!, $content: String) {
    sendFile(conversation: $conversation, file: $file, content: $content) {
      id
      content
      file {
        url
        name
        size
        mimeType
      }
    }
  }
`);

/** What the file tests select on a file message (FileMessage in upload.ts). */
export const FileMessageFieldsFragment = graphql(`
  fragment FileMessageFields on Message {
    id
    cursor
    clientId
    content
    file {
      url
      name
      size
      mimeType
    }
  }
`);

export const SendFileDetailedDocument = graphql(`
  mutation SendFileDetailed($conversation: String!, $file: File!, $content: String, $clientId: String) {
    sendFile(conversation: $conversation, file: $file, content: $content, clientId: $clientId) {
      ...FileMessageFields
    }
  }
`);

/** Search: what the search tests compare (content and where it was said). */
export const SearchMessagesDocument = graphql(`
  query SearchMessages($query: String!, $conversation: String, $first: Int, $after: String) {
    searchMessages(query: $query, conversation: $conversation, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          content
          conversation
          sender {
            username
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

export const EditMessageDocument = graphql(`
  mutation EditMessage($id: ID!, $content: String!) {
    editMessage(id: $id, content: $content) {
      id
      content
      editedAt
      deletedAt
      file {
        name
      }
    }
  }
`);

export const DeleteMessageDocument = graphql(`
  mutation DeleteMessage($id: ID!) {
    deleteMessage(id: $id) {
      id
      content
      editedAt
      deletedAt
      file {
        name
      }
    }
  }
`);

export const AddReactionDocument = graphql(`
  mutation AddReaction($messageId: ID!, $emoji: String!) {
    addReaction(messageId: $messageId, emoji: $emoji) {
      id
      reactions {
        emoji
        count
        mine
      }
    }
  }
`);

export const RemoveReactionDocument = graphql(`
  mutation RemoveReaction($messageId: ID!, $emoji: String!) {
    removeReaction(messageId: $messageId, emoji: $emoji) {
      id
      reactions {
        emoji
        count
        mine
      }
    }
  }
`);

export const ReplyDocument = graphql(`
  mutation Reply($conversation: String!, $content: String!, $replyTo: ID) {
    sendMessage(conversation: $conversation, content: $content, replyTo: $replyTo) {
      id
      content
      replyTo {
        id
        content
        deletedAt
        sender {
          username
        }
      }
    }
  }
`);

/** History with what the lifecycle tests look at: replies and reactions. */
export const ThreadDocument = graphql(`
  query Thread($conversation: String!) {
    messages(conversation: $conversation, first: 50) {
      edges {
        node {
          id
          content
          deletedAt
          replyTo {
            id
            content
            deletedAt
          }
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
