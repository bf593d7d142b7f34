/** Stable error codes shared by every transport (GraphQL extensions.code, legacy HTTP status, WS frame). */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'PAYLOAD_TOO_LARGE'
  | 'RATE_LIMITED'
  /** a count a client may not pass at once (subscriptions on a connection...), not a rate */
  | 'LIMIT_EXCEEDED'
  /** a dependency (the database) does not answer: retry after `retryAfter` seconds */
  | 'UNAVAILABLE'
  | 'CONFLICT';

export interface ErrorDetails {
  /** the offending input field */
  field?: string;
  /** a machine-readable snake_case reason (the legacy dialect's error code) */
  reason?: string;
  /** RATE_LIMITED: whole seconds until a retry can succeed */
  retryAfter?: number;
}

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Optional machine-readable detail, e.g. the offending field, or a legacy snake_case reason. */
    readonly details: ErrorDetails = {},
  ) {
    super(message);
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;

export const notFound = (what = 'Not found.') => new DomainError('NOT_FOUND', what);
export const badInput = (message: string, field?: string, reason?: string) =>
  new DomainError('BAD_USER_INPUT', message, { field, reason });
export const unauthenticated = (message = 'Authentication required.', reason?: string) =>
  new DomainError('UNAUTHENTICATED', message, { reason });
/** The database (or another dependency) did not answer: nothing was stored or changed; come back later. */
export const unavailable = (retryAfterSeconds = 5) =>
  new DomainError('UNAVAILABLE', 'The service is unavailable for a moment (the database does not answer). Nothing was changed: try again shortly.', {
    reason: 'unavailable',
    retryAfter: retryAfterSeconds,
  });

/** A refusal that says when to come back (DRF's throttling text, which old clients show as is). */
export const rateLimited = (retryAfterSeconds: number) => {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new DomainError('RATE_LIMITED', `Request was throttled. Expected available in ${seconds} second${seconds === 1 ? '' : 's'}.`, {
    reason: 'rate_limited',
    retryAfter: seconds,
  });
};
