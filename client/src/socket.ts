import { createClient, type Client, type ClientOptions, type FormattedExecutionResult, type Sink, type SubscribePayload } from 'graphql-ws/client';
import { backoffDelay, sleep, type BackoffOptions } from './backoff.js';
import { SessionEndedError, asGraphQLErrors, isTokenRejection } from './errors.js';
import { randomId } from './ids.js';
import { ResumeState, resumeByAfterVariable, type ResumeRule, type ResumeSpec } from './resume.js';
import type { TokenManager } from './tokens.js';

/** Close codes after which reconnecting cannot help (graphql-ws gives up on its own fatal ones too). */
const NEVER_RETRY = new Set([
  4429, // too many connections / initialisation requests
  4400, // bad request
  4401, // unauthorised (no connection_init accepted)
  4406, // subprotocol not acceptable
  4409, // subscriber already exists
]);

/** The server closes a socket with this code when its token is invalid or has expired. */
const TOKEN_REJECTED = 4403;

export interface ChatSocketOptions {
  /** ws(s)://host/graphql */
  url: string;
  tokens: TokenManager;
  /** the WebSocket class outside browsers (e.g. `ws` on Node 20) */
  webSocketImpl?: unknown;
  /** reconnect timing: unbounded attempts, capped backoff with jitter; default 500 ms doubling to 15 s */
  reconnect?: BackoffOptions;
  /**
   * Liveness: a ping every intervalMs; no pong within timeoutMs ends the socket at once (a dead
   * network often never closes a socket by itself). Default 15 s / 5 s; false: off.
   */
  keepAlive?: { intervalMs: number; timeoutMs: number } | false;
  /** which subscriptions resume from their last cursor; default: those declaring `$after` */
  resume?: ResumeRule;
  /** graphql-ws events (connected, closed, …) */
  on?: ClientOptions['on'];
}

export interface SubscribeOptions {
  /** a resume spec for this subscription, or false to never resume it; default: the socket's rule */
  resume?: ResumeSpec<never> | false;
}

/**
 * A graphql-ws Client (so it drops into urql's subscriptionExchange and Apollo's GraphQLWsLink) that
 * - authenticates every (re)connect with a fresh access token (connectionParams is asked again on
 *   each connection; after a 4403 close the token is refreshed first);
 * - reconnects without limit (capped backoff, jitter) after drops, 1001 (server restart), 1013 (too
 *   slow), 4403, but not after fatal codes such as 4429;
 * - resumes subscriptions that take a cursor: graphql-ws re-sends a subscription's original payload
 *   on every reconnect; here each subscribe message is rewritten as it is serialised so it carries
 *   the cursor of the last event delivered, and duplicates are dropped by id (ADR 030);
 * - retries a subscription once with a refreshed token when the server answers UNAUTHENTICATED.
 */
export interface ChatSocket extends Client {
  subscribe<Data = Record<string, unknown>, Extensions = unknown>(
    payload: SubscribePayload,
    sink: Sink<FormattedExecutionResult<Data, Extensions>>,
    options?: SubscribeOptions,
  ): () => void;
  iterate<Data = Record<string, unknown>, Extensions = unknown>(payload: SubscribePayload, options?: SubscribeOptions): AsyncIterableIterator<FormattedExecutionResult<Data, Extensions>>;
  /** Closes the current connection at once; open subscriptions reconnect (and resume). */
  restart(): void;
  /** Ends a pending reconnect wait now (e.g. the network is back). */
  wake(): void;
  /** true while a connection is acknowledged */
  readonly connected: boolean;
}

