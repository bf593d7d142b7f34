import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { resolveJwtSecret } from './auth/secret.js';
import { signingKey } from './auth/tokens.js';
import { openDatabase, type Database } from './db/database.js';
import { createServices, type Services } from './modules/services.js';
import type { Bus } from './realtime/bus.js';
import { createRealtime } from './realtime/index.js';
import { createGraphQL, toClientError, UNEXPECTED_ERROR_MESSAGE } from './server/graphql.js';
import { SubscriptionFanout } from './server/subscription-fanout.js';
import { createGraphQLWebSocketServer } from './server/graphql-ws.js';
import { createHttpServer } from './server/http.js';
import { WriteCoalescer } from './server/write-coalescer.js';
import { createOriginOf } from './server/origin.js';
import { createLegacyMount } from './legacy/index.js';

export interface App {
  config: Config;
  database: Database;
  bus: Bus;
  services: Services;
  server: Server;
  /** Listens on config.port (0: any free port); resolves to the base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** The composition root: config → database → bus → services → transports. Nothing else wires. */
export async function createApp(config: Config, log: Logger): Promise<App> {
  const database = await openDatabase(config.database, log);
  if (database.migrations.applied.length > 0) log.info({ applied: database.migrations.applied }, 'database migrated');
  const realtime = await createRealtime(config, log);
  const bus = realtime.bus;
  const secret = signingKey(resolveJwtSecret(config.jwtSecret, config.dataDir, log));
  const services = createServices({
    db: database.prisma,
    ...(database.kind === 'sqlite' ? { sqlite: database.sqlite } : {}),
    bus,
    limits: config.limits,
    dataDir: config.dataDir,
    tokens: { secret, accessTtlSeconds: config.limits.accessTokenTtlSeconds, refreshTtlSeconds: config.limits.refreshTokenTtlSeconds },
    presenceStore: realtime.presenceStore,
  });
  realtime.start();
  const originOf = createOriginOf(config.publicUrl, config.port);
  const yoga = createGraphQL({ services, db: database.prisma, limits: config.limits, log, originOf });
  const fanout = new SubscriptionFanout(
    (error) => toClientError(error, UNEXPECTED_ERROR_MESSAGE, log),
    (err) => log.error({ err }, 'shared subscription delivery failed'),
  );
  // frames to one socket within one burst of fan-out leave in one system call (both dialects)
  const writes = new WriteCoalescer();
  const graphqlWs = createGraphQLWebSocketServer(yoga, config.limits, fanout, writes);
  const legacy = createLegacyMount({ services, bus, limits: config.limits, log, originOf, writes });
  const server = createHttpServer({
    yoga,
    graphqlWs,
    files: services.files,
    limits: config.limits,
    log,
    mounts: [legacy],
    health: async () => {
      const [db, rt] = await Promise.all([database.prisma.$queryRawUnsafe('SELECT 1').then(() => 'ok', () => 'down'), realtime.health()]);
      const ok = db === 'ok' && rt.ok;
      return { ok, status: ok ? 'ok' : 'degraded', node: config.nodeId, database: db, bus: rt.bus, redis: rt.redis, redisConnections: rt.redisConnections };
    },
  });

  return {
    config,
    database,
    bus,
    services,
    server,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          const { port } = server.address() as AddressInfo;
          const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
          resolve(`http://${host}:${port}`);
        });
      }),
    close: async () => {
      for (const ws of graphqlWs.clients) ws.close(1001, 'server shutting down');
      await new Promise<void>((resolve) => graphqlWs.close(() => resolve()));
      await legacy.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await realtime.close();
      await database.close();
    },
  };
}
