import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { resolveJwtSecret } from './auth/secret.js';
import { signingKey } from './auth/tokens.js';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { lockDataDir } from './db/data-dir-lock.js';
import { openDatabase, type Database } from './db/database.js';
import { createRateLimits } from './modules/limits/rate-limits.js';
import { createServices, type Services } from './modules/services.js';
import type { Redis } from 'ioredis';
import type { EventBus, Topics } from './modules/events.js';
import { MemoryPresenceStore, type PresenceStore } from './modules/presence/presence.store.js';
import { RedisPresenceStore } from './modules/presence/redis-presence.store.js';
import { LiveStreams } from './realtime/live-streams.js';
import { createRealtime } from './realtime/index.js';
import { createGraphQL, toClientError, UNEXPECTED_ERROR_MESSAGE } from './server/graphql.js';
import { SubscriptionFanout } from './server/subscription-fanout.js';
import { createGraphQLWebSocketServer } from './server/graphql-ws.js';
import { createHttpServer } from './server/http.js';
import { WriteCoalescer } from './server/sockets/write-coalescer.js';
import { SocketSessions } from './server/sockets/socket-sessions.js';
import { createOriginOf } from './server/origin.js';
import { clientAddress } from './server/request-target.js';
import { corsPolicy } from './server/cors.js';
import { watchFileDescriptors } from './server/fd-watch.js';
import { createLegacyMount } from './legacy/index.js';
import { Metrics } from './observability/metrics.js';
import { OperationLog, operationLogPlugin } from './server/operation-log.js';

export interface App {
  config: Config;
  database: Database;
  bus: EventBus;
  services: Services;
  server: Server;
  /** Listens on config.port (0: any free port); resolves to the base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** An error logger that says each kind of failure at most once per `intervalMs`, with how many were not said. */
function logThrottled(log: Logger, intervalMs: number, message: string): (err: Error) => void {
  let last = 0;
  let unsaid = 0;
  return (err) => {
    const now = Date.now();
    if (now - last < intervalMs) {
      unsaid += 1;
      return;
    }
    log.error({ err, unsaid }, message);
    last = now;
    unsaid = 0;
  };
}

/** Connection counts per (conversation, user): this process's memory, or Redis shared by the nodes with heartbeats. */
function createPresenceStore(config: Config, redis: Redis | undefined, log: Logger): PresenceStore & { start?(): void; close?(): Promise<void> } {
  if (!redis || !config.redis) return new MemoryPresenceStore();
  const store = new RedisPresenceStore({
    redis,
    prefix: config.redis.keyPrefix,
    nodeId: config.nodeId,
    ttlMs: config.presenceTtlSeconds * 1000,
    log: log.child({ component: 'redis' }),
  });
  // after an outage, write this node's counts again at once rather than at the next heartbeat
  redis.on('ready', () => void store.tick());
  return store;
}

/** `promise`'s value, or `late` if it takes longer than `ms` (the promise is left to settle on its own). */
function withinMs<T, L>(promise: Promise<T>, ms: number, late: L): Promise<T | L> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<L>((resolve) => (timer = setTimeout(() => resolve(late), ms)))]).finally(() => clearTimeout(timer));
}

