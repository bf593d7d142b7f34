import { getOperationAST, type DocumentNode, type GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { GraphQLContext } from '../schema/context.js';
import type { ServerMeter } from './meter.js';
import { asDomainError } from '../db/unavailable.js';

export type OperationTransport = 'http' | 'sse' | 'graphql-ws';

export interface OperationStart {
  transport: OperationTransport;
  type: string;
  name: string | null;
}

export interface OperationEnd {
  userId?: number | undefined;
  errors?: readonly GraphQLError[] | undefined;
  /** a failure that is not a GraphQL error (a stream that broke): its code */
  failure?: string;
}

export interface OperationCounter {
  operation(type: string, outcome: string): void;
}

/**
 * One `info` line per GraphQL operation once it is answered (queries, mutations) or ended
 * (subscriptions): transport, type, name, user id, duration and outcome with the error codes. Never a
 * variable, a header or a token. At `warn` and above nothing is formatted (the counts still go to metrics).
 */
export class OperationLog {
  constructor(
    private readonly log: Logger,
    private readonly counter?: OperationCounter,
  ) {}

  /** Starts timing an operation; the returned function ends it (the second call does nothing). */
  begin(start: OperationStart): (end?: OperationEnd) => void {
    const startedAt = performance.now();
    let ended = false;
    return (end = {}) => {
      if (ended) return;
      ended = true;
      const codes = [...new Set([...(end.errors ?? []).map(codeOf), ...(end.failure ? [end.failure] : [])])];
      const outcome = codes.length > 0 ? 'error' : 'ok';
      this.counter?.operation(start.type, outcome);
      if (!this.log.isLevelEnabled('info')) return;
      const ms = Math.round((performance.now() - startedAt) * 10) / 10;
      this.log.info(
        { transport: start.transport, type: start.type, operation: start.name ?? '(anonymous)', userId: end.userId, ms, outcome, ...(codes.length ? { codes } : {}) },
        'graphql operation',
      );
    };
  }
}

/** An error's code as the client is told it (the log runs before or after masking: both give the same). */
function codeOf(error: GraphQLError): string {
  const code = error.extensions?.code;
  if (typeof code === 'string') return code;
  const known = asDomainError(error.originalError);
  if (known) return known.code;
  return error.originalError ? 'INTERNAL_SERVER_ERROR' : 'GRAPHQL_ERROR';
}

/** The operation's type and name in `document` (null: no single operation to run). */
export function operationOf(document: DocumentNode, operationName: string | null | undefined): { type: string; name: string | null } | null {
  const op = getOperationAST(document, operationName);
  return op ? { type: op.operation, name: op.name?.value ?? operationName ?? null } : null;
}

/**
 * Logs queries and mutations on every transport, and subscriptions over HTTP (SSE). Subscriptions over
 * graphql-ws are logged by its hooks (src/server/graphql-ws.ts): most of them never pass through here.
 */
export function operationLogPlugin(operations: OperationLog, meter: Pick<ServerMeter, 'subscriptionStarted'> | undefined): Plugin {
  return {
    onExecute({ args }) {
      const op = operationOf(args.document, args.operationName);
      const ctx = args.contextValue as unknown as GraphQLContext;
      const end = operations.begin({ transport: ctx.transport, type: op?.type ?? 'unknown', name: op?.name ?? null });
      return {
        onExecuteDone({ result }) {
          // an incremental result (@defer/@stream) is over when its last part is sent; it is logged when it starts
          end({ userId: ctx.knownViewer()?.id, errors: 'errors' in result ? result.errors : undefined });
        },
      };
    },
    onSubscribe({ args }) {
      const ctx = args.contextValue as unknown as GraphQLContext;
      if (ctx.transport !== 'http') return;
      const op = operationOf(args.document, args.operationName);
      const end = operations.begin({ transport: 'sse', type: 'subscription', name: op?.name ?? null });
      return {
        onSubscribeResult({ result }) {
          if (!(Symbol.asyncIterator in result)) return end({ userId: ctx.knownViewer()?.id, errors: result.errors });
          const stop = meter?.subscriptionStarted('sse');
          return {
            onEnd() {
              stop?.();
              end({ userId: ctx.knownViewer()?.id });
            },
          };
        },
        onSubscribeError() {
          end({ userId: ctx.knownViewer()?.id, failure: 'INTERNAL_SERVER_ERROR' });
        },
      };
    },
  };
}
