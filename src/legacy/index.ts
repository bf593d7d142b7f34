import type { Logger } from 'pino';
import type { Limits } from '../config.js';
import type { Services } from '../modules/services.js';
import type { Bus } from '../realtime/bus.js';
import type { HttpMount } from '../server/http.js';
import type { OriginOf } from '../server/origin.js';
import type { WriteCoalescer } from '../server/write-coalescer.js';
import { createLegacyRouter } from './rest/router.js';
import { createLegacySockets } from './ws/sockets.js';
import { LegacyRooms } from './ws/rooms.js';
import { LiveFrames } from './ws/socket.js';

export interface LegacyDeps {
  services: Services;
  writes: WriteCoalescer;
  bus: Bus;
  limits: Limits;
  log: Logger;
  originOf: OriginOf;
}

/** The old service's REST routes and sockets, mounted beside GraphQL. */
export function createLegacyMount(deps: LegacyDeps): HttpMount & { close(): Promise<void> } {
  const router = createLegacyRouter(deps);
  const liveFrames = new LiveFrames(deps.services.files);
  const sockets = createLegacySockets({ ...deps, liveFrames, rooms: new LegacyRooms(deps.bus, liveFrames, deps.writes) });
  return {
    handleRequest: (req, res, url) => router.handleRequest(req, res, url),
    handleUpgrade: (req, socket, head, url) => sockets.handleUpgrade(req, socket, head, url),
    close: () => sockets.close(),
  };
}
