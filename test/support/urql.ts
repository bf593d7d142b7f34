import { Client, cacheExchange, fetchExchange, subscriptionExchange, type OperationResult, type OperationResultSource } from '@urql/core';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { TestServer } from './server.js';

export interface UrqlSession {
  client: Client;
  ws: WsClient;
  dispose(): Promise<void>;
}

/**
 * An urql client wired the way a React frontend wires it: cacheExchange, fetchExchange (HTTP, and
 * GraphQL multipart requests when a variable holds a File/Blob), and subscriptionExchange forwarding
 * subscriptions to a graphql-ws client. The token goes in a Bearer header and in connectionParams.
 */
export function urqlSession(server: TestServer, token: string): UrqlSession {
  const ws = createWsClient({
    url: `${server.wsUrl}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  const client = new Client({
    url: `${server.url}/graphql`,
    fetchOptions: () => ({ headers: { authorization: `Bearer ${token}` } }),
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }),
        }),
      }),
    ],
  });
  return {
    client,
    ws,
    dispose: async () => {
      await ws.dispose();
    },
  };
}

/** The results of an urql subscription, awaited one at a time with a timeout. */
export interface ResultStream<T> {
  next(timeoutMs?: number): Promise<OperationResult<T>>;
  unsubscribe(): void;
}

export function resultStream<T>(source: OperationResultSource<OperationResult<T>>): ResultStream<T> {
  const queue: OperationResult<T>[] = [];
  let waiting: ((r: OperationResult<T>) => void) | undefined;
  const { unsubscribe } = source.subscribe((result) => {
    if (waiting) {
      waiting(result);
      waiting = undefined;
    } else queue.push(result);
  });
  return {
    next(timeoutMs = 5000) {
      const queued = queue.shift();
      if (queued) return Promise.resolve(queued);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting = undefined;
          reject(new Error(`no subscription result within ${timeoutMs} ms`));
        }, timeoutMs);
        waiting = (r) => {
          clearTimeout(timer);
          resolve(r);
        };
      });
    },
    unsubscribe,
  };
}