export function createChatSocket(options: ChatSocketOptions): ChatSocket {
  const { tokens } = options;
  const reconnect = options.reconnect ?? { baseMs: 500, maxMs: 15_000 };
  const keepAlive = options.keepAlive === undefined ? { intervalMs: 15_000, timeoutMs: 5_000 } : options.keepAlive;
  const rule = options.resume ?? resumeByAfterVariable;

  /** resume state per payload object handed to graphql-ws, then per subscription id */
  const statesByPayload = new WeakMap<object, ResumeState>();
  const statesById = new Map<string, ResumeState>();
  /** the access token the current connection was opened with */
  let socketToken: string | null = null;
  /** set by a 4403 close: refresh before the next connection */
  let rejectedToken: string | null = null;
  let connected = false;
  let wakeUp: () => void = () => {};
  let wakeSignal = new Promise<void>((resolve) => (wakeUp = resolve));
  let pongTimer: ReturnType<typeof setTimeout> | undefined;

  const wake = () => {
    wakeUp();
    wakeSignal = new Promise<void>((resolve) => (wakeUp = resolve));
  };
  const onOnline = () => wake();
  const events = globalThis as { addEventListener?: (type: string, fn: () => void) => void; removeEventListener?: (type: string, fn: () => void) => void };
  events.addEventListener?.('online', onOnline);

  const client = createClient({
    url: options.url,
    ...(options.webSocketImpl ? { webSocketImpl: options.webSocketImpl } : {}),
    lazy: true,
    lazyCloseTimeout: 1000,
    retryAttempts: Number.POSITIVE_INFINITY,
    retryWait: (attempt) => sleep(backoffDelay(attempt, reconnect), wakeSignal),
    shouldRetry: (errOrClose) => {
      if (errOrClose instanceof SessionEndedError) return false;
      const code = (errOrClose as { code?: unknown } | null)?.code;
      return !(typeof code === 'number' && NEVER_RETRY.has(code));
    },
    keepAlive: keepAlive ? keepAlive.intervalMs : 0,
    connectionParams: async () => {
      if (rejectedToken !== null) {
        const rejected = rejectedToken;
        rejectedToken = null;
        await tokens.afterRejection(rejected);
      }
      const access = await tokens.accessToken();
      socketToken = access;
      return access ? { authorization: `Bearer ${access}` } : {};
    },
    generateID: (payload) => {
      const id = randomId();
      const state = statesByPayload.get(payload);
      if (state) statesById.set(id, state);
      return id;
    },
    // Every subscribe message, the first and each one graphql-ws re-sends after a reconnect, passes
    // through here as it is serialised: a resumable one leaves with the latest cursor.
    jsonMessageReplacer: (key, value: unknown) => {
      if (key !== '' || !isSubscribeMessage(value)) return value;
      const state = statesById.get(value.id);
      if (!state?.cursor) return value;
      return { ...value, payload: { ...value.payload, variables: state.variables(value.payload.variables) } };
    },
    on: {
      ...options.on,
      connected: (socket, payload, wasRetry) => {
        connected = true;
        options.on?.connected?.(socket, payload, wasRetry);
      },
      closed: (event) => {
        connected = false;
        clearTimeout(pongTimer);
        if ((event as { code?: unknown } | null)?.code === TOKEN_REJECTED) rejectedToken = socketToken;
        options.on?.closed?.(event);
      },
      ping: (received, payload) => {
        if (!received && keepAlive) {
          clearTimeout(pongTimer);
          pongTimer = setTimeout(() => client.terminate(), keepAlive.timeoutMs);
        }
        options.on?.ping?.(received, payload);
      },
      pong: (received, payload) => {
        if (received) clearTimeout(pongTimer);
        options.on?.pong?.(received, payload);
      },
    },
  });

  function subscribe<Data, Extensions>(payload: SubscribePayload, sink: Sink<FormattedExecutionResult<Data, Extensions>>, subscribeOptions?: SubscribeOptions): () => void {
    const spec = subscribeOptions?.resume === false ? null : ((subscribeOptions?.resume as ResumeSpec | undefined) ?? rule(payload));
    const state = spec ? new ResumeState(spec, payload.variables) : null;
    let disposed = false;
    let stop: () => void = () => {};
    let authRetried = false;

    const start = () => {
      const own: SubscribePayload = state ? { ...payload, variables: state.variables(payload.variables) ?? null } : { ...payload };
      if (state) statesByPayload.set(own, state);
      const usedToken = socketToken;
      /** this attempt ended in a token rejection that is being retried: its end is not the sink's */
      let superseded = false;
      const forget = () => {
        for (const [id, s] of statesById) if (s === state) statesById.delete(id);
      };
      // A token the server no longer takes (expired since the connection opened, or revoked): refresh,
      // reconnect with the new one and subscribe again, once. graphql-ws reports it as an `error`
      // message, or (a resolver's refusal) as a `next` without data followed by `complete`.
      const retryAfterRejection = (errors: unknown): boolean => {
        if (disposed || authRetried || !isTokenRejection(asGraphQLErrors(errors))) return false;
        authRetried = true;
        superseded = true;
        forget();
        tokens.afterRejection(usedToken).then(
          (fresh) => {
            if (disposed) return;
            if (socketToken !== fresh) client.terminate();
            start();
          },
          (e: unknown) => sink.error(e),
        );
        return true;
      };
      stop = client.subscribe<Data, Extensions>(own, {
        next: (result) => {
          if (superseded) return;
          if (result.data == null && result.errors && retryAfterRejection(result.errors)) return;
          if (state && !state.accept(result)) return;
          if (result.data != null) authRetried = false;
          sink.next(result);
        },
        error: (error) => {
          if (superseded || retryAfterRejection(error)) return;
          forget();
          sink.error(error);
        },
        complete: () => {
          if (superseded) return;
          forget();
          sink.complete();
        },
      });
    };
    start();
    return () => {
      disposed = true;
      stop();
      for (const [id, s] of statesById) if (s === state) statesById.delete(id);
    };
  }

  const socket: ChatSocket = {
    on: client.on,
    subscribe,
    iterate<Data = Record<string, unknown>, Extensions = unknown>(payload: SubscribePayload, subscribeOptions?: SubscribeOptions) {
      return iterate<Data, Extensions>((sink) => subscribe(payload, sink, subscribeOptions));
    },
    dispose: async () => {
      clearTimeout(pongTimer);
      events.removeEventListener?.('online', onOnline);
      try {
        await client.dispose();
      } catch (e) {
        // graphql-ws's dispose awaits a reconnect in progress, which fails with a close event when no
        // subscription is left to want it (1000 "All Subscriptions Gone"): closing is what was asked
        if (typeof (e as { code?: unknown } | null)?.code !== 'number') throw e;
      }
    },
    terminate: () => client.terminate(),
    restart: () => client.terminate(),
    wake,
    get connected() {
      return connected;
    },
  };
  return socket;
}

