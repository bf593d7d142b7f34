import { ApolloLink, HttpLink, gql, type OperationVariables, type TypedDocumentNode } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { OperationTypeNode } from 'graphql';
import type { ChatClient } from './chat-client.js';

/**
 * An Apollo Client 4 link: subscriptions over the chat client's socket (authenticated, reconnecting,
 * resuming), everything else over HTTP with the client's fetch (Bearer token, refresh on
 * UNAUTHENTICATED). `new ApolloClient({ link: chatApolloLink(chat), cache: new InMemoryCache() })`.
 */
export function chatApolloLink(chat: Pick<ChatClient, 'ws' | 'fetch' | 'url'>): ApolloLink {
  return ApolloLink.split(
    ({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION,
    new GraphQLWsLink(chat.ws),
    new HttpLink({ uri: chat.url, fetch: chat.fetch }),
  );
}

/** A generated string document (TypedDocumentString) as the DocumentNode Apollo expects, types kept. */
export function apolloDocument<TResult, TVariables extends OperationVariables>(document: { toString(): string; __apiType?: (variables: TVariables) => TResult }): TypedDocumentNode<TResult, TVariables> {
  return gql(String(document)) as TypedDocumentNode<TResult, TVariables>;
}
