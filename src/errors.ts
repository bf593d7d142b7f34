/** Stable error codes shared by every transport (GraphQL extensions.code, legacy HTTP status, WS frame). */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'PAYLOAD_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'CONFLICT';

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Optional machine-readable detail, e.g. the offending field, or a legacy snake_case reason. */
    readonly details: { field?: string; reason?: string } = {},
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