/** The composition root: config → database → bus → services → transports. Nothing else wires. */
export async function createApp(config: Config, log: Logger): Promise<App> {
  // one server per SQLite data directory (a second would write the same file unheard by the first)
  let releaseDataDir = async () => undefined as void;
  if (config.database.kind === 'sqlite') {
    mkdirSync(dirname(config.database.file), { recursive: true });
    releaseDataDir = await lockDataDir(config.database.file);
  }
  const database = await openDatabase(config.database, log).catch(async (e: unknown) => {
    await releaseDataDir();
    throw e;
  });
  if (database.migrations.applied.length > 0) log.info({ applied: database.migrations.applied }, 'database migrated');
  const realtime = await createRealtime<Topics>(config, log);
  const bus = realtime.bus;
  // one registry per app: two apps in one process (the tests) count apart
  const metrics = new Metrics(() => realtime.linkUp());
  const presenceStore = createPresenceStore(config, realtime.redis, log);
  // one live stream per conversation and user on this node, shared by every subscriber and socket
  const streams = new LiveStreams((err, key) => log.error({ err, stream: key }, 'a live stream consumer failed'));
  const secret = signingKey(resolveJwtSecret(config.jwtSecret, config.dataDir, log));
  const rateLimits = createRateLimits({
    settings: config.limits.rates,
    ...(realtime.redis && config.redis ? { redis: { client: realtime.redis, keyPrefix: config.redis.keyPrefix } } : {}),
    // as the settings name them: loginAccount → login_account (RATE_LIMIT_LOGIN_ACCOUNT)
    onLimited: (name) => metrics.limited(name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)),
  });
  const services = createServices({
    rateLimits,
    db: database.prisma,
    ...(database.kind === 'sqlite' ? { sqlite: database.sqlite } : {}),
    bus,
    limits: config.limits,
    dataDir: config.dataDir,
    tokens: { secret, accessTtlSeconds: config.limits.accessTokenTtlSeconds, refreshTtlSeconds: config.limits.refreshTokenTtlSeconds },
    presenceStore,
    streams,
    onError: (err) => log.error({ err }, 'live stream failure'),
    telemetry: metrics,
  });
  // events published while this node's link to the others was down may be lost, here and elsewhere: say so
  realtime.onRecovered(() => services.live.linkRecovered(config.nodeId));
  // the heartbeat starts once the services (which watch the store) exist
  presenceStore.start?.();
  // accounts from before username keys get theirs (one pass; nothing to do after the first start)
  const keyed = await services.users.fillUsernameKeys();
  if (keyed > 0) log.info({ users: keyed }, 'username keys filled in');
  const originOf = createOriginOf(config.publicUrl, config.port);
  const addressOf = (req: IncomingMessage) => clientAddress(req, config.limits.trustedProxyHops);
  const operations = new OperationLog(log, metrics);
  const countError = (code: string) => metrics.error(code);
  const yoga = createGraphQL({
    services,
    db: database.prisma,
    limits: config.limits,
    log,
    originOf,
    addressOf,
    countError,
    operationLog: operationLogPlugin(operations, metrics),
  });
  const fanout = new SubscriptionFanout(
    (error) => toClientError(error, UNEXPECTED_ERROR_MESSAGE, log, countError),
    (err) => log.error({ err }, 'shared subscription delivery failed'),
    config.limits.subscriptionBacklogMax,
  );
  // frames to one socket within one burst of fan-out leave in one system call (both dialects)
  const writes = new WriteCoalescer();
  // sockets by user, both dialects (WS_CONNECTIONS_PER_USER), each held as long as its token and session
  const sockets = new SocketSessions(config.limits.wsConnectionsPerUser, {
    connected: (user) => services.presence.connected(user),
    disconnected: (user) => services.presence.disconnected(user),
    onError: (err) => log.error({ err }, 'last-seen update failed'),
  });
  sockets.start(
    services.sessions.endings(),
    { inactiveAmong: (ids) => services.users.inactiveAmong(ids), closedAmong: (ids) => services.sessions.closedAmong(ids) },
    config.limits.sessionRecheckSeconds * 1000,
    (err) => log.error({ err }, 'socket session check failed'),
  );
  const graphqlWs = createGraphQLWebSocketServer({ yoga, services, limits: config.limits, log, fanout, writes, sockets, meter: metrics, operations });
  const cors = corsPolicy(config.corsOrigins);
  const legacy = createLegacyMount({ services, limits: config.limits, log, originOf, addressOf, writes, sockets, cors, meter: metrics });
  const server = createHttpServer({
    yoga,
    graphqlWs,
    files: services.files,
    limits: config.limits,
    log,
    mounts: [legacy],
    rateLimits,
    addressOf,
    cors,
    metrics: { text: () => metrics.text(), contentType: metrics.registry.contentType, token: config.metricsToken },
    // answered within a second whatever the dependencies do: each is asked with its own bound
    health: async () => {
      const [db, rt] = await Promise.all([
        withinMs(database.prisma.$queryRawUnsafe('SELECT 1').then(() => 'ok' as const, () => 'down' as const), 900, 'timeout' as const),
        realtime.health(),
      ]);
      const ok = db === 'ok' && rt.ok;
      return { ok, status: ok ? 'ok' : 'degraded', node: config.nodeId, database: db, bus: rt.bus, redis: rt.redis, redisConnections: rt.redisConnections };
    },
  });

  let stopFdWatch = () => undefined as void;
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
          server.off('error', reject);
          // accept() failing (out of file descriptors: EMFILE) must not end the process; libuv sheds the
          // connection and accepting resumes as soon as descriptors are free again
          server.on('error', logThrottled(log, 10_000, 'server could not accept a connection'));
          stopFdWatch = watchFileDescriptors(log);
          const { port } = server.address() as AddressInfo;
          const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
          resolve(`http://${host}:${port}`);
        });
      }),
    /**
     * Drains: stops accepting, closes every socket with 1001 (clients reconnect to another node and
     * resume), lets requests in flight finish and every send already taken be stored (nothing
     * acknowledged is lost), then lets go of the dependencies; connections still open after
     * SHUTDOWN_TIMEOUT_SECONDS are cut.
     */
    close: async () => {
      stopFdWatch();
      sockets.stop();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await Promise.all([graphqlWs.close(), legacy.close()]);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, config.shutdownTimeoutMs)));
      await Promise.race([stopped, late]);
      clearTimeout(timer);
      server.closeAllConnections();
      await services.messages.drained();
      await services.searchIndex?.close();
      await presenceStore.close?.();
      await realtime.close();
      await database.close();
      await releaseDataDir();
    },
  };
}
