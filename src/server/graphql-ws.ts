import type { IncomingMessage } from 'node:http';
import type { ExecutionArgs } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Limits } from '../config.js';
import type { Yoga } from './graphql.js';

interface Enveloped {
  execute: (args: ExecutionArgs) => unknown;
  subscribe: (args: ExecutionArgs) => unknown;
}

/**
 * graphql-ws on /graphql, run through Yoga's enveloped pipeline so the same context, auth, limits and
 * error masking apply as over HTTP. The token comes from connectionParams (`authorization: "Bearer …"`
 * or `token`) or the socket URL's `?token=`.
 */
export function createGraphQLWebSocketServer(yoga: Yoga, limits: Limits): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.wsFrameMaxBytes });
  useServer(
    {
      execute: (args) => (args.rootValue as Enveloped).execute(args) as never,
      subscribe: (args) => (args.rootValue as Enveloped).subscribe(args) as never,
      onSubscribe: async (ctx, _id, payload) => {
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
          rootValue: { execute, subscribe },
        };
      },
    },
    wss,
  );
  return wss;
}

function tokenFrom(params: Record<string, unknown> | undefined, req: IncomingMessage): string | null {
  const auth = params?.authorization ?? params?.Authorization;
  if (typeof auth === 'string') return auth.replace(/^Bearer\s+/i, '').trim() || null;
  if (typeof params?.token === 'string') return params.token || null;
  const url = new URL(req.url ?? '/', 'http://localhost');
  return url.searchParams.get('token');
}
