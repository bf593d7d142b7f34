import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from 'pino';
import type { Limits } from '../config.js';
import { bearerToken } from '../auth/tokens.js';
import { isDomainError } from '../errors.js';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import type { TokenAuth } from '../modules/users/users.service.js';
import type { Services } from '../modules/services.js';
import type { Yoga } from './graphql.js';
import { boundedWebSocketClass } from './sockets/bounded-websocket.js';
import { WS_CLOSE } from './sockets/close-codes.js';
import { keepSocketsAlive } from './sockets/keepalive.js';
import type { SessionEnd, SocketSessions } from './sockets/socket-sessions.js';
import { socketReady } from './sockets/socket-ready.js';
import type { WriteCoalescer } from './sockets/write-coalescer.js';
import type { SubscriptionFanout, FanoutTarget } from './subscription-fanout.js';
import type { ServerMeter } from './meter.js';
import { watchSocket } from './sockets/socket-log.js';
import { OperationLog, operationOf, type OperationEnd } from './operation-log.js';
import type { GraphQLContext } from '../schema/context.js';

interface RootValue {
  execute: (args: ExecutionArgs) => unknown;
  subscribe: (args: ExecutionArgs) => unknown;
  /** where the shared fan-out sends this subscription's events */
  target: FanoutTarget;
}

export interface GraphQLWsDeps {
  yoga: Yoga;
  services: Services;
  limits: Limits;
  log: Logger;
  fanout: SubscriptionFanout;
  writes: WriteCoalescer;
  sockets: SocketSessions;
  /** metrics (connections, frames, subscriptions, limits) */
  meter?: ServerMeter;
  /** one log line per subscription when it ends */
  operations: OperationLog;
}

export interface GraphQLWsServer {
  /** Takes an upgrade of /graphql. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Closes every socket (1001) and stops accepting. */
  close(): Promise<void>;
}

/** What the server knows of one socket beyond graphql-ws's context. */
interface SocketState {
  /** an operation or the connection_init token authenticated a user */
  authenticated: boolean;
  deadline: NodeJS.Timeout | undefined;
  /** live subscriptions by operation id: how to end each one's log line and count */
  subscriptions: Map<string, Subscription>;
}

interface Subscription {
  end(e?: OperationEnd): void;
  context: GraphQLContext;
  /** counted as live (its feed is open) until this is called */
  live: (() => void) | undefined;
}

/**
 * graphql-ws on /graphql, run through Yoga's enveloped pipeline so the same context, auth, limits and
 * error masking apply as over HTTP. The token comes from connectionParams (`authorization: "Bearer …"`
 * or `token`), the socket URL's `?token=`, or an operation's own `extensions.headers.Authorization`
 * (GraphiQL's Headers tab). A token given at connection_init is checked there (refused: 4403); a
 * socket without one must authenticate an operation within WS_AUTH_TIMEOUT_SECONDS (else 4401).
 */
