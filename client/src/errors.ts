/** One error of a GraphQL response, as the server sends it (`extensions.code` is stable, see the README). */
export interface GraphQLErrorShape {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string; reason?: string; [key: string]: unknown };
}

/** A GraphQL response that carried errors (no usable data). */
export class GraphQLRequestError extends Error {
  override readonly name = 'GraphQLRequestError';
  constructor(
    readonly errors: readonly GraphQLErrorShape[],
    /** the HTTP status, when the operation went over HTTP */
    readonly status?: number,
  ) {
    super(errors.map((e) => e.message).join('; ') || 'GraphQL error');
  }

  /** the first error's `extensions.code` */
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

/** The request never got an answer: offline, connection reset, DNS, a timeout. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** An HTTP answer that is not a GraphQL response (a proxy's 502, a 503 page). */
export class HttpStatusError extends Error {
  override readonly name = 'HttpStatusError';
  constructor(
    readonly status: number,
    readonly retryAfterMs: number | null,
  ) {
    super(`HTTP ${status}`);
  }
}

/** The refresh token was refused: the user must log in again. */
export class SessionEndedError extends Error {
  override readonly name = 'SessionEndedError';
  constructor(
    message = 'The session has ended: log in again.',
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

export function codesOf(errors: readonly GraphQLErrorShape[] | undefined): string[] {
  return (errors ?? []).map((e) => e.extensions?.code ?? '');
}

/**
 * An error that a fresh access token may cure: UNAUTHENTICATED, except a login with wrong credentials
 * (which has the same code, reason `invalid_credentials`).
 */
export function isTokenRejection(errors: readonly GraphQLErrorShape[] | undefined): boolean {
  return (errors ?? []).some((e) => e.extensions?.code === 'UNAUTHENTICATED' && e.extensions.reason !== 'invalid_credentials');
}

/** graphql-ws hands a sink an array of GraphQL errors, an Error, or a socket close/error event. */
export function asGraphQLErrors(error: unknown): GraphQLErrorShape[] | undefined {
  if (Array.isArray(error) && error.every((e) => typeof e === 'object' && e !== null && 'message' in e)) return error as GraphQLErrorShape[];
  if (error instanceof GraphQLRequestError) return [...error.errors];
  return undefined;
}
