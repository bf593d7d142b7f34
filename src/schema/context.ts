import type { Db } from '../db/database.js';
import type { Services } from '../modules/services.js';
import type { Viewer } from '../modules/types.js';
import type { RequestOrigin, TokenAuth } from '../modules/users/users.service.js';

/** One context for GraphQL over HTTP and over graphql-ws. */
export interface GraphQLContext {
  services: Services;
  /** plugin-prisma reads the client from here (no module-level client) */
  db: Db;
  /** The authenticated user; throws UNAUTHENTICATED (with the reason) when there is none or the token is bad. */
  viewer(): Promise<Viewer>;
  /** viewer(), with the token's session and expiry (logout, password change). */
  auth(): Promise<TokenAuth>;
  /** The viewer once `viewer()` has resolved in this operation, else undefined: lets per-item fields stay synchronous. */
  knownViewer(): Viewer | undefined;
  /** scheme://host[:port] the client used, for absolute URLs (file links) */
  origin: string;
  /** how the operation came: an HTTP request (SSE included) or a graphql-ws socket */
  transport: 'http' | 'graphql-ws';
  /** where the request comes from, for per-address limits (login, registration) */
  requestOrigin: RequestOrigin;
}

/** `fn(viewer)`, synchronously when the viewer is already known (a field on each of 50 items should not cost a promise each). */
export function withViewer<T>(ctx: GraphQLContext, fn: (viewer: Viewer) => T): T | Promise<T> {
  const known = ctx.knownViewer();
  return known ? fn(known) : ctx.viewer().then(fn);
}
