import type { IncomingMessage } from 'node:http';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError, getOperationAST, type ExecutionArgs } from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Limits } from '../config.js';
import type { Db } from '../db/database.js';
import { DomainError } from '../errors.js';
import { asDomainError } from '../db/unavailable.js';
import { bearerToken } from '../auth/tokens.js';
import type { Services } from '../modules/services.js';
import type { Viewer } from '../modules/types.js';
import type { TokenAuth } from '../modules/users/users.service.js';
import type { GraphQLContext } from '../schema/context.js';
import { buildSchema } from '../schema/index.js';

/** What the transports hand Yoga: the node request (HTTP) or the socket's token (graphql-ws). */
export interface ServerContext {
  req: IncomingMessage;
  /** set on graphql-ws: the token from connectionParams or `?token=` (null: none given) */
  socketToken?: string | null;
}

export type Yoga = YogaServerInstance<ServerContext, GraphQLContext>;

export interface GraphQLDeps {
  services: Services;
  db: Db;
  limits: Limits;
  log: Logger;
  originOf(req: IncomingMessage): string;
  /** the client's address (TRUSTED_PROXY_HOPS), for per-address limits */
  addressOf(req: IncomingMessage): string;
  /** counts an error answered to a client, by code (metrics) */
  countError?(code: string): void;
  /** logs one line per operation (query/mutation: when it is answered) */
  operationLog?: Plugin;
}

export function createGraphQL(deps: GraphQLDeps): Yoga {
  return createYoga<ServerContext, GraphQLContext>({
    schema: buildSchema(),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    // CORS is the HTTP front's (src/server/cors.ts: CORS_ORIGINS, never with credentials), for every route alike
    cors: false,
    // GraphiQL is served by the HTTP front, compressed and cacheable (src/server/graphiql-route.ts)
    graphiql: false,
    // Multipart bodies are parsed (streaming) by graphql-upload-minimal before Yoga sees them.
    multipart: false,
    // Bodies reach Yoga already read and bounded by HTTP_BODY_MAX_BYTES (src/server/http.ts); Yoga's own
    // limit would pipe every body through one more stream.
    maxRequestBodySize: false,
    logging: {
      debug: (...a) => deps.log.debug(a.map(String).join(' ')),
      info: (...a) => deps.log.info(a.map(String).join(' ')),
      warn: (...a) => deps.log.warn(a.map(String).join(' ')),
      // Unexpected errors are logged by toClientError; Yoga's own reports of client errors are debug noise.
      error: (...a) => deps.log.debug(a.map(String).join(' ')),
    },
    maskedErrors: { maskError: (error, message) => toClientError(error, message, deps.log, deps.countError) },
    plugins: [
      // Queries and mutations run as JavaScript compiled once per document (graphql-jit) instead of
      // graphql-js's interpreter: about 2.6× the requests/s on a page of 50 messages (ADR 013).
      // Subscriptions stay on graphql-js (graphql-jit 0.8's subscribe fails on our resolvers; their
      // events are rendered once per group anyway, src/server/subscription-fanout.ts).
      useGraphQlJit(
        {},
        {
          enableIf: (args) => getOperationAST(args.document, args.operationName)?.operation !== 'subscription',
          onError: (result) => deps.log.debug({ errors: result.errors }, 'graphql-jit could not compile a document'),
        },
      ),
      ...(deps.operationLog ? [deps.operationLog] : []),
      EnvelopArmorPlugin({
        maxDepth: { n: deps.limits.graphqlMaxDepth },
        maxTokens: { n: deps.limits.graphqlMaxTokens },
        maxAliases: { n: 30 },
        maxDirectives: { n: 50 },
        costLimit: { maxCost: 5000 },
        blockFieldSuggestion: { enabled: false },
      }),
    ],
    context: ({ req, socketToken, request }) => {
      const token = socketToken !== undefined ? socketToken : bearerToken(request.headers.get('authorization'));
      let auth: Promise<TokenAuth> | undefined;
      let known: Viewer | undefined;
      const authenticate = () =>
        (auth ??= deps.services.users.authenticateToken(token).then((a) => {
          known = a.viewer;
          return a;
        }));
      return {
        services: deps.services,
        db: deps.db,
        origin: deps.originOf(req),
        transport: socketToken !== undefined ? ('graphql-ws' as const) : ('http' as const),
        requestOrigin: { address: deps.addressOf(req) },
        auth: authenticate,
        viewer: () => authenticate().then((a) => a.viewer),
        knownViewer: () => known,
      };
    },
  });
}

/** DomainError → its code; GraphQL's own errors pass; anything else is logged and masked. */
export function toClientError(error: unknown, message: string, log: Logger, counted?: (code: string) => void): GraphQLError {
  const masked = clientError(error, message, log);
  counted?.(typeof masked.extensions?.code === 'string' ? masked.extensions.code : 'GRAPHQL_ERROR');
  return masked;
}

function clientError(error: unknown, message: string, log: Logger): GraphQLError {
  const raw = error instanceof GraphQLError ? error.originalError : error;
  const gqlError = error instanceof GraphQLError ? error : undefined;
  // a database that did not answer is the client's to retry, not a bug to mask
  const original = raw !== undefined && !(raw instanceof GraphQLError) ? (asDomainError(raw) ?? raw) : raw;
  if (original instanceof DomainError) {
    return new GraphQLError(original.message, {
      nodes: gqlError?.nodes,
      path: gqlError?.path,
      extensions: {
        code: original.code,
        ...(original.details.field ? { field: original.details.field } : {}),
        ...(original.details.reason ? { reason: original.details.reason } : {}),
        ...(original.details.retryAfter !== undefined ? { retryAfter: original.details.retryAfter } : {}),
      },
    });
  }
  if (gqlError && (!original || original instanceof GraphQLError)) {
    return original instanceof GraphQLError ? new GraphQLError(original.message, { nodes: gqlError.nodes, path: gqlError.path, extensions: original.extensions }) : gqlError;
  }
  log.error({ err: original }, 'unexpected error in a GraphQL operation');
  return new GraphQLError(message, { nodes: gqlError?.nodes, path: gqlError?.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}

export const UNEXPECTED_ERROR_MESSAGE = 'Unexpected error.';

export type { ExecutionArgs };
