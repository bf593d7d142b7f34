/** The WebSocket dialects, as metrics and logs name them. */
export type Dialect = 'graphql-ws' | 'legacy';

/**
 * What the transports report for metrics (src/observability/metrics.ts implements it; tests pass
 * nothing). Plain calls: the transports know no metrics library.
 */
export interface ServerMeter {
  /** a socket of this dialect opened; the returned function is called once when it closes */
  socketOpened(dialect: Dialect): () => void;
  /** a frame written to a socket of this dialect */
  frameSent(dialect: Dialect): void;
  /** a live subscription started (graphql-ws or SSE); the returned function is called once when it ends */
  subscriptionStarted(transport: 'graphql-ws' | 'sse'): () => void;
  /** a limit refused something (`ws_connections_per_user`, `ws_send_buffer`…) */
  limited(limit: string): void;
  /** an error answered to a client, by its code (GraphQL `extensions.code`; legacy: the domain code) */
  error(code: string): void;
}
