import type { IncomingMessage } from 'node:http';
import type { ExecutionArgs } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Limits } from '../config.js';
import type { Yoga } from './graphql.js';
import { keepSocketsAlive } from './keepalive.js';
import type { SubscriptionFanout, FanoutTarget } from './subscription-fanout.js';
import type { WriteCoalescer } from './write-coalescer.js';

interface RootValue {
  execute: (args: ExecutionArgs) => unknown;
  subscribe: (args: ExecutionArgs) => unknown;
  /** where the shared fan-out sends this subscription's events */
  target: FanoutTarget;
}

/**
 * graphql-ws on /graphql, run through Yoga's enveloped pipeline so the same context, auth, limits and
 * error masking apply as over HTTP. The token comes from connectionParams (`authorization: "Bearer …"`
 * or `token`) or the socket URL's `?token=`.
 */
export function createGraphQLWebSocketServer(yoga: Yoga, limits: Limits, fanout: SubscriptionFanout, writes: WriteCoalescer): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.wsFrameMaxBytes });
  wss.once('close', keepSocketsAlive(wss, limits.wsPingIntervalSeconds * 1000));
  useServer(
    {
      execute: (args) => (args.rootValue as RootValue).execute(args) as never,
      subscribe: async (args) => {
        const root = args.rootValue as RootValue;
        const shared = fanout.accepts(args) ? await fanout.subscribe(args, root.target) : null;
        return (shared ?? root.subscribe(args)) as never;
      },
      onSubscribe: async (ctx, id, payload) => {
        const req = ctx.extra.request;
        const socketToken = tokenFrom(ctx.connectionParams, req);
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({ req, socketToken, params: payload });
        let document;
        try {
          document = parse(payload.query);
        } catch (e) {
          return [e as never];
        }
        const errors = validate(schema, document);
        if (errors.length > 0) return errors;
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe, target: socketTarget(ctx.extra.socket, id, writes) } satisfies RootValue,
        };
      },
    },
    wss,
  );
  return wss;
}

const FRAME_END = Buffer.from('}');

/** Frames a rendered payload the way graphql-ws does (`{"id","type":"next","payload"}`) and sends it. */
function socketTarget(socket: WebSocket, id: string, writes: WriteCoalescer): FanoutTarget {
  const head = Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":`);
  return {
    sendNext(payload) {
      if (socket.readyState !== socket.OPEN) return;
      // one copy of bytes already encoded, rather than encoding the whole text again for every socket
      writes.send(socket, Buffer.concat([head, payload, FRAME_END], head.length + payload.length + 1));
    },
  };
}

function tokenFrom(params: Record<string, unknown> | undefined, req: IncomingMessage): string | null {
  const auth = params?.authorization ?? params?.Authorization;
  if (typeof auth === 'string') return auth.replace(/^Bearer\s+/i, '').trim() || null;
  if (typeof params?.token === 'string') return params.token || null;
  const url = new URL(req.url ?? '/', 'http://localhost');
  return url.searchParams.get('token');
}
