import type { ClientOptions, FormattedExecutionResult, Sink } from 'graphql-ws/client';
import type { BackoffOptions } from './backoff.js';
import { LoginDocument, RefreshTokenDocument, RegisterDocument, SendFileDocument, SendMessageDocument } from './documents.js';
import type { ChatMessageFieldsFragment, LoginMutation } from './gql/graphql.js';
import { createAuthFetch, postGraphQL, type DocumentInput, type FetchLike, type RequestOptions } from './http.js';
import { Outbox, type OutboxOptions } from './outbox.js';
import type { ResumeRule } from './resume.js';
import { createChatSocket, type ChatSocket, type SubscribeOptions } from './socket.js';
import { TokenManager, type TokenManagerOptions, type TokenStorage, type Tokens } from './tokens.js';

export interface ChatClientOptions {
  /** the GraphQL endpoint over HTTP, e.g. http://localhost:8000/graphql (or "/graphql" in a browser) */
  url: string;
  /** the graphql-ws endpoint; default: `url` with ws(s): */
  wsUrl?: string;
  /** default: globalThis.fetch */
  fetch?: FetchLike;
  /** the WebSocket class outside browsers (`ws` on Node 20) */
  webSocketImpl?: unknown;
  /** a pair from an earlier session (or use `storage`) */
  tokens?: Tokens | null;
  storage?: TokenStorage;
  onTokens?(tokens: Tokens | null): void;
  onSessionEnded?: TokenManagerOptions['onSessionEnded'];
  refreshAheadMs?: TokenManagerOptions['refreshAheadMs'];
  /** socket reconnect timing (unbounded attempts) */
  reconnect?: BackoffOptions;
  keepAlive?: { intervalMs: number; timeoutMs: number } | false;
  /** which subscriptions resume from their last cursor; default: those declaring `$after` */
  resume?: ResumeRule;
  /** per HTTP request (queries, mutations, refreshes); default 15 s */
  requestTimeoutMs?: number;
  outbox?: OutboxOptions;
  /** graphql-ws events (connected, closed, …) */
  on?: ClientOptions['on'];
}

export type SentMessage = ChatMessageFieldsFragment;
export type AuthUser = LoginMutation['login']['user'];

/** The client: tokens, an authenticated fetch, a resuming socket, an outbox. Framework-free. */
export interface ChatClient {
  readonly tokens: TokenManager;
  /** fetch with the Bearer token and one refresh-and-retry on UNAUTHENTICATED (for urql/Apollo HTTP) */
  readonly fetch: FetchLike;
  /** the graphql-ws Client (resuming, authenticating, reconnecting) */
  readonly ws: ChatSocket;
  readonly outbox: Outbox<SentMessage>;
  readonly url: string;
  request<TResult, TVariables extends Record<string, unknown>>(
    document: DocumentInput<TResult, TVariables>,
    variables?: TVariables,
    options?: RequestOptions & { files?: Record<string, Blob> },
  ): Promise<TResult>;
  subscribe<TResult, TVariables extends Record<string, unknown>>(
    document: DocumentInput<TResult, TVariables>,
    variables: TVariables,
    sink: Partial<Sink<FormattedExecutionResult<TResult>>>,
    options?: SubscribeOptions,
  ): () => void;
  /** The same as an async iterator (`for await`; `break` ends the subscription). */
  iterate<TResult, TVariables extends Record<string, unknown>>(
    document: DocumentInput<TResult, TVariables>,
    variables: TVariables,
    options?: SubscribeOptions,
  ): AsyncIterableIterator<FormattedExecutionResult<TResult>>;
  login(username: string, password: string): Promise<AuthUser>;
  register(username: string, password: string): Promise<AuthUser>;
  /** Forgets the tokens (and closes the socket). */
  logout(): Promise<void>;
  dispose(): Promise<void>;
}

