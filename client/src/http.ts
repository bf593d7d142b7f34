import { GraphQLRequestError, HttpStatusError, NetworkError, SessionEndedError, isTokenRejection, type GraphQLErrorShape } from './errors.js';
import type { TokenManager } from './tokens.js';

export type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** A document as text, or a generated TypedDocumentString (carries its result and variables types). */
export type DocumentInput<TResult = unknown, TVariables = Record<string, unknown>> =
  | string
  | { toString(): string; __apiType?: (variables: TVariables) => TResult };

export type ResultOf<D> = D extends { __apiType?: (variables: never) => infer R } ? R : unknown;
export type VariablesOf<D> = D extends { __apiType?: (variables: infer V) => unknown } ? V : Record<string, unknown>;

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: GraphQLErrorShape[];
}

/**
 * fetch with `Authorization: Bearer <access>` from the token manager (refreshed first when about to
 * expire). When the server answers UNAUTHENTICATED for that token, it refreshes once (shared with
 * every concurrent caller) and sends the request once more. Give it to urql's or Apollo's HTTP
 * transport as their `fetch`.
 */
export function createAuthFetch(tokens: TokenManager, baseFetch: FetchLike): FetchLike {
  return async (input, init) => {
    const access = await tokens.accessToken();
    const response = await baseFetch(input, withBearer(input, init, access));
    if (access === null || !(await rejectsToken(response))) return response;
    let fresh: string;
    try {
      fresh = await tokens.afterRejection(access);
    } catch {
      // the session ended (onSessionEnded said so): the caller sees the server's UNAUTHENTICATED
      return response;
    }
    return baseFetch(input, withBearer(input, init, fresh));
  };
}

function withBearer(input: RequestInfo | URL, init: RequestInit | undefined, access: string | null): RequestInit {
  const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
  if (access) headers.set('authorization', `Bearer ${access}`);
  return { ...init, headers };
}

async function rejectsToken(response: Response): Promise<boolean> {
  if (!(response.headers.get('content-type') ?? '').includes('json')) return false;
  try {
    const body = (await response.clone().json()) as GraphQLResponse<unknown>;
    return isTokenRejection(body.errors);
  } catch {
    return false;
  }
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** give up on an answer after this long (a NetworkError); default: the client's requestTimeoutMs */
  timeoutMs?: number;
}

/**
 * One GraphQL operation over HTTP: a JSON body, or a GraphQL multipart request when `files` maps
 * variable paths to Blobs. Resolves with data; rejects with GraphQLRequestError (the server's
 * errors), HttpStatusError (an answer that is not GraphQL: a proxy's 502) or NetworkError.
 */
export async function postGraphQL<TResult>(
  fetchImpl: FetchLike,
  url: string,
  /** `files`: top-level variable name → Blob (sent as multipart parts, the variable itself null) */
  operation: { query: string; variables?: Record<string, unknown> | undefined; files?: Record<string, Blob> },
  options: RequestOptions & { timeoutMs: number },
): Promise<TResult> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let init: RequestInit;
  if (operation.files && Object.keys(operation.files).length > 0) {
    // github.com/jaydenseric/graphql-multipart-request-spec: operations (files null), map, then the parts
    const form = new FormData();
    const entries = Object.entries(operation.files);
    const variables = { ...operation.variables, ...Object.fromEntries(entries.map(([name]) => [name, null])) };
    form.append('operations', JSON.stringify({ query: operation.query, variables }));
    form.append('map', JSON.stringify(Object.fromEntries(entries.map(([path], i) => [String(i), [`variables.${path}`]]))));
    entries.forEach(([, blob], i) => form.append(String(i), blob, (blob as { name?: string }).name ?? 'file'));
    init = { method: 'POST', body: form, signal };
  } else {
    init = {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query: operation.query, variables: operation.variables }),
      signal,
    };
  }
  let response: Response;
  let body: GraphQLResponse<TResult>;
  try {
    response = await fetchImpl(url, init);
  } catch (e) {
    if (options.signal?.aborted || e instanceof SessionEndedError) throw e;
    throw new NetworkError(timeout.aborted ? `no answer within ${options.timeoutMs} ms` : `request failed: ${(e as Error).message}`, { cause: e });
  }
  try {
    body = (await response.json()) as GraphQLResponse<TResult>;
  } catch (e) {
    if (options.signal?.aborted) throw e;
    if (timeout.aborted || (e as Error).name !== 'SyntaxError') throw new NetworkError(`the answer was cut: ${(e as Error).message}`, { cause: e });
    throw new HttpStatusError(response.status, retryAfterMs(response.headers.get('retry-after')));
  }
  if (body.errors?.length) throw new GraphQLRequestError(body.errors, response.status);
  if (!response.ok || body.data == null) throw new HttpStatusError(response.status, retryAfterMs(response.headers.get('retry-after')));
  return body.data;
}

function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}
