import type { DomainError, ErrorCode } from '../../errors.js';

/** An HTTP answer in DRF's shapes. */
export interface HttpReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A transport-level refusal (bad JSON, wrong media type, missing field) already in DRF's shape. */
export class HttpProblem extends Error {
  constructor(readonly reply: HttpReply) {
    super(`HTTP ${reply.status}`);
  }
}

export const problem = (status: number, body: unknown, headers?: Record<string, string>) => new HttpProblem({ status, body, headers });

/** DRF's per-field validation body: {"field": ["message"]}. */
export const fieldErrors = (errors: Record<string, string>) =>
  problem(400, Object.fromEntries(Object.entries(errors).map(([field, msg]) => [field, [msg]])));

const BEARER = { 'www-authenticate': 'Bearer realm="api"' };
/** Service field names → the old API's names. */
const LEGACY_FIELDS: Record<string, string> = { file: 'files', clientId: 'client_id', upTo: 'up_to' };
const field = (e: DomainError) => (e.details.field ? (LEGACY_FIELDS[e.details.field] ?? e.details.field) : undefined);
const detailOrField = (status: number) => (e: DomainError): HttpReply => {
  const f = field(e);
  return { status, body: f ? { [f]: [e.message] } : { detail: e.message } };
};

type Rule = (e: DomainError) => HttpReply;

/**
 * The one table: DomainError code (and reason, when it changes the answer) → status and DRF-style body.
 * Keys are `CODE:reason` or `CODE`; the most specific wins. Routes whose old answer differs (the token
 * refresh route, /login/) pass overrides with the same keys.
 */
const RULES: Record<string, Rule> = {
  'UNAUTHENTICATED:missing': () => ({ status: 401, body: { detail: 'Authentication credentials were not provided.' }, headers: BEARER }),
  'UNAUTHENTICATED:invalid': () => invalidToken,
  'UNAUTHENTICATED:expired': () => invalidToken,
  'UNAUTHENTICATED:wrong_type': () => invalidToken,
  'UNAUTHENTICATED:revoked': () => invalidToken,
  'UNAUTHENTICATED:token_reused': () => invalidToken,
  'UNAUTHENTICATED:user_inactive': () => ({ status: 401, body: { detail: 'User is inactive', code: 'user_inactive' }, headers: BEARER }),
  'UNAUTHENTICATED:invalid_credentials': () => ({ status: 401, body: { detail: 'No active account found with the given credentials' }, headers: BEARER }),
  UNAUTHENTICATED: (e) => ({ status: 401, body: { detail: e.message }, headers: BEARER }),
  FORBIDDEN: (e) => ({ status: 403, body: { detail: e.message } }),
  'NOT_FOUND:invalid_page': () => ({ status: 404, body: { detail: 'Invalid page.' } }),
  NOT_FOUND: () => ({ status: 404, body: { detail: 'Not found.' } }),
  BAD_USER_INPUT: detailOrField(400),
  // DRF's answer to an over-long field is a 400 on that field; only the upload itself is a 413.
  'PAYLOAD_TOO_LARGE:message_too_long': detailOrField(400),
  PAYLOAD_TOO_LARGE: (e) => ({ status: 413, body: { detail: e.message } }),
  RATE_LIMITED: (e) => ({ status: 429, body: { detail: e.message }, headers: { 'retry-after': String(e.details.retryAfter ?? 1) } }),
  UNAVAILABLE: (e) => ({ status: 503, body: { detail: e.message }, headers: { 'retry-after': String(e.details.retryAfter ?? 5) } }),
  LIMIT_EXCEEDED: (e) => ({ status: 429, body: { detail: e.message } }),
  // e.g. a taken username: DRF's unique validator answers 400 on the field
  CONFLICT: detailOrField(400),
};

const invalidToken: HttpReply = {
  status: 401,
  body: {
    detail: 'Given token not valid for any token type',
    code: 'token_not_valid',
    messages: [{ token_class: 'AccessToken', token_type: 'access', message: 'Token is invalid or expired' }],
  },
  headers: BEARER,
};

export type ErrorOverrides = Partial<Record<ErrorCode | `${ErrorCode}:${string}`, Rule>>;

export function toHttpReply(e: DomainError, overrides: ErrorOverrides = {}): HttpReply {
  const specific = `${e.code}:${e.details.reason ?? ''}` as const;
  const rule = overrides[specific] ?? overrides[e.code] ?? RULES[specific] ?? RULES[e.code];
  return rule ? rule(e) : { status: 500, body: { detail: 'Internal server error.' } };
}