export function createChatClient(options: ChatClientOptions): ChatClient {
  const baseFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const url = options.url;
  const wsUrl = options.wsUrl ?? toWebSocketUrl(url);
  const timeoutMs = options.requestTimeoutMs ?? 15_000;

  const tokens = new TokenManager({
    tokens: options.tokens ?? null,
    ...(options.storage ? { storage: options.storage } : {}),
    ...(options.onTokens ? { onTokens: options.onTokens } : {}),
    ...(options.onSessionEnded ? { onSessionEnded: options.onSessionEnded } : {}),
    ...(options.refreshAheadMs ? { refreshAheadMs: options.refreshAheadMs } : {}),
    exchange: async (refresh) => {
      const data = await postGraphQL<{ refreshToken: Tokens }>(baseFetch, url, { query: String(RefreshTokenDocument), variables: { refresh } }, { timeoutMs });
      return { access: data.refreshToken.access, refresh: data.refreshToken.refresh };
    },
  });
  const authFetch = createAuthFetch(tokens, baseFetch);
  const ws = createChatSocket({
    url: wsUrl,
    tokens,
    ...(options.webSocketImpl ? { webSocketImpl: options.webSocketImpl } : {}),
    ...(options.reconnect ? { reconnect: options.reconnect } : {}),
    ...(options.keepAlive !== undefined ? { keepAlive: options.keepAlive } : {}),
    ...(options.resume ? { resume: options.resume } : {}),
    on: {
      ...options.on,
      connected: (...args) => {
        // the network is back: sends waiting between retries go now
        outbox.wake();
        options.on?.connected?.(...args);
      },
    },
  });
  const outbox = new Outbox<SentMessage>(async (entry, attemptTimeoutMs) => {
    if (entry.file) {
      const data = await postGraphQL<{ sendFile: SentMessage }>(
        authFetch,
        url,
        { query: String(SendFileDocument), variables: { conversation: entry.conversation, content: entry.content || null, clientId: entry.clientId }, files: { file: entry.file } },
        { timeoutMs: attemptTimeoutMs },
      );
      return data.sendFile;
    }
    const data = await postGraphQL<{ sendMessage: SentMessage }>(
      authFetch,
      url,
      { query: String(SendMessageDocument), variables: { conversation: entry.conversation, content: entry.content, clientId: entry.clientId } },
      { timeoutMs: attemptTimeoutMs },
    );
    return data.sendMessage;
  }, options.outbox);

  // a browser that is back online: sends waiting between retries go now (the socket wakes on its own)
  const onOnline = () => outbox.wake();
  const events = globalThis as { addEventListener?: (type: string, fn: () => void) => void; removeEventListener?: (type: string, fn: () => void) => void };
  events.addEventListener?.('online', onOnline);

  const authenticate = async (document: typeof LoginDocument | typeof RegisterDocument, field: 'login' | 'register', username: string, password: string) => {
    const data = await postGraphQL<Record<typeof field, { access: string; refresh: string; user: AuthUser }>>(
      baseFetch,
      url,
      { query: String(document), variables: { username, password } },
      { timeoutMs },
    );
    const { access, refresh, user } = data[field];
    tokens.set({ access, refresh });
    // a socket opened for another user (or none) must not carry on
    ws.restart();
    return user;
  };

  return {
    tokens,
    fetch: authFetch,
    ws,
    outbox,
    url,
    request: (document, variables, requestOptions) =>
      postGraphQL(
        authFetch,
        url,
        { query: String(document), variables, ...(requestOptions?.files ? { files: requestOptions.files } : {}) },
        { timeoutMs: requestOptions?.timeoutMs ?? timeoutMs, ...(requestOptions?.signal ? { signal: requestOptions.signal } : {}) },
      ),
    subscribe: (document, variables, sink, subscribeOptions) =>
      ws.subscribe(
        { query: String(document), variables },
        {
          next: (value) => sink.next?.(value as FormattedExecutionResult<never>),
          error: (error) => sink.error?.(error),
          complete: () => sink.complete?.(),
        },
        subscribeOptions,
      ),
    iterate: <TResult, TVariables extends Record<string, unknown>>(document: DocumentInput<TResult, TVariables>, variables: TVariables, subscribeOptions?: SubscribeOptions) =>
      ws.iterate<TResult, Record<string, unknown>>({ query: String(document), variables }, subscribeOptions),
    login: (username, password) => authenticate(LoginDocument, 'login', username, password),
    register: (username, password) => authenticate(RegisterDocument, 'register', username, password),
    logout: async () => {
      tokens.set(null);
      ws.restart();
    },
    dispose: async () => {
      events.removeEventListener?.('online', onOnline);
      tokens.dispose();
      await ws.dispose();
    },
  };
}

/** http://h/graphql → ws://h/graphql; a path ("/graphql") is taken relative to the page. */
export function toWebSocketUrl(httpUrl: string): string {
  const base = (globalThis as { location?: { href: string } }).location?.href;
  const url = base ? new URL(httpUrl, base) : new URL(httpUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}
