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
    "\n  query Me {\n    me {\n      id\n      username\n    }\n  }\n": typeof types.MeDocument,
    "\n  query Conversations($first: Int) {\n    conversations(first: $first) {\n      edges {\n        node {\n          name\n          unreadCount\n          participants {\n            username\n          }\n          lastMessage {\n            content\n            sender {\n              username\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ConversationsDocument,
    "\n  mutation StartConversation($usernames: [String!]) {\n    startConversation(usernames: $usernames) {\n      id\n      name\n    }\n  }\n": typeof types.StartConversationDocument,
    "\n  mutation SendMessage($conversation: String!, $content: String!, $clientId: String) {\n    sendMessage(conversation: $conversation, content: $content, clientId: $clientId) {\n      id\n      cursor\n      content\n    }\n  }\n": typeof types.SendMessageDocument,
    "\n  mutation SendFile($conversation: String!, $file: File!, $content: String) {\n    sendFile(conversation: $conversation, file: $file, content: $content) {\n      id\n      content\n      file {\n        url\n        name\n        size\n        mimeType\n      }\n    }\n  }\n": typeof types.SendFileDocument,
    "\n  subscription MessageAdded($conversation: String!, $after: String) {\n    messageAdded(conversation: $conversation, after: $after) {\n      id\n      content\n      conversation\n      sender {\n        username\n      }\n    }\n  }\n": typeof types.MessageAddedDocument,
};
const documents: Documents = {
    "\n  query Me {\n    me {\n      id\n      username\n    }\n  }\n": types.MeDocument,
    "\n  query Conversations($first: Int) {\n    conversations(first: $first) {\n      edges {\n        node {\n          name\n          unreadCount\n          participants {\n            username\n          }\n          lastMessage {\n            content\n            sender {\n              username\n            }\n          }\n        }\n      }\n    }\n  }\n": types.ConversationsDocument,
    "\n  mutation StartConversation($usernames: [String!]) {\n    startConversation(usernames: $usernames) {\n      id\n      name\n    }\n  }\n": types.StartConversationDocument,
    "\n  mutation SendMessage($conversation: String!, $content: String!, $clientId: String) {\n    sendMessage(conversation: $conversation, content: $content, clientId: $clientId) {\n      id\n      cursor\n      content\n    }\n  }\n": types.SendMessageDocument,
    "\n  mutation SendFile($conversation: String!, $file: File!, $content: String) {\n    sendFile(conversation: $conversation, file: $file, content: $content) {\n      id\n      content\n      file {\n        url\n        name\n        size\n        mimeType\n      }\n    }\n  }\n": types.SendFileDocument,
    "\n  subscription MessageAdded($conversation: String!, $after: String) {\n    messageAdded(conversation: $conversation, after: $after) {\n      id\n      content\n      conversation\n      sender {\n        username\n      }\n    }\n  }\n": types.MessageAddedDocument,
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
export function graphql(source: "\n  query Me {\n    me {\n      id\n      username\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      username\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Conversations($first: Int) {\n    conversations(first: $first) {\n      edges {\n        node {\n          name\n          unreadCount\n          participants {\n            username\n          }\n          lastMessage {\n            content\n            sender {\n              username\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Conversations($first: Int) {\n    conversations(first: $first) {\n      edges {\n        node {\n          name\n          unreadCount\n          participants {\n            username\n          }\n          lastMessage {\n            content\n            sender {\n              username\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartConversation($usernames: [String!]) {\n    startConversation(usernames: $usernames) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation StartConversation($usernames: [String!]) {\n    startConversation(usernames: $usernames) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendMessage($conversation: String!, $content: String!, $clientId: String) {\n    sendMessage(conversation: $conversation, content: $content, clientId: $clientId) {\n      id\n      cursor\n      content\n    }\n  }\n"): (typeof documents)["\n  mutation SendMessage($conversation: String!, $content: String!, $clientId: String) {\n    sendMessage(conversation: $conversation, content: $content, clientId: $clientId) {\n      id\n      cursor\n      content\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendFile($conversation: String!, $file: File!, $content: String) {\n    sendFile(conversation: $conversation, file: $file, content: $content) {\n      id\n      content\n      file {\n        url\n        name\n        size\n        mimeType\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SendFile($conversation: String!, $file: File!, $content: String) {\n    sendFile(conversation: $conversation, file: $file, content: $content) {\n      id\n      content\n      file {\n        url\n        name\n        size\n        mimeType\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MessageAdded($conversation: String!, $after: String) {\n    messageAdded(conversation: $conversation, after: $after) {\n      id\n      content\n      conversation\n      sender {\n        username\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription MessageAdded($conversation: String!, $after: String) {\n    messageAdded(conversation: $conversation, after: $after) {\n      id\n      content\n      conversation\n      sender {\n        username\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;