function isSubscribeMessage(value: unknown): value is { id: string; type: 'subscribe'; payload: SubscribePayload } {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'subscribe' && typeof (value as { id?: unknown }).id === 'string';
}

/** An async iterator over a sink-based subscription (graphql-ws's `iterate`). */
function iterate<Data, Extensions>(run: (sink: Sink<FormattedExecutionResult<Data, Extensions>>) => () => void): AsyncIterableIterator<FormattedExecutionResult<Data, Extensions>> {
  const pending: FormattedExecutionResult<Data, Extensions>[] = [];
  let done = false;
  let failure: { error: unknown } | null = null;
  let notify: () => void = () => {};
  const dispose = run({
    next: (value) => {
      pending.push(value);
      notify();
    },
    error: (error) => {
      failure = { error };
      done = true;
      notify();
    },
    complete: () => {
      done = true;
      notify();
    },
  });
  const iterator: AsyncIterableIterator<FormattedExecutionResult<Data, Extensions>> = {
    async next() {
      while (pending.length === 0 && !done) await new Promise<void>((resolve) => (notify = resolve));
      const value = pending.shift();
      if (value !== undefined) return { done: false, value };
      if (failure) throw failure.error;
      return { done: true, value: undefined };
    },
    async return() {
      done = true;
      dispose();
      notify();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
