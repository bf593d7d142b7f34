/**
 * WebSocket close codes this server uses beyond each protocol's own (graphql-ws: 4400 bad message,
 * 4401 unauthorized, 4403 forbidden, 4408 no connection_init in time; legacy: 4001, 4003, 4004), the
 * same in both dialects. ADR 017 says what each means for a client.
 */
export const WS_CLOSE = {
  /** the server is shutting down: reconnect (to another node) */
  goingAway: 1001,
  /** legacy notification socket: the link between nodes was down and notifications may be lost: reconnect (the count on connect is exact) */
  serviceRestart: 1012,
  /** more bytes waited to be sent than WS_SEND_BUFFER_MAX_BYTES: the client read too slowly; reconnect and resume */
  slowConsumer: 1013,
  /** the connect needed the database and it did not answer: reconnect after a while */
  tryAgainLater: 1013,
  /** graphql-ws: no operation authenticated within WS_AUTH_TIMEOUT_SECONDS of connecting without a token */
  unauthorized: 4401,
  /** graphql-ws: the token given at connection_init is invalid, expired or not an access token */
  forbidden: 4403,
  /** the user already holds WS_CONNECTIONS_PER_USER sockets on this node: do not retry at once */
  tooManyConnections: 4429,
} as const;
