import { print, type DocumentNode } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { RegisterDocument } from './documents/accounts.js';
import type { Endpoint } from './server.js';

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; [k: string]: unknown } }[];
}

type Doc<T, V> = TypedDocumentNode<T, V> | DocumentNode | string;
const text = (doc: Doc<unknown, unknown>) => (typeof doc === 'string' ? doc : print(doc));

/** POST /graphql with fetch, as a browser would. */
export async function gql<T = Record<string, unknown>, V = Record<string, unknown>>(
  server: Endpoint,
  doc: Doc<T, V>,
  variables?: V,
  token?: string,
): Promise<GraphQLResponse<T> & { status: number }> {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: text(doc), variables }),
  });
  return { status: res.status, ...((await res.json()) as GraphQLResponse<T>) };
}

/** Like gql, but fails the test on any error and returns data. */
export async function gqlOk<T = Record<string, unknown>, V = Record<string, unknown>>(
  server: Endpoint,
  doc: Doc<T, V>,
  variables?: V,
  token?: string,
): Promise<T> {
  const res = await gql(server, doc, variables, token);
  if (res.errors?.length || !res.data) throw new Error(`GraphQL error: ${JSON.stringify(res.errors)}`);
  return res.data;
}

export function errorCode(res: GraphQLResponse<unknown>): string | undefined {
  return res.errors?.[0]?.extensions?.code;
}

export interface TestUser {
  id: string;
  username: string;
  access: string;
  refresh: string;
}

let counter = 0;
/** Registers a fresh user (unique name per call) and returns its tokens. */
export async function registerUser(server: Endpoint, prefix = 'user'): Promise<TestUser> {
  counter += 1;
  const username = `${prefix}${counter}-${process.pid}`;
  const data = await gqlOk(server, RegisterDocument, { username, password: 'correct horse battery' });
  return { ...data.register.user, access: data.register.access, refresh: data.register.refresh };
}

/** A graphql-ws client (the library browsers use) authenticated with connectionParams. */
export function wsClient(server: Endpoint, token?: string, connectionParams?: Record<string, unknown>): Client {
  return createClient({
    url: `${server.wsUrl}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: connectionParams ?? (token ? { authorization: `Bearer ${token}` } : {}),
    retryAttempts: 0,
    lazy: true,
  });
}

/** A subscription whose events can be awaited one at a time, with a timeout. */
export interface Subscription<T> {
  next(timeoutMs?: number): Promise<GraphQLResponse<T>>;
  /** Resolves true if no event arrives within `ms` (use sparingly: only to prove absence). */
  quiet(ms: number): Promise<boolean>;
  close(): Promise<void>;
}

export function subscribe<T = Record<string, unknown>, V = Record<string, unknown>>(client: Client, doc: Doc<T, V>, variables?: V): Subscription<T> {
  const iterator = client.iterate<T>({ query: text(doc), variables: variables as Record<string, unknown> | undefined });
  let pending: Promise<IteratorResult<GraphQLResponse<T>>> | null = null;
  const pull = () => (pending ??= iterator.next() as Promise<IteratorResult<GraphQLResponse<T>>>);
  return {
    async next(timeoutMs = 5000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no subscription event within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        const result = await Promise.race([pull(), timeout]);
        pending = null;
        if (result.done) throw new Error('subscription completed');
        return result.value;
      } catch (e) {
        // graphql-ws rejects the iterator with the operation's errors: surface them as a response
        if (Array.isArray(e)) {
          pending = null;
          return { errors: e as GraphQLResponse<T>['errors'] };
        }
        throw e;
      } finally {
        clearTimeout(timer);
      }
    },
    async quiet(ms) {
      let timer: NodeJS.Timeout | undefined;
      const idle = new Promise<'idle'>((resolve) => {
        timer = setTimeout(() => resolve('idle'), ms);
      });
      const winner = await Promise.race([pull().then(() => 'event' as const), idle]);
      clearTimeout(timer);
      return winner === 'idle';
    },
    async close() {
      await iterator.return?.();
    },
  };
}
