import { gql, subscriptionExchange, type AnyVariables, type Exchange, type TypedDocumentNode } from '@urql/core';
import type { ChatClient } from './chat-client.js';

/**
 * urql's subscriptionExchange over the chat client's socket: subscriptions authenticate, reconnect
 * and resume (those declaring `$after`) as the core does. Put it after fetchExchange; give urql the
 * client's `fetch` so HTTP requests carry (and refresh) the token too:
 *
 *   new Client({ url, fetch: chat.fetch, exchanges: [cacheExchange, fetchExchange, chatSubscriptionExchange(chat)] })
 */
export function chatSubscriptionExchange(chat: Pick<ChatClient, 'ws'>): Exchange {
  return subscriptionExchange({
    forwardSubscription: (request) => ({
      subscribe: (sink) => ({
        unsubscribe: chat.ws.subscribe({ query: request.query ?? '', variables: request.variables ?? null, ...(request.operationName ? { operationName: request.operationName } : {}) }, sink),
      }),
    }),
  });
}

/**
 * A generated string document (TypedDocumentString) as the DocumentNode urql expects, types kept:
 * `client.query(urqlDocument(MessagesDocument), { conversation })`. urql takes a plain string too, but
 * not a String object, and a plain string loses the types.
 */
export function urqlDocument<TResult, TVariables extends AnyVariables>(document: { toString(): string; __apiType?: (variables: TVariables) => TResult }): TypedDocumentNode<TResult, TVariables> {
  return gql<TResult, TVariables>(String(document));
}
