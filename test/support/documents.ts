import { graphql } from '../gql/index.js';

/**
 * Typed documents for the client tests, compiled by `npm run codegen` into test/gql/ (the generated
 * `graphql()` looks each one up by its exact text, so edit here, then regenerate).
 */

export const MeDocument = graphql(`
  query Me {
    me {
      id
      username
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

export const StartConversationDocument = graphql(`
  mutation StartConversation($usernames: [String!]) {
    startConversation(usernames: $usernames) {
      id
      name
    }
  }
`);

export const SendMessageDocument = graphql(`
  mutation SendMessage($conversation: String!, $content: String!, $clientId: String) {
    sendMessage(conversation: $conversation, content: $content, clientId: $clientId) {
      id
      cursor
      content
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
