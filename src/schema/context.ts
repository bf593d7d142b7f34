import type { Db } from '../db/database.js';
import type { Services } from '../modules/services.js';
import type { Viewer } from '../modules/types.js';

/** One context for GraphQL over HTTP and over graphql-ws. */
export interface GraphQLContext {
  services: Services;
  /** plugin-prisma reads the client from here (no module-level client) */
  db: Db;
  /** The authenticated user; throws UNAUTHENTICATED (with the reason) when there is none or the token is bad. */
  viewer(): Promise<Viewer>;
  /** scheme://host[:port] the client used, for absolute URLs (file links) */
  origin: string;
}
