import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import type { Limits } from '../config.js';
import type { Services } from '../modules/services.js';
import type { HttpMount } from '../server/http.js';
import type { CorsPolicy } from '../server/cors.js';
import type { OriginOf } from '../server/origin.js';
import type { ServerMeter } from '../server/meter.js';
import type { SocketSessions } from '../server/sockets/socket-sessions.js';
import type { WriteCoalescer } from '../server/sockets/write-coalescer.js';
import { createLegacyRouter } from './rest/router.js';
import { createLegacySockets } from './ws/sockets.js';
import { LiveFrames } from './ws/live-frames.js';

export interface LegacyDeps {
  services: Services;
  writes: WriteCoalescer;
  /** sockets by user (WS_CONNECTIONS_PER_USER), shared with graphql-ws */
  sockets: SocketSessions;
  limits: Limits;
  log: Logger;
  originOf: OriginOf;
  /** the client's address (TRUSTED_PROXY_HOPS), for per-address limits */
  addressOf(req: IncomingMessage): string;
  /** CORS_ORIGINS */
  cors: CorsPolicy;
  /** metrics (connections, frames, limits, errors) */
  meter?: ServerMeter;
}

/** The old service's REST routes and sockets, mounted beside GraphQL. */
export function createLegacyMount(deps: LegacyDeps): HttpMount & { close(): Promise<void> } {
  const router = createLegacyRouter(deps);
  const sockets = createLegacySockets({ ...deps, liveFrames: new LiveFrames(deps.services.files) });
  return {
    handleRequest: (req, res, url) => router.handleRequest(req, res, url),
    handleUpgrade: (req, socket, head, url) => sockets.handleUpgrade(req, socket, head, url),
    close: () => sockets.close(),
  };
}