export function createGraphQLWebSocketServer(deps: GraphQLWsDeps): GraphQLWsServer {
  const { limits, log, sockets, meter } = deps;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.wsFrameMaxBytes,
    WebSocket: boundedWebSocketClass(
      limits.wsSendBufferMaxBytes,
      (_ws, bufferedBytes) => {
        meter?.limited('ws_send_buffer');
        log.warn({ dialect: 'graphql-ws', bufferedBytes }, 'socket closed: the client reads too slowly');
      },
      meter ? () => meter.frameSent('graphql-ws') : undefined,
    ),
  });
  const stopPings = keepSocketsAlive(wss, limits.wsPingIntervalSeconds * 1000);
  const states = new WeakMap<WebSocket, SocketState>();
  const stateOf = (ws: WebSocket) => states.get(ws) ?? { authenticated: false, deadline: undefined, subscriptions: new Map() };
  /** Ends a subscription's log line and count (when it completes, fails, or its socket closes). */
  const ended = (ws: WebSocket, id: string, e: OperationEnd = {}) => {
    const subscriptions = stateOf(ws).subscriptions;
    const sub = subscriptions.get(id);
    if (!sub) return;
    subscriptions.delete(id);
    sub.live?.();
    sub.end({ ...e, userId: sub.context.knownViewer()?.id });
  };

  /**
   * Holds the socket as the user's until its token expires or its session ends (then 4403); a socket
   * already held is renewed by a fresh token of its user. At the user's cap it is closed with 4429.
   */
  const authenticated = (ws: WebSocket, auth: TokenAuth): boolean => {
    const state = stateOf(ws);
    if (state.authenticated) return sockets.renew(ws, auth);
    const end = (why: SessionEnd) => ws.close(WS_CLOSE.forbidden, why === 'expired' ? 'token expired' : 'session ended');
    if (!sockets.claim(ws, auth, end)) {
      meter?.limited('ws_connections_per_user');
      ws.close(WS_CLOSE.tooManyConnections, 'too many connections');
      return false;
    }
    state.authenticated = true;
    clearTimeout(state.deadline);
    return true;
  };

  useServer(
    {
      // close reasons never carry an error's text
      isProd: true,
      // graphql-ws accepts the server's own message types from a client and then fails on them (4500):
      // they are a bad message (4400) like any other
      jsonMessageReviver: (key, value: unknown) => {
        if (key === '' && typeof value === 'object' && value !== null && SERVER_ONLY.has((value as { type?: unknown }).type)) {
          throw new Error('a message type only the server sends');
        }
        return value;
      },
      execute: (args) => (args.rootValue as RootValue).execute(args) as never,
      subscribe: async (args) => {
        const root = args.rootValue as RootValue;
        const shared = deps.fanout.accepts(args) ? await deps.fanout.subscribe(args, root.target) : null;
        return (shared ?? root.subscribe(args)) as never;
      },
      onConnect: async (ctx) => {
        const ws = ctx.extra.socket;
        const token = socketToken(ctx.connectionParams, ctx.extra.request);
        if (token === null) {
          const state = stateOf(ws);
          state.deadline = setTimeout(() => {
            if (!state.authenticated) ws.close(WS_CLOSE.unauthorized, 'Unauthorized');
          }, limits.wsAuthTimeoutMs);
          ws.once('close', () => clearTimeout(state.deadline));
          return true;
        }
        try {
          return authenticated(ws, await deps.services.users.authenticateToken(token));
        } catch (e) {
          if (isDomainError(e) && e.code === 'UNAUTHENTICATED') return false; // 4403
          if (isDatabaseUnavailable(e)) log.warn({ err: e }, 'graphql-ws connection could not be authenticated: the database does not answer');
          else log.error({ err: e }, 'graphql-ws connection could not be authenticated');
          ws.close(WS_CLOSE.tryAgainLater, 'try again later');
          return false;
        }
      },
      // a fresh token in a ping's payload renews the socket before its token expires: {"type":"ping","payload":{"token":"…"}}
      onPing: async (ctx, payload) => {
        const token = typeof payload?.token === 'string' ? payload.token : null;
        const ws = ctx.extra.socket;
        if (!token || !stateOf(ws).authenticated) return;
        const auth = await deps.services.users.authenticateToken(token).catch(() => null);
        if (auth) authenticated(ws, auth);
      },
      onSubscribe: async (ctx, id, payload) => {
        const ws = ctx.extra.socket;
        // the operation being subscribed is already counted
        if (Object.keys(ctx.subscriptions).length > limits.wsSubscriptionsPerConnection) {
          meter?.limited('ws_subscriptions_per_connection');
          return [
            new GraphQLError(`At most ${limits.wsSubscriptionsPerConnection} operations at once on one connection: complete one first.`, {
              extensions: { code: 'LIMIT_EXCEEDED', limit: limits.wsSubscriptionsPerConnection },
            }),
          ];
        }
        const req = ctx.extra.request;
        const token = operationToken(payload.extensions) ?? socketToken(ctx.connectionParams, req);
        const { schema, execute, subscribe, contextFactory, parse, validate } = deps.yoga.getEnveloped({ req, socketToken: token, params: payload });
        // parse and validate run the document limits (graphql-armor), which throw: an operation's error, not the connection's
        let document;
        try {
          document = parse(payload.query);
          const errors = validate(schema, document);
          if (errors.length > 0) return errors;
        } catch (e) {
          return [e instanceof GraphQLError ? e : new GraphQLError('The operation could not be parsed.', { extensions: { code: 'BAD_USER_INPUT' } })];
        }
        const contextValue = await contextFactory();
        const op = operationOf(document, payload.operationName);
        if (op?.type === 'subscription') {
          // queries and mutations are logged by the operation-log plugin, in Yoga's pipeline
          stateOf(ws).subscriptions.set(id, {
            context: contextValue,
            end: deps.operations.begin({ transport: 'graphql-ws', type: 'subscription', name: op.name }),
            live: undefined,
          });
        }
        if (token !== null) {
          // an operation that authenticates makes the socket its user's (and lifts the deadline), or renews it
          const auth = await contextValue.auth().catch(() => null);
          if (auth && !authenticated(ws, auth) && !stateOf(ws).authenticated) {
            return [new GraphQLError('Too many connections for this user.', { extensions: { code: 'LIMIT_EXCEEDED', limit: limits.wsConnectionsPerUser } })];
          }
        }
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue,
          rootValue: { execute, subscribe, target: socketTarget(ws, id, deps.writes, limits.wsSendBufferMaxBytes / 4) } satisfies RootValue,
        };
      },
      // a subscription refused at once (a result, not a stream) is over
      onOperation: async (ctx, id, _payload, _args, pending) => {
        const result = await pending;
        if (!(Symbol.asyncIterator in result)) return ended(ctx.extra.socket, id, { errors: result.errors });
        // its feed is open: events from now on reach it
        const sub = stateOf(ctx.extra.socket).subscriptions.get(id);
        if (sub && !sub.live) sub.live = meter?.subscriptionStarted('graphql-ws');
      },
      onError: (ctx, id, _payload, errors) => ended(ctx.extra.socket, id, { errors }),
      onComplete: (ctx, id) => ended(ctx.extra.socket, id),
    },
    wss,
    // keepalive pings are ours (WS_PING_INTERVAL_SECONDS, both dialects), not graphql-ws's own
    0,
  );

  return {
    handleUpgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => {
        states.set(ws, { authenticated: false, deadline: undefined, subscriptions: new Map() });
        watchSocket(ws, 'graphql-ws', log, meter, (w) => sockets.userOf(w));
        wss.emit('connection', ws, req);
        // graphql-ws answers a socket error (a client's malformed frame: ws closes it with 1002/1007/1009
        // itself) by printing it to the console; it is the client's fault, not news for the operator
        ws.removeAllListeners('error');
        ws.on('error', (err) => log.debug({ err }, 'graphql-ws socket error'));
      });
    },
    async close() {
      stopPings();
      for (const ws of wss.clients) ws.close(WS_CLOSE.goingAway, 'server shutting down');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

const FRAME_END = Buffer.from('}');
const SERVER_ONLY = new Set<unknown>(['connection_ack', 'next', 'error']);

/** Frames a rendered payload the way graphql-ws does (`{"id","type":"next","payload"}`) and sends it. */
function socketTarget(socket: WebSocket, id: string, writes: WriteCoalescer, lowWater: number): FanoutTarget {
  const head = Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":`);
  return {
    sendNext(payload) {
      if (socket.readyState !== socket.OPEN) return;
      // one copy of bytes already encoded, rather than encoding the whole text again for every socket
      writes.send(socket, Buffer.concat([head, payload, FRAME_END], head.length + payload.length + 1));
    },
    ready: () => socketReady(socket, lowWater),
  };
}

/** The socket's token: connectionParams `authorization: "Bearer …"` or `token`, else the URL's `?token=`; null: none. */
function socketToken(params: Record<string, unknown> | undefined, req: IncomingMessage): string | null {
  const auth = params?.authorization ?? params?.Authorization;
  if (typeof auth === 'string') return auth.replace(/^Bearer\s+/i, '').trim() || null;
  if (typeof params?.token === 'string') return params.token || null;
  const url = new URL(req.url ?? '/', 'http://localhost');
  return url.searchParams.get('token');
}

/** An operation's own `extensions.headers.Authorization` (what GraphiQL sends from its Headers tab). */
function operationToken(extensions: Record<string, unknown> | null | undefined): string | null {
  const headers = extensions?.headers;
  if (typeof headers !== 'object' || headers === null) return null;
  const entry = Object.entries(headers).find(([name]) => name.toLowerCase() === 'authorization');
  return typeof entry?.[1] === 'string' ? (bearerToken(entry[1]) ?? null) : null;
}
